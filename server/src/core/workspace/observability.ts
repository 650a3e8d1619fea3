/**
 * A service's observability, summed up from its files (code/observability/scan.ts), its build files and how it
 * is deployed (OTEL_* environment, agents in JAVA_TOOL_OPTIONS or NODE_OPTIONS, an OpenTelemetry operator
 * annotation): the input of missing-tracing, missing-metrics and unstructured-logging, which report on the
 * service's entry point.
 */
import { DECLARED, SPRING_AUTOCONFIGURED, AGENT_COMMAND, OTEL_JAVA_AGENT, type Concern } from '../code/observability/libraries';
import type { Mark, ObservabilityScan } from '../code/observability/scan';
import { LineIndex, type Range } from '../text/lineIndex';
import type { Edge, Location, ServiceNode, WorkspaceModel } from './model';

export interface Fact {
  label: string;
  path: string;
  start: number;
  end: number;
  range: Range;
}

export interface ServiceObservability {
  /** Where the server starts: the first file (in path order) that starts one. */
  entry?: Fact;
  /** Services it calls or that call it at request time (model edges and its code's calls). */
  peers: string[];
  tracing?: Fact;
  metrics?: Fact;
  structured?: Fact;
  /** Libraries found but not in use: imported and never referenced, declared in a build file only, an API without SDK. */
  unresolved: Partial<Record<'tracing' | 'metrics' | 'structured', Fact>>;
  propagation?: Fact;
  unstructured: Fact[];
  unstructuredCount: number;
  /** How many of those write to the console directly, not through a logger. */
  printCount: number;
  /** Every line its logger writes carries a trace or request id: Spring Boot with Micrometer Tracing, or a log pattern or format that prints one. */
  traceIdsInLogs?: Fact;
  /** Set when the service is platform infrastructure (a config server, a service registry, a monitoring dashboard), by the dependency that makes it one. */
  platform?: Fact;
}

export interface ScannedFile {
  path: string;
  scan: ObservabilityScan;
  fact(m: Mark): Fact;
}

/** Build files and logging configuration read beside a service's code (names relative to its folder). */
export const BUILD_FILE = /^(package\.json|pyproject\.toml|go\.mod|pom\.xml|build\.gradle(\.kts)?|requirements[\w.-]*\.txt|Pipfile|Dockerfile[\w.-]*|[\w.-]*\.Dockerfile|logback[\w-]*\.xml|log4j2[\w-]*\.xml|logging[\w.-]*\.(?:conf|ini|ya?ml|json)|(?:application|bootstrap)[\w-]*\.(?:ya?ml|properties))$/;
export const BUILD_SUBDIRS = ['src/main/resources'];

/**
 * Dependencies that make a service a piece of the platform rather than an application: a configuration server, a
 * service registry, a monitoring dashboard or stream aggregator, an admin server. They serve start-up fetches and
 * people, not the system's request paths.
 */
const PLATFORM_SERVER = /\b(spring-cloud-config-server|spring-cloud-starter-netflix-eureka-server|spring-cloud-netflix-eureka-server|spring-cloud-starter-netflix-hystrix-dashboard|spring-cloud-starter-netflix-turbine(?:-stream)?|spring-boot-admin-starter-server|spring-boot-admin-server)\b/;

/** A log line pattern that prints the trace context (`%X{traceId}`, `%mdc`, Spring Boot's `%correlationId`). */
const TRACE_ID_IN_PATTERN = /traceId|trace_id|spanId|correlationId|%X\{|%mdc|%MDC/;
/** An id the code puts in the logging context, printed by a log pattern (`%X{workflowInstanceId:-0}`, Python's `%(request_id)s`). */
const ID_IN_PATTERN = /%X\{\w*(?:Id|ID|_id)(?::-[^}]*)?\}|%\((?:request_?id|requestId|correlation_?id|correlationId|trace_?id|traceId)\)s/;
const LOG_LAYOUT = /LogstashEncoder|LoggingEventCompositeJsonEncoder|logback\.classic\.encoder\.JsonEncoder|JsonLayout|JSONLayout|JsonTemplateLayout|EcsEncoder|EcsLayout/;
/** A text pattern that writes each line as a JSON object (log4j2 and logback patterns, Python logging formats). */
const JSON_LOG_PATTERN = /(?:\bpattern\s*=\s*|<pattern>\s*|^\s*"?format"?\s*[=:]\s*)['"]?\{\s*(?:"|&quot;|\\")\w/im;
/** Spring Boot's configuration files: what the service exposes and how it logs, whatever its build declares. */
const SPRING_CONFIG = /(?:^|[\\/])(?:application|bootstrap)[\w-]*\.(?:ya?ml|properties)$/;
/** Actuator endpoints exposed for a scraper (`management.endpoints.web.exposure.include: health, prometheus`). */
const METRICS_EXPOSED = /^[ \t]*(?:management\.endpoints\.web\.exposure\.)?include[ \t]*[:=][^\n]*\b(?:prometheus|metrics)\b/m;
/** Spring Boot's structured logging (`logging.structured.format.console: ecs`). */
const STRUCTURED_FORMAT = /\bstructured\b[\s\S]{0,80}?\b(?:console|file)[ \t]*[:=][ \t]*['"]?(?:ecs|logstash|gelf)\b/;
const LOG_CONFIG = /(?:^|[\\/])(?:logback[\w-]*\.xml|log4j2[\w-]*\.xml|logging[\w.-]*\.(?:conf|ini|ya?ml|json))$/;
// `otel` and `tempo` as words of their own: `hotel-reservation` and `contemporary` are applications.
const TELEMETRY_IMAGE = /(?<![a-z])(otel|tempo)|opentelemetry|jaeger|zipkin|datadog|newrelic|elastic-apm|apm-server/i;
const MONITORING = /prometheus|grafana|statsd|victoriametrics|datalust\/seq|loki|fluentd|fluent-bit|logstash|(?<![a-z])(file|metric)beat|promtail|timberio\/vector|graylog|splunk|sentry/i;
const MONITORING_NAME = /^(seq|loki|fluentd|fluent-bit|logstash|graylog|prometheus|grafana)(-|$)/i;

/** A telemetry or monitoring back end (collector, tracing, metrics or log server): edges to it carry telemetry, not requests. */
export function isTelemetryBackend(s: ServiceNode): boolean {
  return isTelemetryImage(s.name, s.image?.value);
}

/** The same, from a service's name and image as written (a compose service outside the model). */
export function isTelemetryImage(name: string, image: string | undefined): boolean {
  const what = `${name} ${image ?? ''}`;
  return TELEMETRY_IMAGE.test(what) || MONITORING.test(what) || MONITORING_NAME.test(name);
}

const REGISTRY_VIA = /eureka|consul|spring[._]cloud[._]config|config[_.-]?(server|uri|import)|discovery/i;
const REGISTRY_NAME = /^(eureka|discovery|registry|service-registry|naming|config)([-_](server|service))?([-_](deployment|svc|statefulset))?$|^(eureka|discovery|config)[-_]?server([-_](deployment|svc|statefulset))?$/i;

/**
 * An edge that is not a request-time call: a health probe (`http://orders/hc`, `IdentityUrlHC`), a token issuer
 * (`IdentityUrl`, `Authority`, `JWKS_URI`), whose keys are fetched once and cached, not per request, or a service
 * registry or configuration server (Eureka, Consul, Spring Cloud Config), or a backend's address of a web front end.
 */
export function isSideEdge(e: Edge, model: WorkspaceModel): boolean {
  if (/(HC|Health\w*|HEALTH\w*)$|^(identity|auth|authority|issuer|jwks|oidc|keycloak|sso)(_?url|_?uri|_?host|_?endpoint)?$/i.test(e.via)) return true;
  // A service registry or a configuration server: registration and start-up fetches, not request-time calls.
  if (REGISTRY_VIA.test(e.via) || REGISTRY_NAME.test(serviceById(model).get(e.to)?.name ?? '')) return true;
  // A backend's address of a web front end (`DASHBOARD_URL` for its CORS origins, its redirects, its e-mails' links)
  // is where browsers come from, not a service it calls.
  if (serviceById(model).get(e.to)?.webFrontEnd && !serviceById(model).get(e.from)?.webFrontEnd) return true;
  const env = serviceById(model).get(e.from)?.environment.find((v) => v.location.path === e.location.path && v.location.start === e.location.start);
  return /^\w+:\/\/[^/\s]+\/(hc|health|healthz|healthcheck|liveness|readiness|ready|livez|readyz)\b/i.test(env?.value ?? '');
}
const servicesById = new WeakMap<WorkspaceModel, Map<string, ServiceNode>>();

/** The model's services by id, made once per model. */
function serviceById(model: WorkspaceModel): Map<string, ServiceNode> {
  let found = servicesById.get(model);
  if (!found) servicesById.set(model, (found = new Map(model.services.map((s) => [s.id, s]))));
  return found;
}
const edgesByService = new WeakMap<WorkspaceModel, Map<string, Edge[]>>();

/** The model's edges by the services at either end, in the model's order, made once per model. */
function edgesTouching(model: WorkspaceModel): Map<string, Edge[]> {
  let found = edgesByService.get(model);
  if (!found) {
    const byService = new Map<string, Edge[]>();
    for (const e of model.edges) for (const id of e.from === e.to ? [e.from] : [e.from, e.to]) (byService.get(id) ?? byService.set(id, []).get(id)!).push(e);
    edgesByService.set(model, (found = byService));
  }
  return found;
}
const AGENT_ENV = /^(JAVA_TOOL_OPTIONS|JAVA_OPTS|_JAVA_OPTIONS|CATALINA_OPTS|NODE_OPTIONS)$/;

const fact = (label: string, location: Location): Fact => ({ label, path: location.path, start: location.start, end: location.end, range: location.range });

function textFact(path: string, text: string, m: RegExpExecArray, label: string): Fact {
  const start = m.index + (m[0].length - m[0].trimStart().length);
  const end = m.index + m[0].length;
  return { label, path, start, end, range: new LineIndex(text).rangeOf(start, end) };
}

/** The services a service talks to synchronously, and what its deployment says about its telemetry. */
function deployment(nodes: ServiceNode[], model: WorkspaceModel): { peers: Set<string>; tracing?: Fact; metrics?: Fact; structured?: Fact } {
  const ids = new Set(nodes.map((n) => n.id));
  const byId = serviceById(model);
  const out: { peers: Set<string>; tracing?: Fact; metrics?: Fact; structured?: Fact } = { peers: new Set() };
  const touching = nodes.length === 1 ? (edgesTouching(model).get(nodes[0].id) ?? []) : model.edges;
  for (const e of touching) {
    if (e.source === 'depends_on' || ids.has(e.from) === ids.has(e.to)) continue;
    const other = byId.get(ids.has(e.from) ? e.to : e.from);
    if (!other || other.datastore) continue;
    if (TELEMETRY_IMAGE.test(`${other.name} ${other.image?.value ?? ''}`)) {
      if (ids.has(e.from)) out.tracing ??= fact(`sends telemetry to ${other.name} (${e.via})`, e.location);
    } else if (!isTelemetryBackend(other) && !isSideEdge(e, model)) out.peers.add(other.name);
  }
  for (const n of nodes) {
    for (const env of n.environment) {
      if (/^OTEL_/.test(env.name) && !/^(OTEL_SDK_DISABLED|OTEL_TRACES_EXPORTER)$/.test(env.name)) out.tracing ??= fact(`${env.name} in its ${n.origin === 'kubernetes' ? 'container' : 'compose'} environment`, env.location);
      if (AGENT_ENV.test(env.name) && OTEL_JAVA_AGENT.test(env.value ?? env.raw ?? '')) out.structured ??= fact(`the OpenTelemetry Java agent in ${env.name} (exports log records)`, env.location);
      if ((AGENT_ENV.test(env.name) && AGENT_COMMAND.test(env.value ?? env.raw ?? '')) || env.name === 'AUTOWRAPT_BOOTSTRAP') {
        out.tracing ??= fact(`an agent in ${env.name}`, env.location);
        out.metrics ??= fact(`an agent in ${env.name}`, env.location);
      }
    }
    const injected = n.workload?.instrumentation;
    if (injected) {
      out.tracing ??= fact(injected.value, injected.location);
      out.metrics ??= fact(injected.value, injected.location);
      if (OTEL_JAVA_AGENT.test(injected.value)) out.structured ??= fact(injected.value, injected.location);
    }
  }
  return out;
}

/** What build files add: agents (Dockerfile), JSON log layouts, Spring Boot starters, and declared-only libraries. */
function buildFacts(builds: { path: string; text: string }[], spring: boolean): { used: Partial<Record<Concern, Fact>>; declared: Partial<Record<Concern, Fact>>; platform?: Fact; traceIdsInLogs?: Fact } {
  const used: Partial<Record<Concern, Fact>> = {};
  const declared: Partial<Record<Concern, Fact>> = {};
  let platformFact: Fact | undefined;
  let springTracing: Fact | undefined;
  let patternWithoutIds = false;
  let idsInPattern: Fact | undefined;
  for (const build of builds) {
    const path = build.path;
    // A dependency commented out of a Maven build is not in it (blanked to keep offsets).
    const text = /\.xml$/i.test(path) ? build.text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' ')) : build.text;
    const agent = AGENT_COMMAND.exec(text);
    if (agent && /Dockerfile/i.test(path)) used.apm ??= textFact(path, text, agent, agent[0]);
    const javaAgent = /Dockerfile/i.test(path) ? OTEL_JAVA_AGENT.exec(text) : null;
    if (javaAgent) used.structured ??= textFact(path, text, javaAgent, `${javaAgent[0]} (exports log records)`);
    if (SPRING_CONFIG.test(path)) {
      const exposed = /management/.test(text) ? METRICS_EXPOSED.exec(text) : null;
      if (exposed) used.metrics ??= textFact(path, text, exposed, `Actuator metrics exposed (${exposed[0].trim()})`);
      const format = STRUCTURED_FORMAT.exec(text);
      if (format) used.structured ??= textFact(path, text, format, "Spring Boot's structured logging");
      if (/\bpattern\.console\s*[:=]|^[ \t]+console[ \t]*:[ \t]*['"]?%/m.test(text) && !TRACE_ID_IN_PATTERN.test(text)) patternWithoutIds = true;
      continue;
    }
    // A log configuration's own line pattern replaces Spring Boot's, which carries the trace id.
    if (LOG_CONFIG.test(path) && /<pattern>|\bpattern\s*=/i.test(text) && !TRACE_ID_IN_PATTERN.test(text)) patternWithoutIds = true;
    // A pattern that prints a context key the code sets in every line (`[WI-%X{workflowInstanceId}]`, `%X{requestId}`):
    // its lines can be searched by that id.
    const ids = LOG_CONFIG.test(path) ? ID_IN_PATTERN.exec(text) : null;
    if (ids) idsInPattern ??= textFact(path, text, ids, `a log pattern with ${ids[0]}`);
    const layout = LOG_CONFIG.test(path) ? LOG_LAYOUT.exec(text) : null;
    if (layout) used.structured ??= textFact(path, text, layout, layout[0]);
    const jsonPattern = LOG_CONFIG.test(path) ? JSON_LOG_PATTERN.exec(text) : null;
    if (jsonPattern) used.structured ??= textFact(path, text, jsonPattern, 'a JSON log pattern');
    if (/Dockerfile/i.test(path) || LOG_CONFIG.test(path)) continue;
    const platform = PLATFORM_SERVER.exec(text);
    if (platform) platformFact ??= textFact(path, text, platform, platform[0]);
    for (const [concern, re] of SPRING_AUTOCONFIGURED) {
      const m = spring ? re.exec(text) : null;
      if (m) used[concern] ??= textFact(path, text, m, m[0]);
      if (m && concern === 'tracing') springTracing ??= textFact(path, text, m, m[0]);
    }
    // go.mod's `// indirect` requirements come with another module: nothing of the service's declares them.
    const direct = /(^|[\\/])go\.mod$/.test(path) ? text.replace(/^.*\/\/\s*indirect\b.*$/gm, (l) => ' '.repeat(l.length)) : text;
    for (const [concern, re] of DECLARED) {
      const m = re.exec(direct);
      if (m) declared[concern] ??= textFact(path, text, m, m[0].replace(/^["'\s]/, ''));
    }
  }
  const traceIdsInLogs = springTracing && !patternWithoutIds ? springTracing : idsInPattern;
  return { used, declared, ...(platformFact ? { platform: platformFact } : {}), ...(traceIdsInLogs ? { traceIdsInLogs } : {}) };
}

export function summarizeObservability(files: ScannedFile[], builds: { path: string; text: string }[], nodes: ServiceNode[], model: WorkspaceModel, callTargets: string[]): ServiceObservability {
  const deploy = deployment(nodes, model);
  // A configured name (CATALOGUE_HOST) is listed only when the model names no peer.
  const named = callTargets.filter((t) => !/^[A-Z][A-Z0-9_]*$|[a-z][A-Z]/.test(t));
  const peers = [...new Set([...deploy.peers, ...named])];
  if (!peers.length) peers.push(...new Set(callTargets));
  const out: ServiceObservability = { peers, unresolved: {}, unstructured: [], unstructuredCount: 0, printCount: 0 };
  const found: Partial<Record<Concern, Fact>> = {};
  const unused: Partial<Record<Concern, Fact>> = {};
  for (const f of files) {
    if (f.scan.entry && !out.entry) out.entry = f.fact(f.scan.entry);
    for (const l of f.scan.libraries) (l.used ? found : unused)[l.concern] ??= f.fact(l);
    if (f.scan.propagation) out.propagation ??= f.fact(f.scan.propagation);
    if (f.scan.idsInLines) out.traceIdsInLogs ??= f.fact(f.scan.idsInLines);
    for (const u of f.scan.unstructured) if (out.unstructured.length < 5) out.unstructured.push(f.fact(u));
    out.unstructuredCount += f.scan.unstructuredCount;
    out.printCount += f.scan.printCount ?? 0;
  }
  const build = buildFacts(builds, /SpringApplication\.run/.test(out.entry?.label ?? ''));
  if (build.platform) out.platform = build.platform;
  if (build.traceIdsInLogs) out.traceIdsInLogs ??= build.traceIdsInLogs;
  const has = (c: Concern) => found[c] ?? build.used[c];
  out.tracing = has('tracing') ?? has('apm') ?? deploy.tracing;
  out.metrics = has('metrics') ?? has('apm') ?? deploy.metrics;
  out.structured = has('structured') ?? deploy.structured;
  const unresolved = (c: Concern) => unused[c] ?? build.declared[c];
  const tracing = out.tracing ? undefined : (found['tracing-api'] ?? unresolved('tracing') ?? unresolved('apm') ?? unused['tracing-api']);
  const metrics = out.metrics ? undefined : (unresolved('metrics') ?? unresolved('apm'));
  const structured = out.structured ? undefined : unresolved('structured');
  // Only the keys that hold a fact (no delete: it would make the object slow to read).
  if (tracing) out.unresolved.tracing = tracing;
  if (metrics) out.unresolved.metrics = metrics;
  if (structured) out.unresolved.structured = structured;
  return out;
}
