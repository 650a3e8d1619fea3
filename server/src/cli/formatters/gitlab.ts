import type { Finding, Severity } from '../../core/findings';
import type { LintReport } from '../lint';
import type { ChunkWriter } from '../output/chunkWriter';
import { writeJsonArray } from '../output/streamedJson';

/** GitLab's severities; an error finding is `major` (`critical` and `blocker` are left for what must stop a merge). */
const SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

/** One Code Quality issue; its fingerprint is the one lint gives every finding (core/fingerprint.ts), as in baselines. */
function issue(f: Finding) {
  return { description: f.message, check_name: f.ruleId, fingerprint: f.fingerprint ?? '', severity: SEVERITY[f.severity], location: { path: f.path, lines: { begin: f.range.start.line + 1 } } };
}

async function* allIssues(report: LintReport): AsyncIterable<unknown> {
  for (const file of report.files) for (const f of file.findings) yield issue(f);
}

/**
 * `--format gitlab`: a GitLab Code Quality report (a JSON array of issues with description, check_name,
 * fingerprint, severity and location.path / location.lines.begin). Paths are relative to the current directory:
 * run it from the repository root.
 */
export function writeGitlabReport(report: LintReport, out: ChunkWriter): Promise<void> {
  return writeJsonArray(out, allIssues(report));
}
