/**
 * Worker thread of the workspace scan (dist/scanWorker.js): reads, pre-filters, parses and analyzes service-code
 * files off the language server's main thread, so the server keeps answering requests while it scans.
 * Only code files come here; compose and OpenAPI files feed the workspace model and stay on the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { CODE_LANGUAGES, type CodeLanguage } from '../core/documents/classify';
import { readSource } from '../core/documents/source';
import { EffectiveConfig } from '../core/config/effective';
import type { ConfigFile, Settings } from '../core/config/schema';
import { mayHaveCodeFindings } from '../core/code/prefilter';
import { analyzeSource } from '../core/engine';
import type { Finding } from '../core/findings';
import { WorkspaceIndex } from '../core/workspace/index';

export interface ScanRequest {
  id: number;
  path: string;
  settings: Settings;
  file: ConfigFile;
}

/** `fallback`: not a readable code file; the main thread analyzes it as before (skipped-file findings and all). */
export type ScanReply = { id: number; findings: Finding[]; kind: CodeLanguage; parsed: boolean } | { id: number; fallback: true } | { id: number; error: string };

let cached: { settings: Settings; file: ConfigFile; config: EffectiveConfig } | undefined;

async function handle(req: ScanRequest): Promise<ScanReply> {
  const read = await readSource(req.path, req.settings.maxFileSizeKb * 1024);
  if (read.ok !== true || !CODE_LANGUAGES.includes(read.source.kind as CodeLanguage)) return { id: req.id, fallback: true };
  const kind = read.source.kind as CodeLanguage;
  if (!mayHaveCodeFindings(kind, read.source.text)) return { id: req.id, findings: [], kind, parsed: false };
  if (!cached || JSON.stringify(cached.settings) !== JSON.stringify(req.settings) || JSON.stringify(cached.file) !== JSON.stringify(req.file)) {
    cached = { settings: req.settings, file: req.file, config: new EffectiveConfig(req.settings, req.file) };
  }
  const workspace = new WorkspaceIndex({ serviceCalls: false }); // the main thread keeps the service summaries
  const result = await analyzeSource({ source: read.source, config: cached.config, workspace });
  result.tree?.delete();
  return { id: req.id, findings: result.findings, kind, parsed: true };
}

parentPort?.on('message', (req: ScanRequest) => {
  handle(req).then(
    (reply) => parentPort!.postMessage(reply),
    (e) => parentPort!.postMessage({ id: req.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  );
});
