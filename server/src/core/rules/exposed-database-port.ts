import { entry, get, isMap, isScalar, items, str, type DataNode } from '../documents/tree';
import { checkedServices } from './composeModel';
import type { OffsetEdit, Report, Rule } from './types';
import { kubernetesExposure } from './kubernetes/exposure';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** The host IP a `ports` item binds to ('' for all interfaces), or undefined when it publishes nothing. */
export function bindAddress(p: DataNode): string | undefined {
  if (isMap(p)) return get(p, 'published') === undefined && get(p, 'host_ip') === undefined ? '' : (str(get(p, 'host_ip')) ?? '');
  const v = str(p);
  if (!v) return undefined;
  const m = /^(?:(\[[^\]]+\]|[^:[\]]*?):)?(?:([^:]*):)?([^:]+)$/.exec(v);
  if (!m) return '';
  // "5432" publishes a random host port; "5432:5432" all interfaces; "127.0.0.1:5432:5432" loopback only.
  return m[2] !== undefined ? (m[1] ?? '') : /^\d|^\$/.test(m[1] ?? '') || m[1] === undefined ? '' : m[1];
}

function fixFor(p: DataNode, text: string, eol: string): OffsetEdit | undefined {
  if (isMap(p)) {
    const first = p.entries[0];
    if (!first || text[p.start] === '{') return undefined;
    const hostIp = entry(p, 'host_ip');
    if (hostIp) return { start: hostIp.value.start, end: hostIp.value.end, newText: '127.0.0.1' };
    const col = first.key.start - text.lastIndexOf('\n', first.key.start) - 1;
    return { start: first.key.start, end: first.key.start, newText: `host_ip: 127.0.0.1${eol}${' '.repeat(col)}` };
  }
  if (!isScalar(p)) return undefined;
  const v = String(p.value).replace(/^(0\.0\.0\.0|::|\[::\]):/, '');
  return { start: p.start, end: p.end, newText: JSON.stringify(v.includes(':') ? `127.0.0.1:${v}` : `127.0.0.1::${v}`) };
}

export const exposedDatabasePort: Rule = {
  id: 'exposed-database-port',
  kinds: ['compose', 'kubernetes'],
  defaultSeverity: 'warning',
  title: 'A datastore port is published on all network interfaces',
  description:
    'A published database, cache or broker port is reachable by anything that reaches the host. Services on the compose network do not need it published; for local tools, bind it to 127.0.0.1.',
  check(ctx) {
    if (ctx.source.kind === 'kubernetes') return kubernetesExposure(ctx);
    const reports: Report[] = [];
    for (const s of checkedServices(ctx)) {
      if (!s.kind) continue;
      for (const p of items(get(s.node, 'ports'))) {
        const ip = bindAddress(p);
        if (ip === undefined || LOOPBACK.test(ip)) continue;
        const edit = fixFor(p, ctx.source.text, ctx.source.lines.eol);
        reports.push({
          message: `${s.kind[0].toUpperCase()}${s.kind.slice(1)} datastore '${s.name}' publishes a port on all interfaces${ip ? ` (${ip})` : ''}: anyone who reaches the host reaches the ${s.kind === 'redis' || s.kind === 'memcached' ? 'cache' : 'datastore'}; other services reach it over the compose network without it`,
          at: p,
          fix: edit && { title: 'Bind the port to 127.0.0.1', edits: [edit] },
        });
      }
    }
    return reports;
  },
};
