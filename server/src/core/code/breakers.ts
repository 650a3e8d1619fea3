import { blankComments } from '../text/blankComments';
import { breakerRegions, inRegion } from './breakerScopes';
import { hookArgumentRegions } from './componentHooks';
import { goEnvRead, goFieldReads, goFieldSources, goRequestSites } from './go/outbound';

/**
 * Service-to-service calls and circuit-breaker libraries, read from a file's text (no parse: the per-service
 * summary covers files that are not open). The client calls are the ones missing-timeout judges (fetch, axios,
 * got, http(s), request, ky; requests, httpx, aiohttp, urlopen; net/http; RestTemplate, WebClient, HttpClient),
 * kept only when their arguments name another service: a URL to an internal host, or a configured service URL.
 */

/** A call found by the text scan; `target` is the hosts of its URL literals (comma-separated) or the name of a configured service URL. */
export interface CallSite {
  start: number;
  end: number;
  label: string;
  target: string;
  /**
   * 'url': a literal host, judged against the model; 'config': a *_SERVICE_URL / *_API_URL / *_HOST name; 'env' (Go):
   * another variable, a service call only when the deployment sets it to an internal host; 'field' (Go): struct fields
   * (comma-separated) set in another file of the package, followed by the service summary.
   */
  kind: 'url' | 'config' | 'env' | 'field';
  /** Inside a circuit breaker of this file (breakerScopes.ts). */
  guarded?: boolean;
}

export interface FileScan {
  calls: CallSite[];
  /** The circuit-breaker library this file imports or configures, if any. */
  breaker?: string;
  /** How many places of this file run code inside a breaker: when a service has some, its calls are judged one by one. */
  guardedRegions?: number;
  /** Go: struct fields this file sets to a service address (their target), for calls of the package that read them. */
  fields?: Record<string, Target>;
}

type Target = Omit<CallSite, 'start' | 'end' | 'label' | 'guarded'>;

const CALLS: Record<string, RegExp> = {
  js: /\b(?:fetch|request|needle|superagent(?:\.(?:get|post|put|patch|delete))?|axios(?:\.(?:get|post|put|patch|delete|head|request))?|got(?:\.(?:get|post|put|patch|delete|head))?|https?\.(?:get|request)|ky(?:\.(?:get|post|put|patch|delete))?|[\w$]+\.(?:get|post|put|patch|delete|head|request))\s*\(/g,
  py: /\b(?:urlopen|(?:[\w.]+)\.(?:get|post|put|patch|delete|head|request|stream))\s*\(/g,
  go: /\b(?:http\.(?:Get|Post|Head|PostForm)|[\w.]+\.(?:Get|Post|Head))\s*\(/g,
  java: /\.(?:getForObject|getForEntity|postForObject|postForEntity|patchForObject|exchange|put|delete|uri)\s*\(|\bURI\.create\s*\(/g,
};
const LANG: Record<string, string> = { ts: 'js', mts: 'js', cts: 'js', js: 'js', mjs: 'js', cjs: 'js', py: 'py', go: 'go', java: 'java' };

const BREAKERS: [RegExp, string][] = [
  [/['"](opossum|cockatiel)['"]/, '$1'],
  [/^[ \t]*(?:import|from)[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*(pybreaker|circuitbreaker|aiobreaker)\b/m, '$1'],
  [/"github\.com\/(sony\/gobreaker|afex\/hystrix-go|eapache\/go-resiliency\/breaker|mercari\/go-circuitbreaker)/, '$1'],
  [/\b(resilience4j)\b|(@CircuitBreaker)\b|\b(dev\.failsafe|net\.jodah\.failsafe)\b|\b(com\.netflix\.hystrix)\b|(springframework\.cloud\.client\.circuitbreaker)/, '$1$2$3$4$5'],
];

/** Which library to add, by language. */
export const LIBRARY: Record<string, string> = {
  js: 'opossum or cockatiel',
  py: 'pybreaker or circuitbreaker',
  go: 'sony/gobreaker',
  java: "Resilience4j's @CircuitBreaker or Spring Cloud CircuitBreaker",
};

export const languageOf = (path: string): string | undefined => LANG[/\.(\w+)$/.exec(path)?.[1]?.toLowerCase() ?? ''];

/** Names of configured service URLs: ORDERS_SERVICE_URL, PAYMENT_API_URL, INVENTORY_HOST, ordersServiceUrl. */
const SERVICE_NAME = /\b([A-Z][A-Z0-9_]*_(?:SERVICE_URL|SERVICE_ADDR|SERVICE_HOST|API_URL|API_BASE_URL|BASE_URL|HOST|ADDR)|[a-z]\w*(?:Service|Api)(?:Url|Uri|Addr|Address|Host|BaseUrl))\b/g;
/** Hosts and variables of datastores and mail: their clients are not service calls. */
const DATASTORE_NAME = /^(DB|DATABASE|REDIS|POSTGRES|PG|MYSQL|MARIADB|MONGO\w*|ELASTIC\w*|OPENSEARCH|KAFKA|RABBIT\w*|AMQP|MEMCACHED?|CACHE|SMTP|MAIL|NATS|CASSANDRA)_/i;
const URL_HOST = /\bhttps?:\/\/([\w.-]+)/g;
/** Go's `u, err := url.JoinPath(...)`. */
const GO_PAIR = /^[ \t]*([A-Za-z_]\w*)[ \t]*,[ \t]*(?:_|err)[ \t]*:?=(?!=)/gm;
const ALIAS = /^[ \t]*(?:export[ \t]+)?(?:(?:const|let|var|final|private|static|String|val)[ \t]+)*([A-Za-z_]\w*)(?:[ \t]*:[ \t]*[^=\n]+?)?[ \t]*:?=(?!=)/gm;

/** The argument text of the call whose '(' is at `open` (bounded: 400 characters). */
function argsAt(text: string, open: number): string {
  let depth = 0;
  const end = Math.min(text.length, open + 400);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1, end);
}

const LOOKUP = /environ|getenv|\.env\b|config|settings|properties|headers|params|query|cookies|\bMETA\b|\b(GET|POST|FILES|data|kwargs|form|cache)\.get$/i;

/** The first argument of an argument text (the URL, for every client but Go's NewRequest). */
function firstArg(args: string): string {
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) return args.slice(0, i);
  }
  return args;
}

/** The rest of a statement from `start`: to the end of its line, or of the brackets it opens there (bounded). */
function statementAt(text: string, start: number): string {
  let depth = 0;
  const end = Math.min(text.length, start + 600);
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if ((c === '\n' || c === ';') && depth <= 0) return text.slice(start, i);
  }
  return text.slice(start, end);
}

/** The service a piece of code names: a URL host, a configured service URL, or a local variable set from one. */
function targetIn(code: string, aliases: Map<string, Target>): Target | undefined {
  const hosts = [...new Set([...code.matchAll(URL_HOST)].map((m) => m[1].toLowerCase()))];
  if (hosts.length) return { target: hosts.join(','), kind: 'url' };
  // A configured name this file sets to a literal (`ELEVEN_API_URL = "https://api.elevenlabs.io/..."`) is that URL.
  for (const m of code.matchAll(SERVICE_NAME)) if (!DATASTORE_NAME.test(m[1])) return aliases.get(m[1]) ?? { target: m[1], kind: 'config' };
  for (const m of code.matchAll(/[A-Za-z_]\w*/g)) {
    const a = aliases.get(m[0]);
    if (a) return a;
  }
  return undefined;
}

/** The outbound calls to a named target and the breaker library of one file of a service. */
export function scanFile(path: string, text: string): FileScan {
  const lang = languageOf(path);
  const breaker = BREAKERS.map(([re, out]) => re.exec(text)?.[0].replace(re, out)).find((b) => b);
  if (!lang || text.length > 1_000_000) return { calls: [], ...(breaker ? { breaker } : {}) };
  // Code commented out calls nothing (offsets kept, so ranges stay right).
  text = blankComments(text, lang);
  const aliases = new Map<string, Target>();
  // Go: requests are followed through fields in files that build one; fields are read where they may name a service.
  const requests = lang === 'go' && /\bhttp\.NewRequest/.test(text);
  const fieldSources = requests ? goFieldSources(text) : lang === 'go' && /Getenv|LookupEnv|env(?:config)?:"|:\/\//.test(text) ? goFieldSources(text, true) : undefined;
  const resolve = (code: string) => (requests ? goTarget(code, aliases, fieldSources!) : targetIn(code, aliases));
  for (const re of requests ? [ALIAS, GO_PAIR] : [ALIAS]) {
    for (const m of text.matchAll(re)) {
      const statement = statementAt(text, m.index! + m[0].length);
      if (/,\s*$/.test(statement)) continue; // a keyword argument on its own line (`model_name=default_model,`), not an assignment
      const t = resolve(statement);
      if (t && !aliases.has(m[1])) aliases.set(m[1], t);
    }
  }
  const calls: CallSite[] = [];
  // Breakers are often made in one file and applied in another: any file that names one is looked at.
  const regions = breaker || /breaker|circuit|hystrix/i.test(text) ? breakerRegions(lang, text) : [];
  // Code handed to a React hook runs in the browser: not a call of the service.
  const inBrowser = lang === 'js' ? hookArgumentRegions(text) : [];
  for (const m of text.matchAll(CALLS[lang])) {
    const open = m.index! + m[0].length - 1;
    if (inRegion(inBrowser, m.index!)) continue;
    const label = m[0].slice(0, -1).trim().replace(/^\./, '');
    if (LOOKUP.test(label)) continue; // os.environ.get("ORDERS_SERVICE_URL") reads the URL, it does not call it
    const args = argsAt(text, open);
    const t = targetIn(lang === 'go' ? args : firstArg(args), aliases);
    const start = m.index! + (m[0].startsWith('.') ? 1 : 0);
    if (t) calls.push({ start, end: open, label, ...t, ...(inRegion(regions, start) ? { guarded: true } : {}) });
  }
  let fields: Record<string, Target> | undefined;
  if (fieldSources) {
    for (const site of requests ? goRequestSites(text) : []) {
      const t = resolve(site.url);
      if (t) calls.push({ start: site.start, end: site.end, label: site.label, ...t, ...(inRegion(regions, site.start) ? { guarded: true } : {}) });
    }
    calls.sort((a, b) => a.start - b.start);
    for (const [name, source] of fieldSources) {
      const t = goTarget(source, aliases, fieldSources);
      if (t && t.kind !== 'field') (fields ??= {})[name] = t;
    }
  }
  return { calls, ...(breaker ? { breaker } : {}), ...(regions.length ? { guardedRegions: regions.length } : {}), ...(fields ? { fields } : {}) };
}

/**
 * The service a Go expression names: what targetIn finds, else an environment variable it reads, else a struct field
 * set in this file to one of those (followed up to three steps), else the fields it reads, to follow in the package.
 */
function goTarget(code: string, aliases: Map<string, Target>, fields: Map<string, string>, depth = 0): Target | undefined {
  const found = targetIn(code, aliases);
  if (found) return found;
  const env = goEnvRead(code);
  if (env) return DATASTORE_NAME.test(env) ? undefined : { target: env, kind: 'env' };
  const pending: string[] = [];
  for (const name of goFieldReads(code)) {
    const source = fields.get(name);
    const t = source !== undefined && depth < 3 ? goTarget(source, aliases, fields, depth + 1) : undefined;
    if (t && t.kind !== 'field') return t;
    if (source === undefined) pending.push(name);
  }
  return pending.length ? { target: pending.join(','), kind: 'field' } : undefined;
}

/** Whether a URL host is inside the system: a compose host, localhost, a single-label or cluster-internal name. */
export function isInternalHost(host: string, hosts: ReadonlySet<string>): boolean {
  if (hosts.has(host) || host === 'localhost' || /^127\./.test(host) || host === 'host.docker.internal') return true;
  return !host.includes('.') || /\.(svc|local|internal|cluster\.local)$/.test(host);
}

export { DATASTORE_NAME };
