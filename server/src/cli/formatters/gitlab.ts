import { join } from 'node:path';
import type { Finding, Severity } from '../../core/findings';
import { readFile, stat } from '../../core/fsAsync';
import type { FileReport, LintReport } from '../lint';
import type { ChunkWriter } from '../output/chunkWriter';
import { writeJsonArray } from '../output/streamedJson';
import { localFingerprint } from './fingerprint';

/** GitLab's severities; an error finding is `major` (`critical` and `blocker` are left for what must stop a merge). */
const SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

/** Files larger than this are not read for fingerprints (their findings' line text counts as empty). */
const MAX_READ_BYTES = 16 * 1024 * 1024;

/** The lines of a file with findings, to fingerprint them by their text; none when it cannot be read. */
async function fileLines(cwd: string, path: string): Promise<string[]> {
  try {
    const abs = join(cwd, path);
    if ((await stat(abs)).size > MAX_READ_BYTES) return [];
    return (await readFile(abs, 'utf8')).split(/\r\n|\r|\n/);
  } catch {
    return [];
  }
}

/** One file's Code Quality issues; the occurrence index counts findings of the same rule on the same line text. */
function* issues(file: FileReport, lines: string[]): Iterable<unknown> {
  const seen = new Map<string, number>();
  for (const f of file.findings) {
    const text = (lines[f.range.start.line] ?? '').trim();
    const key = JSON.stringify([f.ruleId, text]);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    yield issue(f, localFingerprint(f.ruleId, f.path, text, occurrence));
  }
}

function issue(f: Finding, fingerprint: string) {
  return { description: f.message, check_name: f.ruleId, fingerprint, severity: SEVERITY[f.severity], location: { path: f.path, lines: { begin: f.range.start.line + 1 } } };
}

async function* allIssues(report: LintReport): AsyncIterable<unknown> {
  for (const file of report.files) yield* issues(file, await fileLines(report.cwd, file.path));
}

/**
 * `--format gitlab`: a GitLab Code Quality report (a JSON array of issues with description, check_name,
 * fingerprint, severity and location.path / location.lines.begin). Paths are relative to the current directory:
 * run it from the repository root. Each file's text is read once, to fingerprint its findings.
 */
export function writeGitlabReport(report: LintReport, out: ChunkWriter): Promise<void> {
  return writeJsonArray(out, allIssues(report));
}
