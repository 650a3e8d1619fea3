import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { CONFIG_ERROR, INTERNAL_ERROR, PARSE_ERROR, PARTIALLY_ANALYZED, SKIPPED_FILE, severityRank, type Finding, type Fix, type Severity, type TextEdit } from '../core/findings';
import { RULE_IDS } from '../core/rules/index';
import { docsUrl } from '../core/rules/docs';

export const SOURCE = 'backend-architect';
/** Code of the one diagnostic that says how many findings were left out of a file. */
export const TOO_MANY_FINDINGS = 'too-many-findings';

/** Ids with a page under docs/rules: every rule and the analyzer's own findings. */
const DOCUMENTED = new Set([...RULE_IDS, PARSE_ERROR, CONFIG_ERROR, SKIPPED_FILE, INTERNAL_ERROR, PARTIALLY_ANALYZED]);

/** What a diagnostic carries for the code actions: the rule, its fix and the document version they were computed for. */
export interface DiagnosticData {
  ruleId: string;
  /** Version of the open document the finding was computed for; null for files analyzed from disk. */
  version: number | null;
  fix?: Fix;
  /** A fix the server computes when asked (a costly one, see Finding.fixLater): its key among the published ones. */
  fixId?: number;
  /** A Helm finding: which path found it (FindingData.via). */
  via?: 'static' | 'helm';
}

export interface DiagnosticOptions {
  version: number | null;
  /** Whether the client shows relatedInformation. */
  relatedInformation: boolean;
  /** Maps a finding's path to the URI the diagnostic is published for (the document's own URI for its path). */
  uriOf: (path: string) => string;
  maxPerFile: number;
  /** Receives the lazy fixes of the diagnostics made, by fixId. */
  lazyFixes?: Map<number, () => Fix | undefined>;
  /** Findings already left out before these (a worker sends only the ones shown): counted in the summary. */
  omitted?: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, opts: DiagnosticOptions): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, version: opts.version, ...(f.data?.via ? { via: f.data.via } : {}) };
  if (f.fix) data.fix = f.fix;
  else if (f.fixLater && opts.lazyFixes) {
    data.fixId = opts.lazyFixes.size;
    opts.lazyFixes.set(data.fixId, f.fixLater);
  }
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    message: f.message,
    data,
  };
  if (DOCUMENTED.has(f.ruleId)) d.codeDescription = { href: docsUrl(f.ruleId) };
  if (opts.relatedInformation && f.related?.length) {
    d.relatedInformation = f.related.map((r): DiagnosticRelatedInformation => ({ location: { uri: opts.uriOf(r.path), range: r.range }, message: r.message }));
  }
  return d;
}

/**
 * The findings shown when at most `max` are: the most severe first (a partially-analyzed note before all, so it is
 * never the one left out), in their order in the file.
 */
export function shownFindings<F extends Finding>(findings: readonly F[], max: number): readonly F[] {
  if (findings.length <= max) return findings;
  const rank = (f: Finding) => (f.ruleId === PARTIALLY_ANALYZED ? -1 : severityRank(f.severity));
  const order = findings.map((f, i) => ({ f, i }));
  order.sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i);
  return order.slice(0, max).sort((a, b) => a.i - b.i).map((x) => x.f);
}

/**
 * Findings -> diagnostics, at most `maxPerFile` of them (shownFindings), then one summary diagnostic saying how
 * many were left out.
 */
export function toDiagnostics(findings: readonly Finding[], opts: DiagnosticOptions): Diagnostic[] {
  const shown = shownFindings(findings, opts.maxPerFile);
  const out = shown.map((f) => toDiagnostic(f, opts));
  const hidden = findings.length - shown.length + (opts.omitted ?? 0);
  if (hidden > 0) {
    const zero = { line: 0, character: 0 };
    out.push({
      range: { start: zero, end: zero },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      code: TOO_MANY_FINDINGS,
      message: `${hidden} more finding${hidden === 1 ? '' : 's'} in this file not shown (backendArchitect.maxDiagnosticsPerFile is ${opts.maxPerFile})`,
      data: { ruleId: TOO_MANY_FINDINGS, version: opts.version } satisfies DiagnosticData,
    });
  }
  return out;
}

/** Finding counts for the status notification (hints count as infos). */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}
