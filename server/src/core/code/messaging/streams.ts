import type { Node } from 'web-tree-sitter';
import { callsOf, literal, loopOver, prop, stringsOf } from './syntax';
import type { CodeFile, Endpoint } from './types';

const MARKER: Record<string, RegExp> = {
  typescript: /['"](ioredis|redis|@redis\/client)['"]/,
  python: /^[ \t]*(?:import|from)[ \t]+(redis|aioredis)\b/m,
  go: /"github\.com\/(go-redis\/redis|redis\/go-redis)(\/v\d+)?"/,
  java: /$^/,
};
MARKER.javascript = MARKER.typescript;

/** The stream keys an XREADGROUP reads. */
function readKeys(f: CodeFile, args: Node[]): string[] {
  if (f.kind === 'go') return stringsOf(f, prop(args[1], 'Streams')).slice(0, 1);
  if (f.kind === 'python') {
    const streams = args[2];
    if (streams?.type !== 'dictionary') return [];
    const keys = streams.namedChildren.map((p) => p?.childForFieldName('key'));
    const out = keys.map((k) => stringsOf(f, k));
    return out.some((o) => !o.length) ? [] : out.flat();
  }
  const i = args.findIndex((a) => /^streams$/i.test(literal(a) ?? ''));
  if (i >= 0) return stringsOf(f, args[i + 1]);
  const opt = args[2];
  return opt?.type === 'object' ? stringsOf(f, prop(opt, 'key')) : opt?.type === 'array' ? opt.namedChildren.flatMap((o) => stringsOf(f, prop(o, 'key'))) : [];
}

/** Redis streams: XADD producers and XREADGROUP consumers (a consumer group: delivered at least once). */
export function streamEndpoints(f: CodeFile): Endpoint[] {
  if (!MARKER[f.kind].test(f.text)) return [];
  const out: Endpoint[] = [];
  for (const c of callsOf(f)) {
    const lower = c.name.toLowerCase();
    if (lower === 'xadd' && c.args.length >= 1) {
      const key = f.kind === 'go' ? stringsOf(f, prop(c.args[1], 'Stream')) : stringsOf(f, c.args[0]);
      out.push({ role: 'producer', broker: 'redis-streams', library: 'redis', topics: key, at: c.node });
    } else if (lower === 'xreadgroup' && c.args.length >= 2) {
      const loop = loopOver(f, c.node);
      out.push({ role: 'consumer', broker: 'redis-streams', library: 'redis', topics: readKeys(f, c.args), at: c.node, ...(loop ? { handler: loop } : {}) });
    }
  }
  return out;
}
