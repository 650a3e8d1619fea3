import type { Range } from './text/lineIndex';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The file the edits apply to when it is not the finding's own (a spec, for a finding on code). */
  path?: string;
  /** That file's document version the edits were computed for; null when read from disk. */
  version?: number | null;
}

export interface RelatedLocation {
  path: string;
  range: Range;
  message: string;
}

/** Facts about a finding beyond its message, carried into diagnostics (`data`), JSON and SARIF (`properties`). */
export interface FindingData {
  /** A Helm finding: found reading the chart's files (`static`) or in the output of `helm template` (`helm`). */
  via?: 'static' | 'helm';
}

/** One finding, located in a file, ready for diagnostics, the CLI and SARIF. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  range: Range;
  related?: RelatedLocation[];
  fix?: Fix;
  data?: FindingData;
  /** Stable identity across runs and unrelated edits (fingerprint.ts); set by the CLI for baselines and SARIF. */
  fingerprint?: string;
  /** Instead of `fix` when the analysis was asked for lazy fixes: the fix, computed when called. */
  fixLater?: () => Fix | undefined;
}

/** Id of the finding the engine makes when a rule throws or a file cannot be read. */
export const INTERNAL_ERROR = 'internal-error';
export const PARSE_ERROR = 'parse-error';
export const CONFIG_ERROR = 'invalid-config';
export const SKIPPED_FILE = 'skipped-file';

/** Findings about the analysis itself (a file not read, a parse error), not about what the file says. */
export const ANALYSIS_RULES: ReadonlySet<string> = new Set([SKIPPED_FILE, PARSE_ERROR, INTERNAL_ERROR, CONFIG_ERROR]);
/** The editor's note on a file whose analysis ran out of its time budget (lsp/budget.ts). */
export const PARTIALLY_ANALYZED = 'partially-analyzed';

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
