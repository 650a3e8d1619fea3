/**
 * Copies of one compose stack kept in several folders (a root `docker-compose.yml` and `backend/docker-compose.yml`
 * with the same services): a service written the same way in another compose file of the workspace is one decision,
 * reported once, in the first file (a plain `docker-compose.yml` first, then path order: rules/composeFileWide.ts reportedFirst).
 */
import type { ServiceNode, WorkspaceModel } from '../workspace/model';
import { namedForDevelopment } from '../rules/composeModel';
import { isOlderRelease } from './releaseSnapshots';
import { inUnusedFolder } from '../unusedFolders';

/** A file no rule judges or a developer's setup: a copy there decides nothing for a deployment (an older release, an unused folder). */
export function notADeployment(model: WorkspaceModel, path: string): boolean {
  const top = model.root;
  return namedForDevelopment(path, model.root) || model.projects.some((p) => p.development && p.files.includes(path)) || isOlderRelease(path, top) || inUnusedFolder(path, top);
}

/** Whether two compose services are written the same: one name, and one image or one build (context and Dockerfile). */
function sameDefinition(a: ServiceNode, b: ServiceNode): boolean {
  if (a.name !== b.name || a.origin || b.origin) return false;
  if (a.build || b.build) return !!a.build && !!b.build && a.build.context === b.build.context && (a.build.dockerfile ?? 'Dockerfile') === (b.build.dockerfile ?? 'Dockerfile');
  return !!a.image && !!b.image && a.image.value === b.image.value;
}

const copies = new WeakMap<WorkspaceModel, Map<string, boolean>>();

/**
 * Whether two compose files hold copies of one stack: at least two services written the same in both, making up at
 * least half of the smaller file's services. Two services' own files that each run a `db: postgres` are no copies.
 */
export function isStackCopy(model: WorkspaceModel, a: string, b: string): boolean {
  let known = copies.get(model);
  if (!known) copies.set(model, (known = new Map()));
  const key = a < b ? `${a}\0${b}` : `${b}\0${a}`;
  let copy = known.get(key);
  if (copy === undefined) {
    const of = (path: string) => model.services.filter((x) => !x.origin && x.location.path === path);
    const [left, right] = [of(a), of(b)];
    const same = left.filter((x) => right.some((y) => sameDefinition(x, y))).length;
    copy = same >= 2 && same * 2 >= Math.min(left.length, right.length);
    known.set(key, copy);
  }
  return copy;
}

/**
 * The services of other compose files (not development setups) written the same as `s` in a copy of its stack, in
 * path order, each with `alike` true of it (the same finding would be made there).
 */
export function copiesOf(model: WorkspaceModel | undefined, s: ServiceNode | undefined, alike: (other: ServiceNode) => boolean): ServiceNode[] {
  if (!model || !s) return [];
  // Written the same elsewhere first: most services have no copy, and the folder checks below read listings.
  const same = model.services.filter((o) => o !== s && o.location.path !== s.location.path && sameDefinition(o, s));
  if (!same.length || notADeployment(model, s.location.path)) return [];
  return same
    .filter((o) => alike(o) && !notADeployment(model, o.location.path) && isStackCopy(model, s.location.path, o.location.path))
    .sort((a, b) => (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : 0));
}

/** A path as messages show it: relative to the workspace root, with forward slashes. */
export function pathInWorkspace(path: string, root: string | undefined): string {
  return (root && path.startsWith(root) ? path.slice(root.length).replace(/^[\\/]/, '') : path).split('\\').join('/');
}
