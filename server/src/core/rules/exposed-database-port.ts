import { entry, get, isMap, isScalar, items, str, type DataNode } from '../documents/tree';
import { checkedServices, inDevelopmentSetup } from './composeModel';
import { copiesOf } from '../compose/stackCopies';
import { reportedFirst } from './composeFileWide';
import type { OffsetEdit, Report, Rule } from './types';
import { kubernetesExposure } from './kubernetes/exposure';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** The host IP a `ports` item binds to ('' for all interfaces), or undefined when it publishes nothing. */
export function bindAddress(p: DataNode): string | undefined {
  if (isMap(p)) return get(p, 'published') === undefined && get(p, 'host_ip') === undefined ? '' : withDefaults(str(get(p, 'host_ip')) ?? '');
  const written = str(p);
  const v = written && withDefaults(written);
  if (!v) return undefined;
  const m = /^(?:(\[[^\]]+\]|[^:[\]]*?):)?(?:([^:]*):)?([^:]+)$/.exec(v);
  if (!m) return '';
  // "5432" publishes a random host port; "5432:5432" all interfaces; "127.0.0.1:5432:5432" loopback only.
  return m[2] !== undefined ? (m[1] ?? '') : /^\d|^\$/.test(m[1] ?? '') || m[1] === undefined ? '' : m[1];
}

/** `${HOST_IP:-127.0.0.1}` as compose reads it when the variable is not set: its default. */
function withDefaults(v: string): string {
  return v.includes('${') ? v.replace(/\$\{[A-Za-z_]\w*:?-([^}]*)\}/g, '$1') : v;
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
    // On a developer's machine the port is often published for an application run on the host: bind it to the
    // loopback all the same, but as a hint.
    const local = inDevelopmentSetup(ctx) ? { severity: 'hint' as const } : {};
    for (const s of checkedServices(ctx)) {
      if (!s.kind) continue;
      const network = get(s.node, 'network_mode');
      if (str(network) === 'host' && network) {
        // Compose ignores `ports` then: the server listens on the host's own interfaces.
        reports.push({
          message: `${s.kind[0].toUpperCase()}${s.kind.slice(1)} datastore '${s.name}' runs on the host's network (network_mode: host): it listens on the host's interfaces, so anyone who reaches the host reaches it, and its ports settings are ignored; give it a compose network, or bind the server to 127.0.0.1 in its own settings`,
          at: network,
          ...local,
        });
        continue;
      }
      // One finding per datastore, at its first exposed port, naming every exposed port (one root cause).
      const exposed = items(get(s.node, 'ports')).map((p) => ({ p, ip: bindAddress(p) })).filter(({ ip }) => ip !== undefined && !LOOPBACK.test(ip));
      if (!exposed.length) continue;
      // The same datastore published the same way in a copy of the stack kept elsewhere: one finding, in the first file.
      const ports = (o: { ports: { value: string }[] }) => o.ports.map((p) => p.value).sort().join(',');
      const elsewhere = local.severity ? [] : copiesOf(ctx.model, s.model, (o) => !!s.model && ports(o) === ports(s.model) && o.ports.length > 0);
      if (elsewhere.some((o) => reportedFirst(o.location.path, ctx.source.path))) continue;
      const ips = [...new Set(exposed.map(({ ip }) => ip).filter((ip) => ip))];
      const edits = exposed.map(({ p }) => fixFor(p, ctx.source.text, ctx.source.lines.eol)).filter((e) => e !== undefined);
      const what = exposed.length === 1 ? 'a port' : `${exposed.length} ports (${exposed.map(({ p }) => portLabel(p)).join(', ')})`;
      reports.push({
        message: `${s.kind[0].toUpperCase()}${s.kind.slice(1)} datastore '${s.name}' publishes ${what} on all interfaces${ips.length ? ` (${ips.join(', ')})` : ''}${elsewhere.length ? ` (as ${elsewhere.length === 1 ? 'does its copy' : `do its ${elsewhere.length} copies`} in another compose file of the workspace)` : ''}: anyone who reaches the host reaches the ${s.kind === 'redis' || s.kind === 'memcached' ? 'cache' : 'datastore'}; ${local.severity ? 'applications run on this machine reach it on 127.0.0.1 too' : 'services of this file reach it over the compose network without it, and applications on this machine on 127.0.0.1'}`,
        at: exposed[0].p,
        ...(elsewhere.length ? { related: elsewhere.map((o) => ({ path: o.location.path, range: o.location.range, message: `'${o.name}' published the same way in another copy of this stack` })) } : {}),
        fix: edits.length ? { title: exposed.length === 1 ? 'Bind the port to 127.0.0.1' : 'Bind the ports to 127.0.0.1', edits } : undefined,
        ...local,
      });
    }
    return reports;
  },
};

/** A port entry as written (short syntax) or its published:target pair (long syntax). */
function portLabel(p: DataNode): string {
  return str(p) ?? [str(get(p, 'published')), str(get(p, 'target'))].filter((x) => x).join(':');
}
