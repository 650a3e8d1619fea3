/** The spec-to-service mapping of a folder read from disk, once: for `graph` and the chat's architecture. */
import { readFile } from '../../fsAsync';
import type { EffectiveConfig } from '../../config/effective';
import { findDeployFiles } from '../api';
import { WorkspaceIndex } from '../index';
import { listWorkspaceFiles } from '../scan';
import type { ConsistencyOverview } from './index';
import { consistencyOf } from './attach';

export async function consistencyOverview(root: string, config: EffectiveConfig, index?: WorkspaceIndex): Promise<ConsistencyOverview> {
  let ws = index;
  if (!ws) {
    ws = new WorkspaceIndex({ root, boundary: root, keepData: false });
    ws.useConfig(config);
    const listed = await listWorkspaceFiles(root, { isExcluded: (rel) => config.isIgnored(rel) });
    for (const f of await findDeployFiles(listed)) {
      const text = await readFile(f.path, 'utf8').catch(() => undefined);
      if (text !== undefined) ws.model.setSource(f.kind, f.path, text);
    }
  }
  return consistencyOf(ws).overview(await ws.model.model());
}
