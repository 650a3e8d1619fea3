import { basename, join } from 'node:path';
import type { SourceGroup } from '../build';

/** Folders under which a repository keeps its Helm charts (one chart folder per service below them). */
const CHART_HOMES = /^(helm|charts?|deploy|deployments?|k8s|kubernetes|infra|ops)$/i;

/**
 * Marks a compose project as a development setup when the repository also deploys the applications it builds
 * another way: Kubernetes workloads or Helm charts named as at least two of them (all of them when there is one).
 * The compose file is then how the team runs the system on a laptop, and the manifests are the deployment.
 */
export async function markDeployedElsewhere(groups: SourceGroup[], kube: SourceGroup | undefined, top: string | undefined, names: (dir: string) => Promise<string[]>): Promise<void> {
  const compose = groups.filter((g) => g !== kube && !g.development);
  if (!compose.length) return;
  const deployed = new Set((kube?.services ?? []).filter((s) => !s.datastore).map((s) => s.name.toLowerCase()));
  for (const chart of top ? await chartNames(top, names) : []) deployed.add(chart.toLowerCase());
  if (!deployed.size) return;
  for (const g of compose) {
    const apps = g.services.filter((s) => s.build && !s.datastore);
    if (!apps.length) continue;
    const matched = apps.filter((s) => deployed.has(s.name.toLowerCase()) || (!!s.sourceDir && deployed.has(basename(s.sourceDir).toLowerCase())));
    if (matched.length >= Math.min(2, apps.length)) g.development = true;
  }
}

/** A chart's values file: a folder of values alone is a chart that a script creates (`helm create`) before it installs. */
const VALUES = /^values([-.][\w-]+)?\.ya?ml$/;

/** The names of the chart folders (holding Chart.yaml or a values file) under the chart homes, two levels down at most. */
async function chartNames(top: string, names: (dir: string) => Promise<string[]>): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    for (const n of await names(dir)) {
      const child = join(dir, n);
      const inside = await names(child);
      if (inside.some((f) => f === 'Chart.yaml' || VALUES.test(f))) out.push(n);
      else if (depth < 2 && inside.length) await visit(child, depth + 1);
    }
  };
  for (const n of await names(top)) if (CHART_HOMES.test(n)) await visit(join(top, n), 0);
  return out;
}
