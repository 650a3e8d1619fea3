import { dirname } from 'node:path';
import { isInternalHost, type CallSite, type FileScan } from '../code/breakers';

/**
 * Go call targets followed to a host or a configured name: struct fields set in another file of the same package,
 * and environment variables the service's deployment sets to an internal host; undefined when not found (no guess).
 */
export function packageTargets(scans: { path: string; scan: FileScan }[], env: { name: string; value?: string }[], hosts: Set<string>, datastoreHosts: Set<string>) {
  const fields = new Map<string, Map<string, Omit<CallSite, 'start' | 'end' | 'label'>>>();
  for (const { path, scan } of scans) {
    for (const [name, t] of Object.entries(scan.fields ?? {})) {
      const dir = dirname(path);
      if (!fields.has(dir)) fields.set(dir, new Map());
      if (!fields.get(dir)!.has(name)) fields.get(dir)!.set(name, t);
    }
  }
  return (path: string, c: CallSite): CallSite | undefined => {
    let out: CallSite | undefined = c;
    if (c.kind === 'field') {
      const t = c.target.split(',').map((f) => fields.get(dirname(path))?.get(f)).find((x) => x);
      out = t ? { ...c, ...t } : undefined;
    }
    if (out?.kind !== 'env') return out;
    const value = env.find((e) => e.name === out!.target)?.value ?? '';
    const host = /^(?:\w+:\/\/)?([\w.-]+)/.exec(value)?.[1]?.toLowerCase();
    return host && !datastoreHosts.has(host) && isInternalHost(host, hosts) ? { ...out, target: host, kind: 'url' } : undefined;
  };
}
