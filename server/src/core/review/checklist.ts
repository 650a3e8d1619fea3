/**
 * The persona's architecture review checklist, each item decided from findings and model facts. An item is
 * "not met" when a warning or error of one of its rules is present (or a fact says so), "met" when the facts it
 * needs are there and none of its rules fires, and "unknown" when nothing in the workspace can tell.
 */
import { severityRank, type Finding } from '../findings';
import type { ReviewInput, ChecklistResult, Evidence, Verdict } from './types';
import { arrows } from './graph';
import { ANALYSIS_RULES } from './groups';

const MAX_EVIDENCE = 8;

interface Facts {
  input: ReviewInput;
  byRule: Map<string, Finding[]>;
  apps: ReviewInput['model']['services'];
}

interface Item {
  item: string;
  /** Rules whose warnings make the item "not met". */
  rules: readonly string[];
  /** The verdict when none of the rules has a warning; `undefined` leaves it to the rules (met, or unknown without facts). */
  decide(f: Facts, fired: Finding[]): Decision;
}

/** `fact`: what stays true when the item's rules overrule the verdict (a contract exists, but ...). */
type Decision = { verdict: Verdict; reason: string; evidence: Evidence[]; fact?: string };

const at = (path: string, line: number, note: string): Evidence => ({ path, line, note });
const fromFinding = (f: Finding): Evidence => at(f.path, f.range.start.line + 1, `${f.ruleId}: ${f.message.length > 140 ? `${f.message.slice(0, 137)}...` : f.message}`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const TELEMETRY_IMAGE = /(prometheus|grafana|jaeger|zipkin|otel|opentelemetry|tempo|loki|datadog|newrelic|apm-server|fluent|signoz|honeycomb)/i;
const TELEMETRY_ENV = /^(OTEL_|OPENTELEMETRY|JAEGER_|ZIPKIN|PROMETHEUS|DD_(AGENT|TRACE|ENV|SERVICE)|NEW_RELIC|SENTRY_DSN|APPLICATIONINSIGHTS|ENABLE_TRACING|TRACING_|METRICS_)/i;

function hasFacts(f: Facts): boolean {
  return f.input.model.services.length > 0 || f.input.specs.length > 0 || f.input.filesChecked > 0;
}

const ITEMS: readonly Item[] = [
  {
    item: 'Requirements and constraints are written down',
    rules: [],
    decide({ input }) {
      const docs = input.documents.filter((d) => !/(^|[/\\])readme[^/\\]*$/i.test(d));
      if (docs.length) return { verdict: 'met', reason: `${plural(docs.length, 'design document')} beside the code.`, evidence: docs.map((d) => at(d, 1, 'design document')) };
      const readme = input.documents.filter((d) => /(^|[/\\])readme[^/\\]*$/i.test(d));
      if (readme.length) return { verdict: 'unknown', reason: 'Only a README: whether it states the requirements and constraints cannot be told from here.', evidence: readme.map((d) => at(d, 1, 'README')) };
      return { verdict: 'unknown', reason: 'No requirements, design or architecture document in the folder; they may live elsewhere.', evidence: [] };
    },
  },
  {
    item: 'Service boundaries follow DDD',
    rules: ['shared-database'],
    decide({ input, apps }) {
      if (apps.length < 2) return { verdict: 'unknown', reason: apps.length ? 'A single service: there is no boundary between services to judge.' : 'No service found.', evidence: [] };
      const stores = input.model.services.filter((s) => s.datastore);
      const owners = stores.map((s) => ({ s, users: [...new Set(input.model.edges.filter((e) => e.to === s.id && e.source !== 'depends_on').map((e) => e.from))] }));
      return {
        verdict: 'met',
        reason: `${plural(apps.length, 'service')}; no database is shared between them${stores.length ? ` (${plural(stores.length, 'datastore')})` : ''}.`,
        fact: `${plural(apps.length, 'service')}, ${plural(stores.length, 'datastore')}.`,
        evidence: owners.map(({ s, users }) => at(s.location.path, s.location.range.start.line + 1, `${s.id} used by ${users.join(', ') || 'no service found'}`)),
      };
    },
  },
  {
    item: 'API contracts are defined (OpenAPI or GraphQL)',
    rules: ['missing-error-responses', 'unversioned-api', 'unbounded-input', 'missing-pagination', 'missing-idempotency-key'],
    decide({ input, apps }) {
      const contracts = [...input.specs.map((s) => at(s.path, 1, `OpenAPI: ${s.title ?? 'untitled'}, ${plural(s.operations, 'operation')}`)), ...input.contracts.map((c) => at(c, 1, 'API contract'))];
      const found = `${plural(contracts.length, 'contract')} found (OpenAPI, GraphQL or protobuf).`;
      if (contracts.length) return { verdict: 'met', reason: found, evidence: contracts, fact: found };
      const code = input.model.codeServices.length;
      if (apps.length || code) return { verdict: 'not met', reason: `No OpenAPI, GraphQL or protobuf contract for ${plural(apps.length + code, 'service')}.`, evidence: apps.map((s) => at(s.location.path, s.location.range.start.line + 1, `${s.id}: no contract found`)) };
      return { verdict: 'unknown', reason: 'No service and no API contract found.', evidence: [] };
    },
  },
  {
    item: 'Communication patterns are chosen (sync or async)',
    rules: [],
    decide({ input, apps }) {
      const all = arrows(input.model);
      const sync = all.filter((a) => a.kind === 'http').length;
      const queues = all.filter((a) => a.kind === 'queue').length;
      if (!all.length) return { verdict: 'unknown', reason: apps.length > 1 ? 'No connection between the services was found in their configuration or code.' : 'No connection found.', evidence: [] };
      const edges = input.model.edges.filter((e) => e.source !== 'depends_on');
      return {
        verdict: 'met',
        reason: `${plural(sync, 'synchronous HTTP connection')}, ${plural(queues, 'connection')} through a broker, ${plural(all.length - sync - queues, 'other connection')} (datastores, depends_on).`,
        evidence: edges.map((e) => at(e.location.path, e.location.range.start.line + 1, `${e.from} -> ${e.to} via ${e.via}`)),
      };
    },
  },
  {
    item: 'Resilience patterns are in place',
    rules: ['missing-timeout', 'missing-circuit-breaker', 'retry-without-backoff', 'missing-healthcheck', 'depends-on-without-condition', 'missing-restart-policy', 'single-replica'],
    decide: (f) => (hasFacts(f) && (f.apps.length || f.input.model.codeServices.length) ? { verdict: 'met', reason: 'No missing timeout, breaker, backoff, healthcheck or restart policy was found.', evidence: [] } : { verdict: 'unknown', reason: 'No service or service code found.', evidence: [] }),
  },
  {
    item: 'The observability strategy is defined',
    rules: ['missing-correlation-id', 'missing-health-endpoint'],
    decide({ input, byRule }, fired) {
      const telemetry: Evidence[] = [];
      for (const s of input.model.services) {
        if (s.image && TELEMETRY_IMAGE.test(s.image.value)) telemetry.push(at(s.location.path, s.location.range.start.line + 1, `${s.id}: ${s.image.value}`));
        const env = s.environment.find((e) => TELEMETRY_ENV.test(e.name));
        if (env) telemetry.push(at(env.location.path, env.location.range.start.line + 1, `${s.id}: ${env.name}`));
      }
      const notes = ['missing-correlation-id', 'missing-health-endpoint'].flatMap((r) => byRule.get(r) ?? []);
      if (telemetry.length && !fired.length) return { verdict: 'met', reason: 'Telemetry (tracing, metrics or log shipping) is configured.', evidence: telemetry };
      if (notes.length) return { verdict: 'not met', reason: 'No tracing or metrics set-up was found, and the analyzer notes missing request ids or health endpoints.', evidence: notes.map(fromFinding) };
      return { verdict: 'unknown', reason: 'No telemetry set-up and no observability finding: nothing here tells.', evidence: telemetry };
    },
  },
  {
    item: 'The security architecture has been reviewed',
    rules: ['missing-auth', 'hardcoded-secret', 'credentials-in-query', 'insecure-server-url', 'exposed-database-port', 'missing-rate-limit'],
    decide(f) {
      if (!hasFacts(f)) return { verdict: 'unknown', reason: 'Nothing was analyzed.', evidence: [] };
      // Authentication is judged on OpenAPI specs only: without one, a clean result says too little.
      if (!f.input.specs.length) return { verdict: 'unknown', reason: 'No hardcoded secret or exposed datastore was found, but with no OpenAPI spec authentication and transport security cannot be judged.', evidence: [] };
      return { verdict: 'met', reason: 'No missing authentication, hardcoded secret, exposed datastore or plain-HTTP server was found.', evidence: f.input.specs.map((s) => at(s.path, 1, `OpenAPI: security schemes ${s.securitySchemes.join(', ') || 'none'}`)) };
    },
  },
  {
    item: 'A caching strategy is planned',
    rules: [],
    decide({ input, byRule }) {
      const caches = input.model.services.filter((s) => s.datastore?.category === 'cache');
      const used = caches.filter((c) => input.model.edges.some((e) => e.to === c.id));
      if (used.length) return { verdict: 'met', reason: `${plural(used.length, 'shared cache')} in use (${used.map((c) => c.id).join(', ')}).`, evidence: used.map((c) => at(c.location.path, c.location.range.start.line + 1, `${c.id}: ${c.datastore!.kind}`)) };
      const local = byRule.get('in-memory-state') ?? [];
      if (local.length) return { verdict: 'not met', reason: 'State is kept in process memory and no shared cache is used.', evidence: local.map(fromFinding) };
      return { verdict: 'unknown', reason: 'No cache found: whether the system needs one cannot be told from here.', evidence: [] };
    },
  },
  {
    item: 'The deployment strategy is written down',
    rules: ['unpinned-image', 'missing-resource-limits', 'single-replica', 'render-error', 'stateful-service'],
    decide({ input }) {
      const kinds = deploymentKinds(input);
      if (!kinds.length) return { verdict: 'unknown', reason: 'No compose file, Kubernetes manifest or Helm chart found.', evidence: [] };
      const first = input.model.services.slice(0, MAX_EVIDENCE).map((s) => at(s.location.path, s.location.range.start.line + 1, `${s.id} (${s.origin ?? 'compose'})`));
      return { verdict: 'met', reason: `Deployed with ${kinds.join(', ')}; images pinned, limits set.`, evidence: first, fact: `Deployed with ${kinds.join(', ')}.` };
    },
  },
  {
    item: 'Trade-offs and the alternatives considered are written down',
    rules: [],
    decide({ input }) {
      const adrs = input.documents.filter((d) => /(^|[/\\])(adrs?|decisions?|rfcs?)([/\\]|[-_ .][^/\\]*$)/i.test(d));
      if (adrs.length) return { verdict: 'met', reason: `${plural(adrs.length, 'decision record')} found.`, evidence: adrs.map((d) => at(d, 1, 'decision record')) };
      return { verdict: 'unknown', reason: 'No architecture decision records (adr/, decisions/) found.', evidence: [] };
    },
  },
];

export function deploymentKinds(input: ReviewInput): string[] {
  const kinds: string[] = [];
  if (input.model.services.some((s) => !s.origin)) kinds.push('Docker Compose');
  if (input.model.services.some((s) => s.origin === 'kubernetes')) kinds.push('Kubernetes');
  if (input.files.helm?.length) kinds.push('Helm');
  return kinds;
}

export function evaluateChecklist(input: ReviewInput): ChecklistResult[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of input.findings) if (!ANALYSIS_RULES.has(f.ruleId)) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const facts: Facts = { input, byRule, apps: input.model.services.filter((s) => !s.datastore) };
  return ITEMS.map((it) => {
    const fired = it.rules.flatMap((r) => byRule.get(r) ?? []).filter((f) => severityRank(f.severity) <= severityRank('warning'));
    const decided = it.decide(facts, fired);
    if (fired.length && decided.verdict !== 'not met') {
      const rules = [...new Set(fired.map((f) => f.ruleId))];
      const but = `${plural(fired.length, 'finding')} of ${rules.join(', ')}.`;
      return { item: it.item, verdict: 'not met', reason: decided.fact ? `${decided.fact} But: ${but}` : but, evidence: [...fired.map(fromFinding), ...decided.evidence] };
    }
    return { item: it.item, verdict: decided.verdict, reason: decided.reason, evidence: decided.evidence };
  });
}

export { MAX_EVIDENCE };
