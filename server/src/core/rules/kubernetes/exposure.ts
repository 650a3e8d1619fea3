import type { ServiceNode, WorkspaceModel } from '../../workspace/model';
import { perModel } from '../system/perModel';
import type { Report, RuleContext } from '../types';
import { inLocalCluster } from './localCluster';

/**
 * Kubernetes: a datastore reachable from outside the cluster, on whichever manifest opens it: its Service of type
 * LoadBalancer or NodePort, a hostPort of its container, or an Ingress rule that routes to its Service.
 */
export function kubernetesExposure(ctx: RuleContext): Report[] {
  const out: Report[] = [];
  const path = ctx.source.path;
  const seen = new Set<number>();
  const model = ctx.model;
  if (!model) return out;
  const local = inLocalCluster(ctx);
  for (const s of perModel(model, 'exposed-datastores', () => exposedDatastoresByPath(model)).get(path) ?? []) {
    const w = s.workload!;
    const what = `${s.datastore!.kind} datastore '${s.name}'`;
    const add = (start: number, end: number, how: string, fix?: Report['fix']) => {
      if (seen.has(start)) return;
      seen.add(start);
      // On a developer's local cluster (minikube, kind, Docker Desktop) the nodes are the developer's machine: a hint.
      out.push({ message: `${what[0].toUpperCase()}${what.slice(1)} is reachable from outside the cluster (${how}): anyone who reaches the nodes or the load balancer reaches the ${s.datastore!.category === 'cache' ? 'cache' : 'datastore'}; services in the cluster reach it through a ClusterIP Service`, at: { start, end }, fix, ...(local ? { severity: 'hint' as const } : {}) });
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

/** Datastore workloads by the files that may expose them (their Services, hostPorts, Ingresses), in model order. */
function exposedDatastoresByPath(model: WorkspaceModel): Map<string, ServiceNode[]> {
  const out = new Map<string, ServiceNode[]>();
  for (const s of model.services) {
    const w = s.workload;
    if (!w || !s.datastore) continue;
    const paths = new Set([...w.services.map((x) => x.location.path), ...w.containers.flatMap((c) => c.ports.flatMap((p) => (p.hostPort ? [p.hostPort.path] : []))), ...w.ingresses.map((i) => i.path)]);
    for (const p of paths) (out.get(p) ?? out.set(p, []).get(p)!).push(s);
  }
  return out;
}
