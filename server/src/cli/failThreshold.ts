import { severityRank, type Severity } from '../core/findings';
import { summarize } from './formatters/summary';
import type { LintReport } from './lint';

export const FAIL_ON = ['error', 'warning', 'information', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * Whether lint fails (exit 1): a reported finding at least as severe as `failOn` (hints never count), or more
 * warnings than `maxWarnings` (as ESLint's --max-warnings).
 */
export function failsThreshold(report: LintReport, failOn: FailOn, maxWarnings?: number): boolean {
  if (maxWarnings !== undefined && summarize(report).warnings > maxWarnings) return true;
  if (failOn === 'never') return false;
  const limit = severityRank(failOn as Severity);
  return report.files.some((file) => file.findings.some((f) => severityRank(f.severity) <= limit));
}
