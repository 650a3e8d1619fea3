/**
 * The consistency index of a workspace index, made on first use. Kept beside it rather than in it: reading routes
 * needs the extractors, which read rule contexts, which name the workspace index (an import cycle otherwise).
 */
import { isAbsolute } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import { CODE_LANGUAGES, type CodeLanguage } from '../../documents/classify';
import type { SourceFile } from '../../documents/source';
import type { DataNode } from '../../documents/tree';
import type { WorkspaceIndex } from '../index';
import { ConsistencyIndex } from './index';

/** The rules that read the consistency index: with all of them off, nothing is read or compared. */
export const CONSISTENCY_RULE_IDS = ['undocumented-route', 'unimplemented-operation', 'auth-not-enforced'];

const indexes = new WeakMap<WorkspaceIndex, ConsistencyIndex>();

export function consistencyOf(ws: WorkspaceIndex): ConsistencyIndex {
  let c = indexes.get(ws);
  if (!c) {
    const made = new ConsistencyIndex({ store: ws.model, keepTrees: !ws.keepData && ws.tracksServices, serviceOf: (path, model) => ws.outbound.serviceOf(path, model), config: () => ws.scope, listFiles: ws.listFiles });
    ws.model.listeners.push((path) => made.fileChanged(path));
    indexes.set(ws, (c = made));
  }
  return c;
}

/** Called by the engine once a spec or a code file is parsed, before its rules run: feeds it and refreshes its service's comparison. */
export async function prepareConsistency(ws: WorkspaceIndex, source: SourceFile, data: DataNode | undefined, tree: Tree | undefined): Promise<void> {
  const code = CODE_LANGUAGES.includes(source.kind as CodeLanguage);
  if (!ws.tracksServices || (!code && source.kind !== 'openapi') || !isAbsolute(source.path)) return;
  const c = consistencyOf(ws);
  if (code) c.setCode(source, tree);
  else c.setSpec(source, data);
  await c.refresh(source.path, await ws.model.model());
  c.analyzed(source.path);
}
