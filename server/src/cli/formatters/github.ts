import type { Finding, Severity } from '../../core/findings';
import type { LintReport } from '../lint';
import type { ChunkWriter } from '../output/chunkWriter';
import { eachFinding } from './findings';
import { jsonRange } from './json';

/** GitHub's workflow commands: error and warning as such, the milder ones as notices. */
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** A command's message: `%`, CR and LF escaped (GitHub's rules for workflow command data). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: as the message, and also `:` and `,`, which end a property. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::warning file=PATH,line=L,endLine=E,col=C,endColumn=EC,title=RULE::MESSAGE`; positions 1-based. */
export function annotation(f: Finding): string {
  const r = jsonRange(f.range);
  const props = [`file=${escapeProperty(f.path)}`, `line=${r.startLine}`, `endLine=${r.endLine}`, `col=${r.startColumn}`, `endColumn=${r.endColumn}`, `title=${escapeProperty(f.ruleId)}`];
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
}

/**
 * `--format github`: one workflow command per finding, which a GitHub Actions job log turns into an annotation on
 * the file and lines. Paths are relative to the current directory: run it from the repository root.
 */
export async function writeGithubReport(report: LintReport, out: ChunkWriter): Promise<void> {
  for (const f of eachFinding(report)) await out.write(`${annotation(f)}\n`);
}
