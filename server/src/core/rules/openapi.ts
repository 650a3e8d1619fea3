import { entries, entry, get, isMap, str, type DataNode, type MapEntry } from '../documents/tree';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Operation {
  path: string;
  method: string;
  /** The method key, where findings about the operation point. */
  key: MapEntry['key'];
  node: DataNode;
  pathItem: DataNode;
}

export function openApiVersion(root: DataNode): { major: 2 | 3; minor: number } | undefined {
  const v = str(get(root, 'openapi')) ?? str(get(root, 'swagger'));
  const m = v ? /^(\d+)\.(\d+)/.exec(v) : null;
  if (!m) return undefined;
  const major = Number(m[1]);
  return major === 2 || major === 3 ? { major, minor: Number(m[2]) } : undefined;
}

/** Every operation under `paths`, in document order. */
export function operations(root: DataNode): Operation[] {
  const out: Operation[] = [];
  for (const p of entries(get(root, 'paths'))) {
    if (!isMap(p.value)) continue;
    for (const m of p.value.entries) {
      const method = m.key.text.toLowerCase();
      if ((HTTP_METHODS as readonly string[]).includes(method) && isMap(m.value)) {
        out.push({ path: p.key.text, method, key: m.key, node: m.value, pathItem: p.value });
      }
    }
  }
  return out;
}

/** Words of a probe path (`/health`, `/api/v1/orders/health/ready`, `/actuator/health/liveness`). */
const PROBE_WORD = /^(health|healthz|healthcheck|ready|readyz|readiness|live|livez|liveness)$/i;
/** Words that are a probe only as the last segment right below the API's base (`/ping`, `/api/v1/status`). */
const PLAIN_PROBE_WORD = /^(ping|status)$/i;
/** Segments of an API's base: `api`, versions, internal and management prefixes. */
const BASE_SEGMENT = /^(api|rest|v\d+(\.\d+)*|internal|private|actuator|management|manage|_\w*|sys|system|monitoring|ops)$/i;
const PARAM_SEGMENT = /[{:<*]/;

/**
 * A probe of the service itself: a health word with no path parameter before it. A health or status path under a
 * resource (`/feeds/{id}/health`, `/jobs/{id}/status`, `/reprocess/status`) is business, not a probe.
 */
export function isHealthPath(path: string): boolean {
  const segments = path.split('/').filter(Boolean);
  const at = segments.findIndex((s) => PROBE_WORD.test(s) || PLAIN_PROBE_WORD.test(s));
  if (at < 0) return false;
  const before = segments.slice(0, at);
  if (before.some((s) => PARAM_SEGMENT.test(s))) return false;
  if (PLAIN_PROBE_WORD.test(segments[at])) return at === segments.length - 1 && before.every((s) => BASE_SEGMENT.test(s));
  return true;
}

/** A service's operational endpoint: a probe, the root page, or metrics for a scraper (`/metrics`, `/actuator/prometheus`). */
export function isOperationalPath(path: string): boolean {
  const segments = path.split('/').filter(Boolean);
  if (!segments.length) return true;
  const last = segments[segments.length - 1];
  return isHealthPath(path) || (/^(metrics|prometheus)$/i.test(last) && segments.slice(0, -1).every((s) => BASE_SEGMENT.test(s)));
}

export function rootKey(root: DataNode): MapEntry['key'] | undefined {
  return entry(root, 'openapi')?.key ?? entry(root, 'swagger')?.key;
}
