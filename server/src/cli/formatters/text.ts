import type { Finding, Severity } from '../../core/findings';
import type { LintReport } from '../lint';
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

/**
 * ESLint "stylish"-like output: per file a header line, then `  line:col  severity  message  rule-id` rows aligned
 * as a table (1-based positions, columns in UTF-16 code units), then one summary line.
 */
export function formatText(report: LintReport, color: boolean): string {
  const st = color ? COLOR : PLAIN;
  const out: string[] = [];
  for (const file of report.files) {
    const rows = file.findings.map((f: Finding) => ({
      line: String(f.range.start.line + 1),
      col: String(f.range.start.character + 1),
      severity: f.severity,
      message: printable(f.message),
      ruleId: f.ruleId,
    }));
    const w = {
      line: Math.max(...rows.map((r) => r.line.length)),
      col: Math.max(...rows.map((r) => r.col.length)),
      sev: Math.max(...rows.map((r) => LABEL[r.severity].length)),
      msg: Math.max(...rows.map((r) => width(r.message))),
    };
    out.push('', st.header(printable(file.path)));
    for (const r of rows) {
      const pos = st.dim(`${padStart(r.line, w.line)}:${padEnd(r.col, w.col)}`);
      const sev = st.severity(padEnd(LABEL[r.severity], w.sev), r.severity);
      out.push(`  ${pos}  ${sev}  ${padEnd(r.message, w.msg)}  ${st.dim(r.ruleId)}`);
    }
  }
  const s = summarize(report);
  const files = `${s.files} file${s.files === 1 ? '' : 's'} checked`;
  if (!s.problems) {
    out.push(st.summary(`✔ No problems (${files})`, undefined));
  } else {
    const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
    const parts = [n(s.errors, 'error'), n(s.warnings, 'warning'), n(s.infos, 'info')];
    if (s.hints) parts.push(n(s.hints, 'hint'));
    const worst: Severity = s.errors ? 'error' : s.warnings ? 'warning' : s.infos ? 'information' : 'hint';
    out.push('', st.summary(`✖ ${n(s.problems, 'problem')} (${parts.join(', ')})`, worst));
  }
  return `${out.join('\n').replace(/^\n/, '')}\n`;
}
