import type { Severity } from '../../core/findings';
import { docsUrl } from '../../core/rules/docs';
import type { SavedReport } from '../jsonReport';
import { summarize, type Summary } from './summary';

/** Larger maps are left out of the summary: GitHub takes 1 MiB of summary per step. */
export const MAX_GRAPH_CHARS = 256 * 1024;

const COLUMN: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 2 };

/** A table cell: pipes, markup and line breaks cannot break the table. */
const cell = (s: string) => s.replace(/[\\|<>*_`[\]]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n]/g, ' ');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Findings per rule: [errors, warnings, infos and hints], rules with the most findings first. */
function byRule(saved: SavedReport): [string, number[]][] {
  const rows = new Map<string, number[]>();
  for (const file of saved.report.files) {
    for (const f of file.findings) {
      const row = rows.get(f.ruleId) ?? rows.set(f.ruleId, [0, 0, 0]).get(f.ruleId)!;
      row[COLUMN[f.severity]]++;
    }
  }
  const total = (r: number[]) => r[0] + r[1] + r[2];
  return [...rows].sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1));
}

/**
 * New and known findings when the report was made against a baseline: from each finding's `baselineState`
 * (SARIF's words: `new`, `unchanged`, `updated`), else from a `baseline` count in the report's summary.
 */
export function baselineCounts(saved: SavedReport, s: Summary): { new: number; known: number } | undefined {
  const states = saved.report.files.flatMap((f) => f.findings.map((x) => x.baselineState));
  if (states.some((x) => x !== undefined)) {
    const known = states.filter((x) => x === 'unchanged' || x === 'updated').length;
    return { new: states.length - known, known };
  }
  const known = saved.summary.baseline;
  return typeof known === 'number' ? { new: s.problems, known } : undefined;
}

/** The job summary: counts, a table of findings by rule, new against baseline, and the architecture map. */
export function markdownSummary(saved: SavedReport, graph: string | undefined): string {
  const s = summarize(saved.report);
  const lines = ['## Backend Architect', ''];
  const counts = [plural(s.errors, 'error'), plural(s.warnings, 'warning'), plural(s.infos + s.hints, 'info')].join(', ');
  lines.push(s.problems ? `**${plural(s.problems, 'finding')}** (${counts}) in ${plural(s.files, 'file')} checked.` : `No findings in ${plural(s.files, 'file')} checked.`, '');
  const baseline = baselineCounts(saved, s);
  if (baseline) lines.push(`New since the baseline: **${baseline.new}**; already in the baseline: ${baseline.known}.`, '');
  const rows = byRule(saved);
  if (rows.length) {
    lines.push('| Rule | Findings | Errors | Warnings | Infos |', '| --- | ---: | ---: | ---: | ---: |');
    for (const [ruleId, [e, w, i]] of rows) lines.push(`| [${cell(ruleId)}](${encodeURI(docsUrl(ruleId))}) | ${e + w + i} | ${e} | ${w} | ${i} |`);
    lines.push('');
  }
  // A map of no service is the bare `flowchart LR` line: left out.
  if (graph && graph.trim().includes('\n')) {
    lines.push('### Architecture map', '');
    if (graph.length > MAX_GRAPH_CHARS) lines.push(`The map is too large for the job summary (${graph.length} characters); \`backend-architect graph\` prints it.`, '');
    else lines.push('```mermaid', graph.trimEnd().replace(/```/g, "'''"), '```', '');
  }
  return `${lines.join('\n')}\n`;
}
