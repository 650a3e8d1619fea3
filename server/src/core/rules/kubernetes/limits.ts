import { entries, get, str } from '../../documents/tree';
import type { Report, RuleContext } from '../types';
import { checkedWorkloads, containerResources, isClusterAddon, primaryOf } from './workloads';
import { renderedFromWorkspaceChart } from './rendered';
import { inLocalCluster } from './localCluster';
import { isOneShotName } from '../composeModel';

/** Kubernetes: a container without a memory limit or without requests (limits stand in for them); a missing CPU limit is not a finding, nor a cluster add-on's container. */
export function kubernetesLimits(ctx: RuleContext): Report[] {
  if (renderedFromWorkspaceChart(ctx)) return []; // the chart's own checks report it
  if (inLocalCluster(ctx)) return []; // a local cluster's manifests: nobody relies on them staying up
  const out: Report[] = [];
  for (const w of checkedWorkloads(ctx)) {
    // A data job that runs once (a migration, a seed) holds its memory for minutes, not for the life of the node.
    if (w.patch || w.loadGenerator || (!w.longRunning && isOneShotName(w.object.name))) continue;
    const primary = primaryOf(ctx, w)?.workload;
    for (const c of w.containers) {
      if (c.init || isClusterAddon(str(get(c.node, 'image')))) continue;
      const patched = w.model?.workload?.containers.find((x) => x.name === c.name)?.patchedBy ?? [];
      const resources = get(c.node, 'resources');
      const memory = !!get(get(resources, 'limits'), 'memory') || patched.some((p) => p.memoryLimit);
      // Kubernetes copies a container's limits into the requests it leaves unset: any limit gives it requests.
      const requests = entries(get(resources, 'requests')).length > 0 || entries(get(resources, 'limits')).length > 0 || patched.some((p) => p.requests || p.memoryLimit);
      if (memory && requests) continue;
      const twin = primary?.containers.find((x) => x.name === c.name);
      if (twin && JSON.stringify(containerResources(twin)) === JSON.stringify({ memory, requests })) continue;
      const missing = [!memory && 'no memory limit', !requests && 'no resource requests'].filter(Boolean).join(' and ');
      const why = !memory ? 'a leak in it can take the node and its neighbours down (OOM kills elsewhere)' : 'the scheduler cannot place it by what it needs, so nodes are overcommitted';
      out.push({ message: `Container '${c.name}' of ${w.object.kind} '${w.object.name}' has ${missing}: ${why}; set resources.limits.memory and resources.requests`, at: get(c.node, 'name') ?? c.node });
    }
  }
  return out;
}
