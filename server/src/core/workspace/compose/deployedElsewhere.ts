import { basename, join, sep } from 'node:path';
import type { SourceGroup } from '../build';
import { imageName, isBuiltImage } from '../builtImages';

/** Folders under which a repository keeps its Helm charts (one chart folder per service below them). */
const CHART_HOMES = /^(helm|charts?|deploy|deployments?|k8s|kubernetes|infra|ops)$/i;

/**
 * Marks a compose project as a development setup when the repository also deploys the applications it builds (or
 * runs from a registry on the developer's machine, or pulls as images the workspace's build tools make) another way: Kubernetes workloads or Helm charts named as at least two of them (all of them when there is one),
 * or workloads running the images a build tool of the workspace makes from the same build folders.
 * The compose file is then how the team runs the system on a laptop, and the manifests are the deployment.
 */
export async function markDeployedElsewhere(groups: SourceGroup[], kube: SourceGroup | undefined, top: string | undefined, names: (dir: string) => Promise<string[]>, builds: ReadonlyMap<string, string | undefined> = new Map()): Promise<void> {
  const built = new Set(builds.keys());
  const compose = groups.filter((g) => g !== kube && !g.development);
  if (!compose.length) return;
  const workloads = (kube?.services ?? []).filter((s) => !s.datastore);
  const deployed = new Set(workloads.map((s) => plainName(s.name)));
  for (const chart of top ? await chartNames(top, names) : []) deployed.add(plainName(chart));
  if (!deployed.size) return;
  // A manifest kept in the service's own build folder (`ms-webapp/webapp-kubernetes.yml`) deploys that service.
  const manifestIn = (dir: string) => workloads.some((w) => w.location.path.startsWith(`${dir}${sep}`));
  // The build folders of the images the workloads run, as a build tool of the workspace makes them (skaffold's
  // `context: frontend` for the image of `hanko-elements`): a compose service built from one is that workload.
  const images = workloads.flatMap((w) => [w.image?.value, ...(w.workload?.containers ?? []).map((c) => c.image?.value)]);
  const workloadSources = new Set(images.map((i) => i && builds.get(imageName(i))).filter((d): d is string => !!d));
  for (const g of compose) {
    // A build of the workspace, an image its build tools make (a Makefile's `docker build -t`), or one only the
    // developer's machine has (`localhost/acme/sales`, made by `make`).
    const ownImage = (image: string | undefined) => !!image && (LOCAL_IMAGE.test(image) || isBuiltImage(built, imageName(image)));
    const apps = g.services.filter((s) => (s.build || ownImage(s.image?.value)) && !s.datastore);
    if (!apps.length) continue;
    const matched = apps.filter((s) => deployed.has(plainName(s.name)) || (!!s.sourceDir && (deployed.has(plainName(basename(s.sourceDir))) || manifestIn(s.sourceDir) || workloadSources.has(s.sourceDir))));
    if (matched.length >= Math.min(2, apps.length)) g.development = true;
  }
}

/** An image in a registry on the developer's machine. */
const LOCAL_IMAGE = /^(localhost|127\.0\.0\.1)(:\d+)?\//;

/** A name without separators and without the kind it is named with (`webapp-deployment`, `webapp-service` -> `webapp`). */
const plainName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/(deployment|statefulset|service|svc)$/, '') || name.toLowerCase();

/** A chart's values file: a folder of values alone is a chart that a script creates (`helm create`) before it installs. */
const VALUES = /^values([-.][\w-]+)?\.ya?ml$/;

/** The names of the chart folders (holding Chart.yaml or a values file) under the chart homes, two levels down at most, and of their templates. */
async function chartNames(top: string, names: (dir: string) => Promise<string[]>): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    for (const n of await names(dir)) {
      const child = join(dir, n);
      const inside = await names(child);
      if (inside.some((f) => f === 'Chart.yaml' || VALUES.test(f))) {
        out.push(n);
        // One chart of the whole system names a template per service (`templates/cart-deployment.yaml`).
        if (inside.includes('templates')) for (const t of await names(join(child, 'templates'))) if (/^[^_.][\w.-]*\.ya?ml$/.test(t)) out.push(t.replace(/\.ya?ml$/, ''));
      } else if (depth < 2 && inside.length) await visit(child, depth + 1);
    }
  };
  for (const n of await names(top)) if (CHART_HOMES.test(n)) await visit(join(top, n), 0);
  return out;
}
