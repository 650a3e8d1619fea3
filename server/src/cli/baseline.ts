import { rename, writeFile } from 'node:fs/promises';
import { readFile } from '../core/fsAsync';
import { relativePath } from '../core/project';
import { CliError } from './errors';
import type { LintReport } from './lint';
import { TOOL_NAME } from './version';

/** Version of the baseline file format; a file of a newer version is refused, never rewritten. */
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  path: string;
  fingerprint: string;
  message: string;
}

export interface BaselineFile {
  version: number;
  tool: string;
  findings: BaselineEntry[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The baseline of a report: one entry per finding, sorted by path, rule id and fingerprint (diff-friendly). */
export function baselineOf(report: LintReport): BaselineFile {
  const findings = report.files.flatMap((file) => file.findings.map((f) => ({ ruleId: f.ruleId, path: f.path, fingerprint: f.fingerprint ?? '', message: f.message })));
  findings.sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint));
  return { version: BASELINE_VERSION, tool: TOOL_NAME, findings };
}

/** Writes the baseline through a temporary file and a rename, so a failed write leaves the old file as it was. */
export async function writeBaseline(path: string, report: LintReport): Promise<number> {
  const baseline = baselineOf(report);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(baseline, null, 2)}\n`);
    await rename(temp, path);
  } catch (e) {
    throw new CliError(`cannot write baseline file ${path}: ${(e as Error).message}`);
  }
  return baseline.findings.length;
}

/** The fingerprints of a baseline file; a missing, unreadable, malformed or newer file is a CliError. */
export async function readBaseline(path: string, cwd: string): Promise<Set<string>> {
  const shown = relativePath(cwd, path) || path;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`baseline file ${shown} does not exist`, [`create it with: ${TOOL_NAME} lint --write-baseline ${shown}`]);
    throw new CliError(`cannot read baseline file ${shown}: ${code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`);
  }
  return new Set(parseBaseline(text, shown).findings.map((f) => f.fingerprint));
}

/** Checks the shape of a baseline file's text; `shown` names the file in errors. */
export function parseBaseline(text: string, shown: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new CliError(`baseline file ${shown} is not valid JSON: ${(e as Error).message}`);
  }
  const file = data as Partial<BaselineFile> | null;
  const bad = (why: string) => new CliError(`baseline file ${shown} is not a ${TOOL_NAME} baseline: ${why}`);
  if (typeof file !== 'object' || file === null || Array.isArray(file)) throw bad('expected a JSON object');
  if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1) throw bad('no format version');
  if (file.version > BASELINE_VERSION) {
    throw new CliError(`baseline file ${shown} has format version ${file.version}, newer than this ${TOOL_NAME} reads (${BASELINE_VERSION})`, ['update backend-architect, or write the baseline again with this version']);
  }
  if (!Array.isArray(file.findings)) throw bad('no findings list');
  file.findings.forEach((f, i) => {
    if (typeof f?.fingerprint !== 'string' || !f.fingerprint) throw bad(`finding ${i + 1} has no fingerprint`);
  });
  return file as BaselineFile;
}

/** The report without the findings a baseline knows, and how many were hidden. */
export function withoutBaselined(report: LintReport, known: Set<string>): { report: LintReport; hidden: number } {
  let hidden = 0;
  const files = [];
  for (const file of report.files) {
    const findings = file.findings.filter((f) => !(f.fingerprint !== undefined && known.has(f.fingerprint)));
    hidden += file.findings.length - findings.length;
    if (findings.length) files.push({ ...file, findings });
  }
  return { report: { ...report, files, baselineHidden: hidden }, hidden };
}
