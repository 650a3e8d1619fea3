/**
 * Reads connection targets out of configuration values: URLs (postgres://, mongodb+srv://, redis://, amqp://,
 * http://), JDBC URLs, and bare hosts in host-like variables (DB_HOST=db, KAFKA_BOOTSTRAP_SERVERS=kafka:9092).
 * The database comes from the URL path or from a sibling variable (DB_HOST + DB_NAME, spring.data.mongodb.database).
 */
import { memoByString } from '../text/memo';
export interface KeyValue<L> {
  /** Variable or key name as written (`DATABASE_URL`, `spring.datasource.url`); '' for a bare literal. */
  name: string;
  value: string;
  location: L;
}

export interface Connection<L> {
  host: string;
  database?: string;
  scheme?: string;
  via: string;
  location: L;
}

/** A URL ends at a blank, a quote, or the comma before another URL (`https://a,https://b`). */
const URL_RE = /\b(jdbc:[a-z0-9]+:(?:thin:)?(?:@\/\/|@|\/\/)?|[a-z][a-z0-9+.-]*:\/\/)((?:[^\s'"`<>,]|,(?![a-z][a-z0-9+.-]*:\/\/))*)/gi;
const HOST_NAME = /(^|_)(HOST|HOSTNAME|HOSTS|SERVER|SERVERS|ADDRS?|ADDRESS(ES)?|NODES|BROKERS?|BOOTSTRAP_SERVERS|ENDPOINT|SERVICE)$/;
/** Where browsers may come from (CORS origins, allowed or trusted hosts): names the service is called by, not calls. */
const ORIGIN_LIST = /(^|_)(CORS|ORIGINS?|ALLOWED_HOSTS?|TRUSTED_HOSTS?|CSRF_TRUSTED)(_|$)/;
const DB_SUFFIX = ['DB', 'DATABASE', 'DB_NAME', 'DATABASE_NAME', 'DBNAME', 'NAME', 'KEYSPACE'];
const SKIP_SCHEMES = /^(file|data|mailto|git|ssh|s3|gs|unix|about|chrome|vscode)$/i;

export const normalizeKey: (name: string) => string = memoByString((name) => name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').toUpperCase(), 20_000, 200);

/** Every connection target written in one scope (a service's environment, or one config file). */
export function connectionsOf<L>(pairs: KeyValue<L>[]): Connection<L>[] {
  const out: Connection<L>[] = [];
  const normalized = pairs.map((p) => normalizeKey(p.name));
  // The variables by normalized name, for a bare host's database: made only when a value is one.
  let keys: Map<string, string> | undefined;
  pairs.forEach((p, i) => {
    const key = normalized[i];
    const urls = valueTargets(p.value);
    for (const u of urls) out.push(u.database === undefined ? { host: u.host, scheme: u.scheme, via: p.name, location: p.location } : { host: u.host, database: u.database, scheme: u.scheme, via: p.name, location: p.location });
    if (urls.length || !key || !HOST_NAME.test(key)) return;
    const prefix = key.replace(HOST_NAME, '');
    for (const host of bareHosts(p.value)) {
      keys ??= new Map(pairs.flatMap((x, j) => (x.name ? [[normalized[j], x.value] as const] : [])));
      out.push({ host, database: siblingDatabase(keys, prefix), via: p.name, location: p.location });
    }
  });
  return out;
}

/** The hosts one variable names, without the database (which may come from a sibling variable): connectionsOf of it alone. */
export function pairHosts(name: string, value: string): { host: string; scheme?: string }[] {
  if (ORIGIN_LIST.test(normalizeKey(name))) return [];
  const urls = valueTargets(value);
  if (urls.length) return urls.map((u) => ({ host: u.host, scheme: u.scheme }));
  const key = normalizeKey(name);
  return key && HOST_NAME.test(key) ? bareHosts(value).map((host) => ({ host })) : [];
}

/** The URL and ADO.NET targets of a value, cached by value: each model rebuild reads the same values again. */
const valueTargets: (value: string) => readonly UrlTarget[] = memoByString((value) => [...urlTargets(value), ...adoTargets(value)]);

function siblingDatabase(keys: Map<string, string>, prefix: string): string | undefined {
  const pre = prefix ? `${prefix}_` : '';
  for (const s of DB_SUFFIX) {
    const v = keys.get(pre + s);
    if (v && /^[\w.$-]+$/.test(v) && !(s === 'NAME' && !prefix && !keys.has('ENGINE'))) return v;
  }
  // Django's DATABASES = {'default': {'ENGINE': ..., 'NAME': 'x', 'HOST': ...}}
  if (keys.has('ENGINE') && keys.get('NAME')) return keys.get('NAME');
  if (!prefix) return undefined;
  for (const k of ['DB_NAME', 'DATABASE_NAME', 'DB_DATABASE']) if (keys.get(k)) return keys.get(k);
  return undefined;
}

/** `db`, `db:5432`, `kafka-1:9092,kafka-2:9092`: the host names, without ports. */
function bareHosts(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((h) => h.replace(/:\d+$/, '').trim())
    .filter((h) => /^[a-zA-Z][\w.-]*$/.test(h));
}

/** ADO.NET/ODBC-style `Server=db;Database=votes;...` (also Host=, Data Source=, Initial Catalog=). */
export function adoTargets(text: string): UrlTarget[] {
  const body = text.replace(/^(mysql|pgsql|sqlsrv|oci|odbc):/i, ''); // PHP PDO DSNs: mysql:host=db;dbname=x
  if (!/;/.test(body) || !/(^|;)\s*(server|host|data source|address|addr)\s*=/i.test(body)) return [];
  const pairs = new Map(body.split(';').map((kv) => kv.split('=').map((x) => x.trim())).filter((kv) => kv.length === 2).map(([k, v]) => [k.toLowerCase(), v]));
  const host = ['server', 'host', 'data source', 'address', 'addr'].map((k) => pairs.get(k)).find((v) => v);
  const database = pairs.get('database') ?? pairs.get('initial catalog') ?? pairs.get('dbname');
  const h = host?.replace(/^tcp:/i, '').replace(/[,:]\d+$/, '');
  return h && /^[a-zA-Z][\w.-]*$/.test(h) ? [{ host: h, database: database && /^[\w.-]+$/.test(database) ? database : undefined, scheme: 'ado' }] : [];
}

export interface UrlTarget {
  host: string;
  database?: string;
  scheme: string;
}

/** The hosts and database of every URL in a text (several for multi-host URLs such as mongodb://a,b/db). */
export function urlTargets(raw: string): UrlTarget[] {
  const out: UrlTarget[] = [];
  if (!raw.includes(':')) return out; // every URL_RE match has one (`://`, `jdbc:`): most values are no URL
  // Spring's ${DB_HOST:mysql} and the shell's ${DB_HOST:-mysql}: read the default.
  const text = raw.replace(/\$\{[A-Za-z_][\w.]*:-?([^}$]*)\}/g, '$1');
  for (const m of text.matchAll(URL_RE)) {
    const prefix = m[1].toLowerCase();
    const scheme = prefix.startsWith('jdbc:') ? prefix.split(':')[1] : prefix.slice(0, -3);
    if (SKIP_SCHEMES.test(scheme)) continue;
    let rest = m[2];
    const at = rest.lastIndexOf('@', rest.search(/[/?;]|$/) === -1 ? rest.length : rest.search(/[/?;]|$/));
    if (at >= 0) rest = rest.slice(at + 1);
    const hostPart = /^[^/?;#]*/.exec(rest)![0];
    const tail = rest.slice(hostPart.length);
    const database = databaseOf(scheme, tail);
    for (const h of hostPart.split(',')) {
      const host = h.replace(/^\[|\](:\d+)?$/g, '').replace(/:[^:]*$/, '');
      if (/^[a-zA-Z][\w.-]*$/.test(host) && !host.includes('$')) out.push({ host, database, scheme });
      // A host filled in at run time (%s, {}, ${HOST}) still names the database: '' lets the model match it by scheme.
      else if (database && /%s|\{\w*\}|\$\{|%\(\w+\)s/.test(h)) out.push({ host: '', database, scheme });
    }
  }
  return out;
}

function databaseOf(scheme: string, tail: string): string | undefined {
  if (scheme === 'sqlserver') return /databaseName=([\w.-]+)/i.exec(tail)?.[1];
  if (/^https?$|^wss?$|^amqps?$|^nats$|^kafka$/.test(scheme)) return undefined;
  const m = /^\/([\w.$-]+)/.exec(tail);
  if (!m || m[1].includes('$')) return undefined;
  // A PostgreSQL schema of its own (Prisma's `?schema=orders`, JDBC's `currentSchema=orders`): the service's own
  // data in a shared database, named `database.schema`.
  const schema = /^postgres(ql)?$/.test(scheme) ? /[?&](?:schema|currentSchema)=([\w-]+)/i.exec(tail)?.[1] : undefined;
  return schema && schema !== 'public' ? `${m[1]}.${schema}` : m[1];
}
