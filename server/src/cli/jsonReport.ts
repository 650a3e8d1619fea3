import { readFile } from '../core/fsAsync';
import { SEVERITIES, type Finding } from '../core/findings';
import { CliError } from './errors';
import { JSON_FORMAT_VERSION, type JsonRange } from './formatters/json';
import type { LintReport } from './lint';

/** A finding of a saved `lint --format json` report, with what the report may carry beyond the format (a baseline state). */
export interface SavedFinding extends Finding {
  baselineState?: string;
}

export interface SavedReport {
  report: Omit<LintReport, 'files'> & { files: { path: string; findings: SavedFinding[] }[] };
  /** The report's own summary, as written (it may hold more than the counts, e.g. a baseline's). */
  summary: Record<string, unknown>;
}

interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  range: JsonRange;
  baselineState?: string;
}

const isFinding = (f: any): f is JsonFinding =>
  typeof f?.ruleId === 'string' && SEVERITIES.includes(f.severity) && typeof f.message === 'string' && Number.isInteger(f.range?.start?.line) && Number.isInteger(f.range?.end?.line);

/** Reads a report written by `lint --format json` (format version 1) back into findings; `cwd` is where its paths are relative to. */
export async function readJsonReport(file: string, cwd: string): Promise<SavedReport> {
  let doc: any;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read the report ${file}: ${(e as Error).message}`);
  }
  const wellFormed = doc?.version === JSON_FORMAT_VERSION && Array.isArray(doc.files) && doc.files.every((f: any) => typeof f?.path === 'string' && Array.isArray(f.findings) && f.findings.every(isFinding));
  if (!wellFormed) throw new CliError(`${file} is not a report of \`lint --format json\` (format version ${JSON_FORMAT_VERSION})`);
  const files = doc.files.map((f: { path: string; findings: JsonFinding[] }) => ({
    path: f.path,
    findings: f.findings.map((x): SavedFinding => ({
      ruleId: x.ruleId,
      severity: x.severity,
      message: x.message,
      path: f.path,
      range: { start: x.range.start, end: x.range.end },
      ...(typeof x.baselineState === 'string' ? { baselineState: x.baselineState } : {}),
    })),
  }));
  const summary = typeof doc.summary === 'object' && doc.summary ? doc.summary : {};
  return { report: { cwd, files, filesChecked: Number(summary.files) || 0 }, summary };
}
