// For compose rule tests that need other files of a workspace (overrides, .env, Dockerfiles, service code):
// the files live in memory under /w and the workspace model reads them from there.
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/findings';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';

/** The findings of one rule on `path` (default /w/compose.yaml), with the other `files` of the workspace around it. */
export async function findingsInWorkspace(ruleId: string, files: Record<string, string>, path = '/w/compose.yaml', listAll = false): Promise<Finding[]> {
  // listAll: the model reads every compose file of `files`, as a workspace scan does (else the analyzed file and what it names).
  const workspace = new WorkspaceIndex({ root: '/w', fs: memoryFs(files), ...(listAll ? { listFiles: async () => Object.keys(files).sort() } : {}) });
  if (listAll) for (const p of Object.keys(files).sort()) workspace.model.fileChanged(p);
  const result = await analyzeSource({ source: makeSource(path, files[path], 'compose'), config: new EffectiveConfig(DEFAULT_SETTINGS), workspace });
  return result.findings.filter((f) => f.ruleId === ruleId);
}
