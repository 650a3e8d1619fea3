import { get, str } from '../../documents/tree';
import type { Report, RuleContext } from '../types';
import { checkedWorkloads, isInfrastructureImage } from './workloads';

/** Kubernetes: an application workload (not a datastore) that writes to a PersistentVolumeClaim or hostPath, or runs as a StatefulSet. */
export function kubernetesStateful(ctx: RuleContext): Report[] {
  const out: Report[] = [];
  for (const w of checkedWorkloads(ctx)) {
    const s = w.model;
    if (w.patch || !s?.workload || s.datastore || w.containers.some((c) => isInfrastructureImage(str(get(c.node, 'image'))))) continue;
    // A DaemonSet runs one pod per node by design: what it keeps on the node (runtime sockets, BPF maps, an agent's
    // checkpoints) belongs to that node, and no replica ever needs another's.
    if (w.object.kind === 'DaemonSet') continue;
    const volumes = s.workload.persistent;
    if (!volumes.length && w.object.kind !== 'StatefulSet') continue;
    const what = volumes.length ? `writes to ${volumes.map((v) => `${v.kind === 'hostPath' ? 'hostPath' : 'volume claim'} '${v.name}'`).join(', ')}` : 'runs as a StatefulSet';
    out.push({ message: `${w.object.kind} '${w.object.name}' is an application that ${what}: its replicas cannot share or move that state freely; keep data in a database or object storage and run it as a stateless Deployment`, at: w.object.nameNode });
  }
  return out;
}
