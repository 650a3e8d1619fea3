// `backend-architect ci-summary --from report.json`: a CI job's summary, outputs and annotations from a saved report.
import { appendFile as appendFileCallback } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { readFile } from '../core/fsAsync';
import { CliError } from './errors';
import { writeGithubReport } from './formatters/github';
import { markdownSummary } from './formatters/markdownSummary';
import { summarize } from './formatters/summary';
import { readJsonReport } from './jsonReport';
import type { Io } from './io';
import { ChunkWriter } from './output/chunkWriter';
import { TOOL_NAME } from './version';

const appendFile = promisify(appendFileCallback);

export const CI_SUMMARY_USAGE = `Usage: ${TOOL_NAME} ci-summary --from REPORT [--graph FILE] [--summary FILE] [--outputs FILE] [--annotations]

Summarizes a saved \`lint --format json\` report for a CI job (the GitHub Action runs it):

  --from REPORT          The report (paths in it are relative to the current directory)
  --graph FILE           Mermaid text (\`graph\` output) to show as the architecture map
  --summary FILE         Appends the Markdown summary (findings by rule, new against baseline, the map) to FILE
                         (default: $GITHUB_STEP_SUMMARY; stdout when neither is given)
  --outputs FILE         Appends findings=N, errors=N and warnings=N lines to FILE (default: $GITHUB_OUTPUT, if set)
  --annotations          Prints the findings as GitHub workflow annotations (as lint --format github) to stdout
  -h, --help             Show this help
`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      options: { from: { type: 'string' }, graph: { type: 'string' }, summary: { type: 'string' }, outputs: { type: 'string' }, annotations: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (e) {
    throw new CliError(`ci-summary: ${(e as Error).message.split('\n')[0].replace(/\.$/, '')}`, [], true);
  }
}

export async function runCiSummary(args: string[], io: Io): Promise<number> {
  const opts = parse(args);
  if (opts.help) {
    io.out(CI_SUMMARY_USAGE);
    return 0;
  }
  if (!opts.from) throw new CliError('ci-summary: --from REPORT is required (a report of lint --format json)', [], true);
  const path = (p: string) => resolve(io.cwd, p);
  const saved = await readJsonReport(path(opts.from), io.cwd);
  const graph = opts.graph ? await readFile(path(opts.graph), 'utf8').catch(() => undefined) : undefined;
  if (opts.graph && graph === undefined) io.err(`${TOOL_NAME}: note: no architecture map: cannot read ${opts.graph}\n`);
  const markdown = markdownSummary(saved, graph);
  const summaryFile = opts.summary ?? io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) await appendFile(path(summaryFile), markdown);
  else io.out(markdown);
  const outputsFile = opts.outputs ?? io.env.GITHUB_OUTPUT;
  const s = summarize(saved.report);
  if (outputsFile) await appendFile(path(outputsFile), `findings=${s.problems}\nerrors=${s.errors}\nwarnings=${s.warnings}\n`);
  if (opts.annotations) {
    const out = new ChunkWriter(io.write);
    await writeGithubReport(saved.report, out);
    await out.flush();
  }
  return 0;
}
