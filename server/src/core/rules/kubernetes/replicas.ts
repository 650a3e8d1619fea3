import { get, str } from '../../documents/tree';
import { appendEntry } from '../edits';
import type { Report, RuleContext } from '../types';
import { checkedWorkloads, isInfrastructureImage, primaryOf, replicasOf } from './workloads';
import { inLocalCluster } from './localCluster';

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout', 'DeploymentConfig']);

/**
 * A workload that a Service sends traffic to runs one pod: `replicas` 1 or absent, no overlay patch raising it and
 * no HorizontalPodAutoscaler with minReplicas >= 2, and (but for a StatefulSet) no persistent volume it writes to
 * (stateful-service's cause).
 * With two or more and no PodDisruptionBudget: information.
 */
export function singleReplicas(ctx: RuleContext): Report[] {
  if (inLocalCluster(ctx)) return []; // a local cluster's manifests: one node, nothing to keep available
  const out: Report[] = [];
  for (const w of checkedWorkloads(ctx)) {
    const wl = w.model?.workload;
    if (w.patch || w.loadGenerator || !wl || !SCALABLE.has(w.object.kind) || w.model!.datastore || !wl.services.length || w.containers.some((c) => isInfrastructureImage(str(get(c.node, 'image'))))) continue;
    const replicas = replicasOf(wl);
    const primary = primaryOf(ctx, w)?.workload;
    if (primary && primary.services.length && (replicasOf(primary) >= 2) === (replicas >= 2) && (replicas < 2 || !primary.disruptionBudget === !wl.disruptionBudget)) continue;
    const via = `Service '${wl.services[0].name}'`;
    if (replicas >= 2) {
      if (!wl.disruptionBudget) out.push({ message: `${w.object.kind} '${w.object.name}' has ${replicas} replicas but no PodDisruptionBudget: a node drain may evict them all at once; add one with minAvailable: 1`, at: w.object.nameNode, severity: 'information' });
      continue;
    }
    // A Deployment's pods share its volume claim or hostPath: a second pod cannot run beside the first (a ReadWriteOnce
    // disk, one SQLite writer) until the state moves out. stateful-service reports that cause; a StatefulSet, whose
    // pods may each get their own claim, is still judged.
    if (wl.persistent.length && w.object.kind !== 'StatefulSet') continue;
    const written = get(get(w.object.node, 'spec'), 'replicas');
    const spec = get(w.object.node, 'spec');
    const edit = written ? { start: written.start, end: written.end, newText: '2' } : spec?.kind === 'map' ? appendEntry(ctx.source, spec, 'replicas', 2) : undefined;
    out.push({
      message: `${w.object.kind} '${w.object.name}' receives traffic (${via}) but runs a single replica${written ? '' : ' (replicas is not set)'}: a rollout, a crash or a node drain takes it down; run at least 2, or add an autoscaler with minReplicas: 2`,
      at: written ?? w.object.nameNode,
      fix: edit && { title: 'Run 2 replicas', edits: [edit] },
    });
  }
  return out;
}
