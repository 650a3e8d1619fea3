import { get, isMap, items, str, type DataNode, type MapNode } from '../documents/tree';
import { appendEntry, mergeInserts } from './edits';
import { paramsOf, specOf, type Spec } from '../openapi/spec';
import { generatedFromProto, isGeneratedSpec } from '../openapi/generated';
import type { Operation } from './openapi';
import type { OffsetEdit, Report, Rule, RuleContext } from './types';

/** A security value protects when one of its requirement objects names at least one scheme. */
function protects(security: DataNode | undefined): boolean {
  return items(security).some((req) => isMap(req) && req.entries.length > 0);
}

function schemesOf(root: DataNode, major: 2 | 3): MapNode | undefined {
  const s = major === 2 ? get(root, 'securityDefinitions') : get(get(root, 'components'), 'securitySchemes');
  return isMap(s) && s.entries.length ? s : undefined;
}

/** Defines a bearer scheme and requires it globally; a global requirement that already names a scheme is kept and that scheme defined. */
function addBearerScheme(ctx: RuleContext, root: MapNode, major: 2 | 3): OffsetEdit[] | undefined {
  const scheme: Record<string, string> = major === 2 ? { type: 'apiKey', in: 'header', name: 'Authorization' } : { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' };
  const global = get(root, 'security');
  const named = protects(global) ? items(global).find((r) => isMap(r) && r.entries.length) : undefined;
  const name = isMap(named) ? named.entries[0].key.text : 'bearerAuth';
  const security = named ? undefined : appendEntry(ctx.source, root, 'security', [{ [name]: [] }]);
  let schemes;
  if (major === 2) schemes = appendEntry(ctx.source, root, 'securityDefinitions', { [name]: scheme });
  else {
    const components = get(root, 'components');
    const existing = get(components, 'securitySchemes');
    if (isMap(existing)) schemes = appendEntry(ctx.source, existing, name, scheme);
    else if (isMap(components)) schemes = appendEntry(ctx.source, components, 'securitySchemes', { [name]: scheme });
    else schemes = appendEntry(ctx.source, root, 'components', { securitySchemes: { [name]: scheme } });
  }
  if ((!security && !named) || !schemes) return undefined;
  return mergeInserts(security ? [schemes, security] : [schemes]);
}

function requireOnOperation(ctx: RuleContext, op: Operation, scheme: string): OffsetEdit | undefined {
  return isMap(op.node) ? appendEntry(ctx.source, op.node, 'security', [{ [scheme]: [] }]) : undefined;
}

/** The steps of getting a credential: sign in or up, a token or its refresh, confirming an account, resetting a password. */
const CREDENTIAL_STEP = /^(login|log-in|signin|sign-in|logon|register|registration|signup|sign-up|token|tokens|refresh|refresh-token|confirm|confirmation|verify|verification|activate|forgot-password|forgot|reset-password|password-reset|otp|oauth2?|callback|authorize|sso|saml|oidc|acs)$/i;

/**
 * Endpoints public by design: those the spec tags `public`; the steps of getting a credential; a webhook receiver, which another system calls and
 * which checks that system's signature, not the API's scheme; and what PKI and OAuth protocols serve to anyone
 * (OCSP, certificate revocation lists, the CA certificate, a JWKS, `.well-known` documents).
 */
function issuesCredentials(op: Operation): boolean {
  const segments = op.path.split('/').filter((s) => s && !s.startsWith('{'));
  const last = segments[segments.length - 1] ?? '';
  const signsUp = op.method === 'post' && SIGN_UP_SUMMARY.test(str(get(op.node, 'summary')) ?? '');
  // Creating or rotating a session is signing in (`POST /sessions/email_password`, `POST /sessions/rotate`).
  const opensSession = op.method === 'post' && segments.slice(-2).some((s) => /^sessions?$/i.test(s));
  // The spec says so itself: the operation is tagged `public` (a storefront, a checkout link, a license check).
  if (items(get(op.node, 'tags')).some((t) => /^public$/i.test(str(t) ?? ''))) return true;
  // Or its description does ("This endpoint does not require authentication").
  if (SAYS_PUBLIC.test(`${str(get(op.node, 'summary')) ?? ''}\n${str(get(op.node, 'description')) ?? ''}`)) return true;
  return isCredentialStep(op.path, str(get(op.node, 'operationId'))) || signsUp || opensSession || WEBHOOK_RECEIVER.test(last) || PUBLIC_PROTOCOL.test(last) || segments.includes('.well-known');
}

/** An operation's own words that it is open by design: "does not require authentication", "no authentication required", "a public endpoint". */
const SAYS_PUBLIC = /\b(?:does\s+not|doesn't|do\s+not|don't)\s+(?:require|need)\s+(?:any\s+)?(?:authentication|authorization|auth|a\s+token|credentials|login)\b|\bno\s+(?:authentication|auth|credentials)\s+(?:is\s+)?(?:required|needed)\b|\b(?:is\s+)?(?:a\s+)?public\s+(?:endpoint|route|operation)\b/i;
const WEBHOOK_RECEIVER = /^([\w-]+[-_])?webhooks?$/i;
const PUBLIC_PROTOCOL = /^(ocsp|crl|crls|((view|get|download)[-_])?ca|ca[-_.]?cert(ificate)?s?|jwks(\.json)?)$/i;
/** An operation whose summary says it creates an account: signing up, whatever its path (`POST /users`). */
const SIGN_UP_SUMMARY = /^\s*(registers?|sign(s)?[- ]?up|self[- ]register)\b/i;

/** A step of getting a credential (sign in or up, a token, a reset), by its path or operationId: public by design. */
export function isCredentialStep(path: string, operationId = ''): boolean {
  const segments = path.split('/').filter((s) => s && !s.startsWith('{'));
  return segments.slice(-2).some((s) => CREDENTIAL_STEP.test(s)) || /^(login|signIn|signUp|register|refreshToken|confirm\w*|verify\w*|resetPassword)$/i.test(operationId);
}

/** A parameter that carries a credential: the Authorization or Cookie header, an API-key header, an access token in the query. */
const CREDENTIAL_HEADER = /^(authorization|cookie|x-api-key|api-?key|x-auth-token|x-access-token|x-session-token)$/i;
const CREDENTIAL_QUERY = /^(access_?token|api_?key|apikey|auth_?token)$/i;

/** A secret in the path that is the capability itself (`/checkouts/client/{client_secret}`, `/invites/{invitation_token}`). */
const CAPABILITY_PATH_PARAM = /^(client_secret|\w*_token|\w*Token|token|secret)$/;

/** The credential parameter an operation requires (`Authorization: required`), if any: it is authenticated, only not through a scheme. */
function credentialParam(spec: Spec, op: Operation): string | undefined {
  for (const p of paramsOf(spec, op)) {
    if (p.in === 'path' && CAPABILITY_PATH_PARAM.test(p.name)) return p.name;
    const required = str(get(p.node, 'required')) === 'true';
    if (p.in === 'cookie' && required) return `cookie ${p.name}`;
    if (required && ((p.in === 'header' && CREDENTIAL_HEADER.test(p.name)) || (p.in === 'query' && CREDENTIAL_QUERY.test(p.name)))) return p.name;
  }
  return undefined;
}

export const missingAuth: Rule = {
  id: 'missing-auth',
  kinds: ['openapi'],
  defaultSeverity: 'warning',
  title: 'An API operation has no authentication requirement',
  description:
    'Every API should be authenticated and authorized. Operations with no security requirement (none on the operation and none global, or an explicit `security: []`) can be called by anyone. Define a security scheme and require it globally; let only health probes opt out.',
  check(ctx) {
    const spec = specOf(ctx);
    const reports = authReports(ctx);
    if (!spec || !reports.length || !isGeneratedSpec(ctx)) return reports;
    return asGenerated(reports.map(fromAnnotations), spec.rootKey, spec.apiOps.length);
  },
};

function authReports(ctx: RuleContext): Report[] {
  const spec = specOf(ctx);
  // Probes, the root page and metrics are open by design: only the API's own operations are judged.
  if (!spec || !spec.apiOps.length) return [];
  const { root, version, apiOps: ops } = spec;
  const schemes = schemesOf(root, version.major);
  const globalSecurity = get(root, 'security');
  if (!schemes && generatedFromProto(ctx.source.text, root)) {
    // protoc-gen-openapiv2 writes no scheme unless the .proto declares one: authentication lives in the gateway's
    // middleware, which the spec cannot show.
    return [{
      message: `This spec is generated from .proto files, which declare no security scheme: whether its ${ops.length} operation${ops.length === 1 ? '' : 's'} need authentication is decided by the gateway's middleware; declare the scheme in the .proto's openapiv2 options so the contract says so`,
      at: spec.rootKey,
      severity: 'hint',
    }];
  }
  if (!schemes) {
    const open = ops.filter((op) => !credentialParam(spec, op));
    const edits = addBearerScheme(ctx, root, version.major);
    const key = spec.rootKey;
    if (open.every((op) => issuesCredentials(op))) {
      // Every operation takes its credential as a parameter (or issues one): authenticated, only not through a scheme.
      const carried = [...new Set(ops.map((op) => credentialParam(spec, op)).filter((n) => n !== undefined))];
      return [{
        message: `Authentication is described as parameters (${carried.slice(0, 3).join(', ')}), not as a security scheme: gateways, generated clients and reviewers cannot see which operations need which credential`,
        at: key,
        severity: 'hint',
        fix: edits && { title: 'Add a bearer-token security scheme and require it for every operation', edits },
      }];
    }
    const which = open.length < ops.length ? `${open.length} of ${ops.length} operations ${open.length === 1 ? 'is' : 'are'}` : open.length === 1 ? 'the only operation is' : `all ${open.length} operations are`;
    return [{
      message: `No security scheme is defined: ${which} callable without authentication`,
      at: key,
      related: open.slice(0, 20).map((op) => ({ at: op.key, message: `${op.method.toUpperCase()} ${op.path} is unauthenticated` })),
      fix: edits && { title: 'Add a bearer-token security scheme and require it for every operation', edits },
    }];
  }
  const firstScheme = schemes.entries[0].key.text;
  if (!globalSecurity && !ops.some((op) => get(op.node, 'security'))) {
    // Schemes exist but nothing mentions security at all: one root cause, one finding (not one per operation).
    const open = ops;
    const edit = appendEntry(ctx.source, root, 'security', [{ [firstScheme]: [] }]);
    return [{
      message: `Security schemes are defined but no operation requires one: ${open.length === 1 ? 'the only operation is' : `all ${open.length} operations are`} callable without authentication`,
      at: spec.rootKey,
      related: open.slice(0, 20).map((op) => ({ at: op.key, message: `${op.method.toUpperCase()} ${op.path} is unauthenticated` })),
      fix: edit && { title: `Require '${firstScheme}' for every operation`, edits: [edit] },
    }];
  }
  const reports: Report[] = [];
  const unrequired: Operation[] = [];
  for (const op of ops) {
    const own = get(op.node, 'security');
    const effective = own ?? globalSecurity;
    if (protects(effective)) continue;
    // Signing in, signing up and getting a token come before any credential: public by design.
    if (issuesCredentials(op) || credentialParam(spec, op)) continue;
    if (!own) {
      unrequired.push(op);
      continue;
    }
    const edit = requireOnOperation(ctx, op, firstScheme);
    reports.push({
      message: `${op.method.toUpperCase()} ${op.path} opts out of authentication (\`security\` lists no scheme)`,
      at: op.key,
      fix: edit && { title: `Require '${firstScheme}' on this operation`, edits: [edit] },
    });
  }
  // Most operations naming their own requirement: the open ones are exceptions, each judged on its own.
  const ownRequirement = ops.filter((op) => get(op.node, 'security') !== undefined).length;
  if (unrequired.length === 1 || ownRequirement * 2 > ops.length) {
    for (const op of unrequired) {
      const edit = requireOnOperation(ctx, op, firstScheme);
      reports.push({ message: `${op.method.toUpperCase()} ${op.path} has no security requirement and none applies globally`, at: op.key, fix: edit && { title: `Require '${firstScheme}' on this operation`, edits: [edit] } });
    }
  } else if (unrequired.length > 1) {
    // One cause: no global requirement. One finding, fixed by requiring a scheme for the whole spec.
    const global = appendEntry(ctx.source, root, 'security', [{ [firstScheme]: [] }]);
    // Signing in and getting a token stay public: they opt out of the requirement they would now inherit.
    const keepPublic = ops.filter((op) => !get(op.node, 'security') && issuesCredentials(op)).map((op) => (isMap(op.node) ? appendEntry(ctx.source, op.node, 'security', []) : undefined));
    const edit = global && keepPublic.every((e) => e) ? mergeInserts([global, ...(keepPublic as OffsetEdit[])]) : undefined;
    const report: Report = {
      message: `No security requirement applies globally, and ${unrequired.length} of ${ops.length} operations name none of their own: they are callable without authentication`,
      at: spec.rootKey,
      related: unrequired.slice(0, 20).map((op) => ({ at: op.key, message: `${op.method.toUpperCase()} ${op.path} is unauthenticated` })),
      fix: edit && { title: `Require '${firstScheme}' for every operation (operations with their own \`security\` keep it)`, edits: edit },
    };
    reports.push(report);
    if (ownRequirement > 0) partlyDeclared.set(report, { open: unrequired.length, ops: ops.length });
  }
  return reports;
}

/** Root findings of specs where some operations name a requirement and the others none: how many of how many are open. */
const partlyDeclared = new WeakMap<Report, { open: number; ops: number }>();

/**
 * In a generated spec whose operations name requirements one by one, an operation that names none says only that its
 * route carries no security annotation: a filter or middleware of the code may authenticate it all the same.
 */
function fromAnnotations(report: Report): Report {
  const counts = partlyDeclared.get(report);
  if (!counts) return report;
  return {
    ...report,
    message: `This spec is generated from the code's annotations, and ${counts.open} of its ${counts.ops} operations name no security requirement in it: unless a filter or middleware of the code authenticates them, they are callable without authentication; check the code, and declare the requirement so the contract says so`,
    severity: 'information',
  };
}

/**
 * A generated spec writes each route's security as the code declares it: the operations it leaves open one by one
 * while others name a requirement are the code's choice (sign-in steps, public settings), one information finding
 * listing them. A spec with no scheme or no requirement at all keeps its finding: the code behind it rarely has any.
 */
function asGenerated(reports: Report[], rootKey: Report['at'], ops: number): Report[] {
  const exceptions = reports.filter((r) => r.at !== rootKey);
  if (exceptions.length <= 1) return reports;
  const labels = exceptions.map((r) => /^\S+ \S+/.exec(r.message)![0]);
  return [
    ...reports.filter((r) => r.at === rootKey),
    {
      message: `This spec is generated from the code, and ${exceptions.length} of its ${ops} operations require no authentication in it (${labels.slice(0, 5).join(', ')}${labels.length > 5 ? ', ...' : ''}): the code declares none on them; unless a middleware authenticates them, they are open; check that each is meant to be public, and declare the requirement where it is not`,
      at: rootKey,
      severity: 'information',
      related: exceptions.slice(0, 20).map((r, i) => ({ at: r.at, message: `${labels[i]} is unauthenticated` })),
    },
  ];
}

