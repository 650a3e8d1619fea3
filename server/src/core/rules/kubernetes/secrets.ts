import { isLessonPath } from '../../compose/testSetup';
import { dirname, relative } from 'node:path';
import { isKustomizationName } from '../../documents/classify';
import { entries, get, isScalar, items, str } from '../../documents/tree';
import { findSecrets, isPlaceholder, knownSecret, looksLikeSecret, repeatsItsName, urlPasswords } from '../../secrets/index';
import { secretName } from '../../secrets/names';
import { groupBySecretValue, sameValueNote, type KeyedSecret } from '../../secrets/sameValue';
import { kubeObjects } from '../../workspace/kubernetes/resources';
import type { EnvVar } from '../../workspace/model';
import type { Report, RuleContext } from '../types';
import { checkedWorkloads, isDuplicate } from './workloads';
import { inLocalCluster } from './localCluster';
import { isTestPath } from '../../code/testFiles';

const advice = 'anyone who can read the repository can use it; keep it out of git (a Secret created by the cluster or an external secret store) and reference it with secretKeyRef';

/** A datastore's own initial password: whatever is written there is the password the server starts with. */
const SERVER_PASSWORD = /^(POSTGRES(QL)?_PASSWORD|MYSQL_(ROOT_)?PASSWORD|MARIADB_(ROOT_)?PASSWORD|MONGO_INITDB_ROOT_PASSWORD|RABBITMQ_DEFAULT_PASS|REDIS_PASSWORD|ELASTIC_PASSWORD)$/;
/** Values that stand for no value at all (an empty or generated password, a reference), even there. */
const NO_VALUE = /^(|\$\{.*\}|\$\(.*\)|\$[A-Za-z_]\w*|<.*>|\{\{.*\}\}|true|false|yes|no|null|none)$/i;

/**
 * Whether a key of a committed Secret holds a credential: a known token, a password in a URL, or a secret-named key
 * (`password`, `api_key`, `tls.key`) with a real value; not a host, a database name, a file path, a placeholder or a
 * value that repeats its key (`client_secret: client_secret`). A multi-line value (a config file) holds one if its text does.
 */
function holdsCredential(key: string, value: string): boolean {
  if (/^\$\{|^<.*>$|^\$\(/.test(value) || isPlaceholder(value)) return false;
  if (value.includes('\n')) return findSecrets(value).length > 0;
  if (repeatsItsName(key, value)) return false;
  return !!knownSecret(value) || urlPasswords(value).length > 0 || !!secretName(key);
}

/** A `data` value as the cluster reads it: base64-decoded when it decodes to text. */
function decoded(value: string): string {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value)) return value;
  const text = Buffer.from(value, 'base64').toString('utf8');
  return /^[\x09\x0a\x0d\x20-\x7e]*$/.test(text) && text.length > 0 ? text : value;
}

/** A literal secret, or a weak word (`password`, `admin`) that a datastore takes as its real password. */
function secretKind(name: string, value: string, local: boolean): string | undefined {
  // On a developer's local cluster a datastore's weak default guards the developer's own cluster, as in a compose file for development.
  return looksLikeSecret(name, value) ?? (!local && SERVER_PASSWORD.test(name) && !NO_VALUE.test(value.trim()) ? 'password (a weak default the datastore really starts with)' : undefined);
}

/**
 * Kubernetes: literal secrets in container `env` values and ConfigMap data, Secret manifests committed with their
 * values (base64 is an encoding, not encryption), and Kustomize `secretGenerator` literals. Messages never show a value.
 */
export function kubernetesSecrets(ctx: RuleContext): Report[] {
  const tokens = new Set<Report>();
  const local = inLocalCluster(ctx);
  const out = secretsOf(ctx, tokens, local);
  // A lesson's manifests hold the tutorial's throwaway credentials: only a known token format is a secret there.
  // So do a test's fixtures (`testdata/`, `tests/`).
  if (isLessonPath(ctx.source.path, ctx.workspace?.model?.top) || isTestPath(ctx.source.path, ctx.workspace?.model?.top)) return out.filter((r) => tokens.has(r));
  // A local cluster's credentials guard the developer's own cluster: a hint, unless a known token format (a cloud key).
  return local ? out.map((r) => (tokens.has(r) ? r : { ...r, severity: 'hint' as const })) : out;
}

/** The same secret written in other manifests of the workspace (container env, a ConfigMap key a container reads). */
function elsewhere(ctx: RuleContext, values: string[]): { path: string; key: string; location: EnvVar['location'] }[] {
  const out: { path: string; key: string; location: EnvVar['location'] }[] = [];
  const seen = new Set<string>();
  for (const s of ctx.model?.services ?? []) {
    if (s.origin !== 'kubernetes') continue;
    for (const e of s.environment) {
      if (e.value === undefined || !values.includes(e.value) || !secretKind(e.name, e.value, false)) continue;
      // The ConfigMap it is read from, and the same key and value in other ConfigMaps of that name.
      for (const location of [e.location, ...(e.also ?? [])]) {
        const where = `${location.path}:${location.start}`;
        if (location.path === ctx.source.path || seen.has(where)) continue;
        seen.add(where);
        out.push({ path: location.path, key: e.name, location });
      }
    }
  }
  return out;
}

/** The findings; `tokens` gets those whose value is a known token format, which works wherever it is used. */
function secretsOf(ctx: RuleContext, tokens: Set<Report>, local: boolean): Report[] {
  const out: Report[] = [];
  const pushOne = (r: Report, values: string[]) => {
    out.push(r);
    if (values.some((v) => knownSecret(v))) tokens.add(r);
  };
  // One committed value, one finding across the workspace's manifests: on the first file in path order, naming the others.
  const push = (r: Report, values: string[]) => {
    const others = elsewhere(ctx, values);
    if (others.some((o) => o.path < ctx.source.path)) return;
    if (!others.length) return pushOne(r, values);
    const files = [...new Set(others.map((o) => relative(dirname(ctx.source.path), o.path)))];
    pushOne({ ...r, message: r.message.replace(/: (ConfigMaps are|anyone who)/, ` (also in ${files.join(', ')})$&`), related: [...(r.related ?? []), ...others.map((o) => ({ path: o.path, range: o.location.range, message: `${o.key} holds the same value` }))] }, values);
  };
  for (const w of checkedWorkloads(ctx)) {
    for (const c of w.containers) {
      // One finding per secret value of a container, naming the other keys that hold it.
      const found: KeyedSecret<string>[] = [];
      for (const e of items(get(c.node, 'env'))) {
        const name = str(get(e, 'name'));
        const value = get(e, 'value');
        if (!name || !isScalar(value) || value.value === null) continue;
        const text = String(value.value);
        const kind = secretKind(name, text, local);
        if (kind) found.push({ key: name, values: [text, ...urlPasswords(text).map((p) => text.slice(p.start, p.end))], at: value, first: kind });
      }
      for (const g of groupBySecretValue(found)) {
        const { also, related } = sameValueNote(g);
        push({ message: `${w.object.name}: env ${g.head.key} holds a hardcoded ${g.head.first}${also}: ${advice}`, at: g.head.at, ...(related.length ? { related } : {}) }, g.head.values);
      }
    }
  }
  for (const o of kubeObjects(ctx.data)) {
    if (isDuplicate(ctx, o)) continue;
    if (o.kind === 'ConfigMap') {
      // One finding per secret value: a password also written inside a connection string is one root cause.
      const found: KeyedSecret<string>[] = [];
      for (const e of entries(get(o.node, 'data'))) {
        const text = isScalar(e.value) && e.value.value !== null ? String(e.value.value) : '';
        const kind = text && !text.includes('\n') ? secretKind(e.key.text, text, local) : undefined;
        const inUrl = urlPasswords(text).map((p) => text.slice(p.start, p.end));
        if (!kind && !inUrl.length) continue;
        found.push({ key: e.key.text, values: kind ? [text, ...inUrl] : inUrl, at: e.value, first: kind ?? 'password (in a URL)' });
      }
      for (const g of groupBySecretValue(found)) {
        const { also, related } = sameValueNote(g);
        push({ message: `ConfigMap '${o.name}': ${g.head.key} holds a hardcoded ${g.head.first}${also}: ConfigMaps are plain text to anyone who can read the namespace or the repository; ${advice}`, at: g.head.at, ...(related.length ? { related } : {}) }, g.head.values);
      }
    }
    if (o.kind === 'Secret' && str(get(o.node, 'type')) !== 'kubernetes.io/service-account-token') {
      const keys = ['data', 'stringData'].flatMap((k) => entries(get(o.node, k)).map((e) => ({ e, encoded: k === 'data' }))).filter(({ e, encoded }) => isScalar(e.value) && str(e.value) && holdsCredential(e.key.text, encoded ? decoded(str(e.value)!) : str(e.value)!)).map(({ e }) => e);
      if (keys.length) out.push({ message: `Secret '${o.name}' is committed with its values (${keys.map((k) => k.key.text).join(', ')}): a Secret manifest in git is plaintext, base64 is not encryption; ${advice}`, at: o.nameNode });
    }
  }
  if (isKustomizationName(ctx.source.path)) {
    for (const doc of items(ctx.data)) {
      for (const g of items(get(doc, 'secretGenerator'))) {
        for (const lit of items(get(g, 'literals'))) {
          const text = str(lit) ?? '';
          const eq = text.indexOf('=');
          if (eq > 0 && text.slice(eq + 1) && !isPlaceholder(text.slice(eq + 1))) out.push({ message: `secretGenerator '${str(get(g, 'name')) ?? ''}': ${text.slice(0, eq)} is a literal written in the kustomization: ${advice}`, at: lit });
        }
      }
    }
  }
  return out;
}
