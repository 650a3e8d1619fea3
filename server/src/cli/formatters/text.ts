import type { Finding, Severity } from '../../core/findings';
import type { LintReport } from '../lint';
import type { ChunkWriter } from '../output/chunkWriter';
import { summarize } from './summary';

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

interface Style {
  header(s: string): string;
  dim(s: string): string;
  severity(s: string, sev: Severity): string;
  summary(s: string, worst: Severity | undefined): string;
}

const ESC = '\u001b[';
const paint = (open: string, s: string) => `${ESC}${open}m${s}${ESC}0m`;
const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '90' };
const COLOR: Style = {
  header: (s) => paint('4', s),
  dim: (s) => paint('2', s),
  severity: (s, sev) => paint(SEVERITY_COLOR[sev], s),
  summary: (s, worst) => paint(worst ? `1;${SEVERITY_COLOR[worst]}` : '32', s),
};
const PLAIN: Style = { header: (s) => s, dim: (s) => s, severity: (s) => s, summary: (s) => s };

/** Colors when stdout is a terminal, unless NO_COLOR is set; FORCE_COLOR (not 0) forces them on. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true;
}

/** Control characters from file contents (a key holding an escape sequence) are shown escaped, never sent to the terminal. */
export function printable(s: string): string {
  return s.replace(/\r\n|[\r\n]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const width = (s: string) => [...s].length;
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

/** The width of text output when stdout is no terminal. */
export const TEXT_COLUMNS = 120;

/**
 * ESLint "stylish"-like output: per file a header line, then `  line:col  severity  message  rule-id` rows aligned
 * as a table (1-based positions, columns in UTF-16 code units), then one summary line. Written line by line.
 * Rows fit in `columns`: a message longer than its column wraps at a space onto indented lines.
 */
export async function writeTextReport(report: LintReport, out: ChunkWriter, color: boolean, columns = TEXT_COLUMNS): Promise<void> {
  const st = color ? COLOR : PLAIN;
  for (const [i, file] of report.files.entries()) {
    if (i) await out.write('\n');
    await out.write(`${st.header(printable(file.path))}\n`);
    for (const row of fileRows(file.findings, st, columns)) await out.write(`${row}\n`);
  }
  const s = summarize(report);
  const files = `${s.files} file${s.files === 1 ? '' : 's'} checked`;
  if (!s.problems) {
    await out.write(`${st.summary(`✔ No problems (${files})`, undefined)}\n`);
  } else {
    const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
    const parts = [n(s.errors, 'error'), n(s.warnings, 'warning'), n(s.infos, 'info')];
    if (s.hints) parts.push(n(s.hints, 'hint'));
    const worst: Severity = s.errors ? 'error' : s.warnings ? 'warning' : s.infos ? 'information' : 'hint';
    await out.write(`\n${st.summary(`✖ ${n(s.problems, 'problem')} (${parts.join(', ')})`, worst)}\n`);
  }
}

/** The rows of one file's findings, aligned as a table. */
function* fileRows(findings: Finding[], st: Style, columns: number): Iterable<string> {
  const rows = findings.map((f) => ({
    line: String(f.range.start.line + 1),
    col: String(f.range.start.character + 1),
    severity: f.severity,
    message: printable(f.message),
    ruleId: f.ruleId,
  }));
  const w = { line: 0, col: 0, sev: 0, msg: 0, rule: 0 };
  for (const r of rows) {
    w.line = Math.max(w.line, r.line.length);
    w.col = Math.max(w.col, r.col.length);
    w.sev = Math.max(w.sev, LABEL[r.severity].length);
    w.msg = Math.max(w.msg, width(r.message));
    w.rule = Math.max(w.rule, r.ruleId.length);
  }
  const indent = 2 + w.line + 1 + w.col + 2 + w.sev + 2;
  const msgWidth = Math.min(w.msg, Math.max(MIN_MESSAGE, columns - indent - 2 - w.rule));
  for (const r of rows) {
    const pos = st.dim(`${padStart(r.line, w.line)}:${padEnd(r.col, w.col)}`);
    const sev = st.severity(padEnd(LABEL[r.severity], w.sev), r.severity);
    const [first, ...rest] = wrap(r.message, msgWidth);
    yield `  ${pos}  ${sev}  ${padEnd(first, msgWidth)}  ${st.dim(r.ruleId)}`;
    for (const more of rest) yield `${' '.repeat(indent)}${more}`;
  }
}

const MIN_MESSAGE = 30;

/** Splits a message into lines of at most `n` characters, at spaces where it can. */
function wrap(message: string, n: number): string[] {
  const chars = [...message];
  if (chars.length <= n) return [message];
  const lines: string[] = [];
  let start = 0;
  while (chars.length - start > n) {
    let cut = start + n;
    const space = chars.lastIndexOf(' ', cut);
    if (space > start) cut = space;
    lines.push(chars.slice(start, cut).join('').trimEnd());
    start = chars[cut] === ' ' ? cut + 1 : cut;
  }
  lines.push(chars.slice(start).join(''));
  return lines;
}
