import { dirname, sep } from 'node:path';
import type { KustomizeView } from './kustomize';

const contains = (dir: string, other: string) => other === dir || other.startsWith(dir + sep);

/**
 * Whether objects of two manifest files belong to one deployment: one file's folder holds the other's, or a
 * kustomization builds both. A Service or autoscaler in an unrelated folder (an optional variant, an example) with
 * the same name or labels does not concern the workload.
 */
export function sameDeployment(a: string, b: string, kustomize: KustomizeView): boolean {
  if (a === b) return true;
  const [da, db] = [dirname(a), dirname(b)];
  if (contains(da, db) || contains(db, da)) return true;
  const trees = kustomize.trees.get(a);
  if (!trees) return false;
  for (const k of kustomize.trees.get(b) ?? []) if (trees.has(k)) return true;
  return false;
}
