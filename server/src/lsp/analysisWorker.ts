/**
 * Worker thread for large open documents (dist/analysisWorker.js): parses and analyzes one document's text off the
 * language server's main thread, within a time budget, and sends back the findings the editor shows.
 * It has its own workspace index: the files on disk the document names (Dockerfiles, `.env` files, sibling compose
 * files, `$ref`s) are read as usual, but the other open documents' unsaved text and the rest of the workspace model
 * are not seen (README, Limits).
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { FileKind } from '../core/documents/classify';
import { makeSource } from '../core/documents/source';
import { EffectiveConfig } from '../core/config/effective';
import type { ConfigFile, Settings } from '../core/config/schema';
import { analyzeSource } from '../core/engine';
import type { Finding } from '../core/findings';
import { WorkspaceIndex } from '../core/workspace/index';
import { partialFinding } from './budget';
import { countFindings, shownFindings, type Counts } from './diagnostics';

export interface AnalysisRequest {
  id: number;
  /** The path the engine sees (documentTarget's sourcePath). */
  path: string;
  kind: FileKind;
  text: string;
  settings: Settings;
  file: ConfigFile;
  /** The workspace folder holding the document, if any. */
  root?: string;
}

/** The findings shown (at most maxDiagnosticsPerFile, so little crosses back), how many were left out, counts of all. */
export type AnalysisReply = { id: number; findings: Finding[]; omitted: number; counts: Counts } | { id: number; error: string };

async function handle(req: AnalysisRequest): Promise<AnalysisReply> {
  const deadline = Date.now() + req.settings.analysisBudgetMs;
  const source = makeSource(req.path, req.text, req.kind);
  const config = new EffectiveConfig(req.settings, req.file);
  const workspace = new WorkspaceIndex({ boundary: req.root, keepData: false });
  const result = await analyzeSource({ source, config, workspace, lazyFixes: true, deadline });
  result.tree?.delete();
  // A fix computed on demand is a function, which cannot cross threads: such quick fixes are not offered here.
  const all: Finding[] = result.findings.map(({ fixLater: _fixLater, ...f }) => f);
  if (result.notRun) all.unshift(partialFinding(req.path, req.settings.analysisBudgetMs, result.notRun));
  const shown = shownFindings(all, req.settings.maxDiagnosticsPerFile);
  return { id: req.id, findings: [...shown], omitted: all.length - shown.length, counts: countFindings(all) };
}

// On Linux a thread has its own nice value: this thread yields the CPU to the main thread (other platforms would
// lower the whole server's priority, so they keep the default).
if (process.platform === 'linux') {
  try {
    setPriority(19);
  } catch {
    // not permitted: run at the default priority
  }
}

parentPort?.on('message', (req: AnalysisRequest) => {
  handle(req).then(
    (reply) => parentPort!.postMessage(reply),
    (e) => parentPort!.postMessage({ id: req.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  );
});
