// Shared by the rule tests: analyze a text as if it were a file, and apply a finding's quick fix.
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { classify } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/findings';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import { WorkspaceIndex } from '../../../server/src/core/workspace/index';

/** Classifies `text` as the file `name` would be, runs every rule on it, and returns the findings. */
export async function analyze(name: string, text: string, settings: Partial<Settings> = {}): Promise<Finding[]> {
  const kind = classify(name, text);
  if (!kind) throw new Error(`${name} is not a kind of file the analyzer reads`);
  const source = makeSource(name, text, kind);
  const config = new EffectiveConfig({ ...DEFAULT_SETTINGS, ...settings });
  return (await analyzeSource({ source, config, workspace: new WorkspaceIndex() })).findings;
}

/** The findings of one rule. */
export async function findingsOf(ruleId: string, name: string, text: string, settings: Partial<Settings> = {}): Promise<Finding[]> {
  return (await analyze(name, text, settings)).filter((f) => f.ruleId === ruleId);
}

/** Applies a finding's fix edits to the text it was computed on (last edit first, so offsets stay valid). */
export function applyFix(text: string, finding: Finding): string {
  if (!finding.fix) throw new Error(`finding "${finding.message}" has no fix`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineIndex(body);
  const edits = finding.fix.edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = body;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Joins lines with `\n`, so test inputs read as the files they stand for. */
export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n';
}
