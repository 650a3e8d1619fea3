import type { Severity } from '../../core/findings';
import type { LintReport } from '../lint';

export interface Summary {
  /** Files read for analysis. */
  files: number;
  problems: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** With `--baseline`: findings the baseline held back (they are in no other count). */
  baseline?: number;
}

const KEY: Record<Severity, 'errors' | 'warnings' | 'infos' | 'hints'> = { error: 'errors', warning: 'warnings', information: 'infos', hint: 'hints' };

export function summarize(report: LintReport): Summary {
  const s: Summary = { files: report.filesChecked, problems: 0, errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const file of report.files) {
    for (const f of file.findings) {
      s.problems++;
      s[KEY[f.severity]]++;
    }
  }
  if (report.baselineHidden !== undefined) s.baseline = report.baselineHidden;
  return s;
}

/** True when the run must fail (exit 1): a finding of severity error. */
export function hasErrors(report: LintReport): boolean {
  return report.files.some((f) => f.findings.some((x) => x.severity === 'error'));
}
