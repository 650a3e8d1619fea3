import type { Report, RuleContext } from '../types';

/**
 * Kubernetes: a datastore reachable from outside the cluster, on whichever manifest opens it: its Service of type
 * LoadBalancer or NodePort, a hostPort of its container, or an Ingress rule that routes to its Service.
 */
export function kubernetesExposure(ctx: RuleContext): Report[] {
  const out: Report[] = [];
  const path = ctx.source.path;
  const seen = new Set<number>();
  for (const s of ctx.model?.services ?? []) {
    const w = s.workload;
    if (!w || !s.datastore) continue;
    const what = `${s.datastore.kind} datastore '${s.name}'`;
    const add = (start: number, end: number, how: string, fix?: Report['fix']) => {
      if (seen.has(start)) return;
      seen.add(start);
      out.push({ message: `${what[0].toUpperCase()}${what.slice(1)} is reachable from outside the cluster (${how}): anyone who reaches the nodes or the load balancer reaches the ${s.datastore!.category === 'cache' ? 'cache' : 'datastore'}; services in the cluster reach it through a ClusterIP Service`, at: { start, end }, fix });
    };
    for (const svc of w.services) {
      if (svc.location.path !== path || !/^(LoadBalancer|NodePort)$/.test(svc.type)) continue;
      const { start, end } = svc.location;
      const typed = ctx.source.text.slice(start, end) === svc.type;
      add(start, end, `its Service '${svc.name}' is of type ${svc.type}`, typed ? { title: 'Make the Service type ClusterIP', edits: [{ start, end, newText: 'ClusterIP' }] } : undefined);
    }
    for (const c of w.containers) for (const p of c.ports) if (p.hostPort?.path === path) add(p.hostPort.start, p.hostPort.end, `hostPort on container '${c.name}'`);
    for (const i of w.ingresses) if (i.path === path) add(i.start, i.end, 'an Ingress routes to it');
  }
  return out;
}
