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

const HEALTH_PATH = /(^|\/)(health|healthz|healthcheck|ready|readyz|readiness|live|livez|liveness|ping|status)(\/|$)/i;

export function isHealthPath(path: string): boolean {
  return HEALTH_PATH.test(path);
}

export function rootKey(root: DataNode): MapEntry['key'] | undefined {
  return entry(root, 'openapi')?.key ?? entry(root, 'swagger')?.key;
}
