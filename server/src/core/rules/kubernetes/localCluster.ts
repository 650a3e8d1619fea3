// Manifests for a local cluster (minikube, kind, Docker Desktop): a workload of their folder runs an image that is
// never pulled (`imagePullPolicy: Never`: built into or loaded onto the node, `eval $(minikube docker-env)`, `kind
// load`) or one from a registry on the developer's machine (`localhost:5001/app`, as an overlay's `images` sets it), or
// a manifest that pins a volume or a pod to a desktop cluster's node (`docker-desktop`, minikube, a kind control plane), or
// routes (an Ingress, an HTTPRoute, an HTTPProxy) that serve only names reserved for tests or the local machine
// (`app.quickstart.test`, `shop.localhost`). Like a compose file for development they deploy nothing anyone relies on: availability, memory limits and
// probes are not asked of them, and what guards only the developer's cluster (a password, a version-line tag) is a hint.
import { dirname, relative } from 'node:path';
import type { WorkspaceModel } from '../../workspace/model';
import type { RuleContext } from '../types';

const NEVER_PULLED = /^[ \t]*imagePullPolicy:[ \t]*["']?Never\b/m;
/** Something pinned to a desktop or single-node cluster's node (`kubernetes.io/hostname: docker-desktop`, a kind
 * control plane, minikube), or a host path through Docker Desktop's mount of the developer's disk. */
const LOCAL_NODE = /\bkubernetes\.io\/hostname\b[^\n]*(?:\n[^\n]*){0,4}?\b(?:docker-desktop|minikube|kind-control-plane|rancher-desktop|orbstack|colima)\b|^\s*path:\s*["']?\/(?:run\/desktop\/mnt\/host|host_mnt)\//m;
/** An image in a registry on the developer's machine (`localhost/app`, `localhost:5001/app`, kind's local registry). */
const LOCAL_REGISTRY = /^(localhost|127\.0\.0\.1)(:\d+)?\//;

/** The last text judged: every rule of a keystroke's analysis asks about the same text. */
let lastText: { text: string; local: boolean } | undefined;

/** Whether the manifest's own text runs an image never pulled or pins something to a desktop cluster's node. */
function localText(text: string): boolean {
  if (lastText?.text !== text) {
    // The regular expressions only where their words are: a keystroke in a long bundle runs them for each rule.
    const local = (text.includes('Never') && NEVER_PULLED.test(text)) || ((text.includes('kubernetes.io/hostname') || text.includes('host_mnt') || text.includes('/run/desktop/')) && LOCAL_NODE.test(text));
    lastText = { text, local };
  }
  return lastText.local;
}

/** Per model: the folders of a local cluster's manifests (images never pulled or from a local registry, routes to local names). */
const byModel = new WeakMap<WorkspaceModel, Set<string>>();

function localFolders(model: WorkspaceModel): Set<string> {
  let dirs = byModel.get(model);
  if (!dirs) {
    // Images that every Kustomize overlay renames into a local registry (`newName: localhost/acme/auth`): their
    // bases run only there, and so do the overlays.
    const overrides = model.imageOverrides ?? [];
    const local = new Set(overrides.filter((o) => LOCAL_REGISTRY.test(o.newName ?? '')).map((o) => o.name));
    for (const o of overrides) if (o.newName && !LOCAL_REGISTRY.test(o.newName)) local.delete(o.name);
    const localImage = (image = '') => LOCAL_REGISTRY.test(image) || local.has(image.replace(/[:@].*$/, ''));
    dirs = new Set(model.services.filter((s) => s.origin === 'kubernetes' && s.workload?.containers.some((c) => c.neverPulled || localImage(c.image?.value))).map((s) => dirname(s.location.path)));
    for (const o of overrides) if (local.has(o.name)) dirs.add(dirname(o.location.path));
    for (const d of model.localRouteFolders ?? []) dirs.add(d);
    byModel.set(model, dirs);
  }
  return dirs;
}

/**
 * Whether the manifest being checked belongs to a local cluster's manifests: it, or a manifest of its folder, of a
 * sub-folder of it, or of the folder above it (not the workspace root), runs an image that is never pulled.
 */
export function inLocalCluster(ctx: RuleContext): boolean {
  if (localText(ctx.source.text)) return true;
  const model = ctx.model;
  if (!model?.root) return false;
  const dirs = localFolders(model);
  if (!dirs.size) return false;
  const own = dirname(ctx.source.path);
  const parent = dirname(own);
  const under = (dir: string, base: string) => dir === base || (dirname(dir) === base);
  return [...dirs].some((d) => under(d, own) || (parent !== model.root && !relative(model.root!, parent).startsWith('..') && under(d, parent)));
}
