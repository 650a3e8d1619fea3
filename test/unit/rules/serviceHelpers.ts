// For the rules that judge a whole service or system (missing-tracing, missing-metrics, unstructured-logging,
// deep-call-chain, premature-microservices): every file of an in-memory workspace analyzed as the CLI does.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { classify } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/findings';
import type { ConfigFile } from '../../../server/src/core/config/schema';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';

/** The findings of the named rules over every file under /w: deployment files known first, then path order. */
export async function systemFindings(ruleIds: string[], files: Record<string, string>, file: ConfigFile = {}, root = '/w'): Promise<Finding[]> {
  const workspace = new WorkspaceIndex({ root, fs: memoryFs(files) });
  const kinds = Object.fromEntries(Object.keys(files).map((p) => [p, classify(p, files[p])]));
  for (const p of Object.keys(files)) if (kinds[p] === 'compose' || kinds[p] === 'kubernetes') workspace.model.setSource(kinds[p] as 'compose', p, files[p]);
  const config = new EffectiveConfig(DEFAULT_SETTINGS, file);
  const out: Finding[] = [];
  for (const path of Object.keys(files).sort()) {
    const kind = kinds[path];
    if (!kind) continue;
    const result = await analyzeSource({ source: makeSource(path, files[path], kind), config, workspace });
    out.push(...result.findings.filter((f) => ruleIds.includes(f.ruleId)));
  }
  return out;
}

/** "rule path:line" of each finding, sorted: what a test compares. */
export const summary = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.path}:${f.range.start.line + 1}`).sort();

/** Findings of `ruleIds` with the files written to a temporary folder (rules that read the disk, as the CLI does), paths relative to it. */
export async function diskFindings(ruleIds: string[], files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'ba-disk-'));
  const abs = Object.fromEntries(Object.entries(files).map(([p, t]) => [join(root, p), t]));
  for (const [p, t] of Object.entries(abs)) {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, t);
  }
  return (await systemFindings(ruleIds, abs, {}, root)).map((f) => f.path.slice(root.length + 1));
}
