// Shared by the CI format tests: a workspace whose paths and a report whose messages need escaping, rendered in process.
import type { Finding, Severity } from '../../server/src/core/findings';
import type { LintReport } from '../../server/src/cli/lint';
import { ChunkWriter } from '../../server/src/cli/output/chunkWriter';
import { PYTHON_WITHOUT_TIMEOUT } from './helpers';

/** Files whose paths hold a space, non-ASCII letters, a comma and a colon; one missing-timeout finding each (line 3). */
export const AWKWARD_FILES: Record<string, string> = {
  'my services/client.py': PYTHON_WITHOUT_TIMEOUT,
  'zürich/café ünïcødé.py': PYTHON_WITHOUT_TIMEOUT,
  'odd/a,b:c.py': PYTHON_WITHOUT_TIMEOUT,
};

/** Messages with what each format must escape: %, line breaks, `:` and `,`, markup, quotes and control characters. */
export const AWKWARD_MESSAGES = [
  'Uses 100% of the pool: orders, payments',
  'First line\nsecond line\r\nthird line\rend',
  '<tag attr="x">&amp; it\'s</tag>\ttabbed',
  'bell \u0007 and escape \u001b[31m and %0A taken literally',
];

const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

/** A report of one finding per awkward message in `path`, of each severity in turn; `cwd` is where `path` is read. */
export function awkwardReport(cwd: string, path = 'dir with space/ünï,c:d.yaml'): LintReport {
  const severities: Severity[] = ['error', 'warning', 'information', 'hint'];
  const findings: Finding[] = AWKWARD_MESSAGES.map((message, i) => ({ ruleId: `rule-${i}`, severity: severities[i], message, path, range: at(i, 2, 5) }));
  return { cwd, files: [{ path, findings }], filesChecked: 1 };
}

/** What a formatter writes for `report`, collected in small chunks (so that a piece is never lost between chunks). */
export async function render(write: (report: LintReport, out: ChunkWriter, color: boolean) => Promise<void>, report: LintReport): Promise<string> {
  const chunks: string[] = [];
  const out = new ChunkWriter(async (c) => void chunks.push(c), 16);
  await write(report, out, false);
  await out.flush();
  return chunks.join('');
}
