import type { WorkspaceModel } from '../../workspace/model';

const results = new WeakMap<WorkspaceModel, Map<string, unknown>>();

/**
 * Computes a result about the whole system once per model and key (rules run once per file; a system-level
 * result read by every file would otherwise be recomputed for each). A new model object starts afresh.
 */
export function perModel<T>(model: WorkspaceModel, key: string, compute: () => T): T {
  let byKey = results.get(model);
  if (!byKey) results.set(model, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, compute());
  return byKey.get(key) as T;
}

/** Groups reports by the path of the file they belong on. */
export function byPath<T>(items: readonly { path: string; item: T }[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const { path, item } of items) (out.get(path) ?? out.set(path, []).get(path)!).push(item);
  return out;
}
