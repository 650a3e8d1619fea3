// The `backend-architect` command: argument parsing, dispatch and exit codes (0 clean, 1 error findings, 2 usage/config, 3 internal error).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EffectiveConfig } from '../core/config/effective';
import { ChartRenders } from '../core/helm/renders';
import { runCiSummary } from './ciSummary';
import { relativePath } from '../core/project';
import { readBaseline, withoutBaselined, writeBaseline } from './baseline';
import { changedSince } from './changedFiles';
import { CI_OPTIONS, ciOptionsOf, type CiOptions } from './ciOptions';
import { loadCliConfig } from './config';
import { CliError } from './errors';
import { writeGithubReport } from './formatters/github';
import { writeGitlabReport } from './formatters/gitlab';
import { writeJsonReport } from './formatters/json';
import { writeJunitReport } from './formatters/junit';
import { writeSarifReport } from './formatters/sarif';
import { printable, TEXT_COLUMNS, useColor, writeTextReport } from './formatters/text';
import { failsThreshold } from './failThreshold';
import { runGraph } from './graph';
import { runReview } from './review';
import { reportInternalError } from './internalError';
import { lint, type LintReport } from './lint';
import { ChunkWriter } from './output/chunkWriter';
import { isClosedOutput, streamSink } from './output/streamSink';
import type { Io } from './io';
import { TOOL_NAME, toolInfo } from './version';

export type { Io } from './io';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const FORMATS = ['text', 'json', 'sarif', 'gitlab', 'junit', 'github'] as const;
type Format = (typeof FORMATS)[number];

export const USAGE = `Usage: ${TOOL_NAME} <command> [options]

Commands:
  lint [paths...]        Analyze files and directories (default: the current directory)
  graph [path]           Print the services, datastores and their connections (graph --help for its options)
  review [path]          Write the architecture review document, Markdown or HTML (review --help)
  ask "QUESTION"         Ask the backend architect about a workspace (ask --help for its options)
  ci-summary --from R    Job summary, outputs and annotations from a saved JSON report (ci-summary --help)

Options of lint:
  -f, --format FORMAT    Output format: text (default), json, sarif (SARIF 2.1.0), gitlab (Code Quality),
                         junit (JUnit XML) or github (workflow annotations)
  -c, --config FILE      Configuration file (default: .backend-architect.yaml in the current directory, if any)
  --max-file-size KB     Analyze files up to this size (default 5120 KB; larger files get one skipped-file note)
  --helm-render          Render Helm charts with \`helm template\` (default values) and check what they render;
                         findings map back to template lines. Runs helm: only on charts you trust
  --helm-path PATH       The helm binary for --helm-render (default: helm on PATH)
  --baseline FILE        Report only findings not in this baseline file
  --write-baseline FILE  Write every current finding to a baseline file (exit 0 unless a usage error)
  --changed-since REF    Report only findings in files changed since the git revision REF (committed,
                         uncommitted or untracked), or pointing at one; the whole system is still read
  --fail-on LEVEL        Exit 1 on a finding of this severity or worse: error (default), warning,
                         information or never
  --max-warnings N       Exit 1 also when more than N warnings are reported

  -h, --help             Show this help
  -v, --version          Print the version
  --debug                Print the stack trace of an internal error

Directories are walked honouring .gitignore, the default excludes and the config file's ignore globs
(relative to the current directory); files named explicitly are always analyzed. Paths in the output are
relative to the current directory.

Exit status: 0 when no reported finding reaches --fail-on (and warnings are within --max-warnings), 1 otherwise, 2 on a usage or configuration error, 3 on an
internal error (a bug: please report it). When the reader of the output goes away (\`| head\`), lint stops writing
and exits as it would have (0 or 1).
`;

/** `--debug` anywhere before a `--`, and the arguments without it. */
export function debugFlag(argv: string[]): { debug: boolean; args: string[] } {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const args = argv.filter((a, i) => a !== '--debug' || i > end);
  return { debug: args.length < argv.length, args };
}

export async function main(argv: string[], io: Io): Promise<number> {
  const { debug, args } = debugFlag(argv);
  try {
    const [command, ...rest] = args;
    if (command === undefined) throw new CliError('no command given', [], true);
    if (command === '-h' || command === '--help' || command === 'help') {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (command === '-v' || command === '--version') {
      io.out(`${toolInfo().version}\n`);
      return EXIT_OK;
    }
    if (command === 'lint') return await runLint(rest, io);
    if (command === 'graph') return await runGraph(rest, io);
    if (command === 'review') return await runReview(rest, io);
    if (command === 'ci-summary') return await runCiSummary(rest, io);
    // `ask` carries the chat SDK: the build keeps it in its own bundle (cliAsk.js), loaded only here.
    if (command === 'ask') return await (await import('./ask')).runAsk(rest, io, io.signal);
    throw new CliError(command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`, [], true);
  } catch (e) {
    if (!(e instanceof CliError)) return reportInternalError(e, debug, io.err);
    io.err(`${TOOL_NAME}: ${printable(e.message)}\n`);
    for (const line of e.details) io.err(`  ${printable(line)}\n`);
    if (e.showUsage) io.err(`\n${USAGE}`);
    return EXIT_USAGE;
  }
}

interface LintArgs {
  paths: string[];
  format: Format;
  config?: string;
  maxFileSizeKb?: number;
  /** --helm-render, with --helm-path when given. */
  helm?: { path: string };
  ci: CiOptions;
  help: boolean;
}

function parseLintArgs(args: string[], cwd: string): LintArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'max-file-size': { type: 'string' },
        'helm-render': { type: 'boolean' },
        'helm-path': { type: 'string' },
        ...CI_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    const message = (e as Error).message;
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new CliError(unknown ? `unknown option '${unknown[1]}'` : message.split('\n')[0].replace(/\.$/, ''), [], true);
  }
  const { values, positionals } = parsed;
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new CliError(`unknown format '${values.format}' (expected ${FORMATS.join(', ')})`, [], true);
  if (values.config === '') throw new CliError('--config needs a file name', [], true);
  const size = values['max-file-size'];
  const maxFileSizeKb = size === undefined ? undefined : Number(size);
  if (maxFileSizeKb !== undefined && !(Number.isInteger(maxFileSizeKb) && maxFileSizeKb >= 1 && maxFileSizeKb <= 102400)) {
    throw new CliError(`--max-file-size needs a whole number of KB between 1 and 102400, not '${size}'`, [], true);
  }
  const helmPath = values['helm-path'];
  if (helmPath !== undefined && !values['helm-render']) throw new CliError('--helm-path goes with --helm-render', [], true);
  if (helmPath === '') throw new CliError('--helm-path needs the path of a helm binary', [], true);
  // A path with a folder in it is relative to the current directory; a bare name is looked up on PATH.
  const helm = values['helm-render'] ? { path: helmPath && /[\\/]/.test(helmPath) ? resolve(cwd, helmPath) : (helmPath ?? '') } : undefined;
  return { paths: positionals, format, config: values.config, maxFileSizeKb, helm, ci: ciOptionsOf(values, cwd), help: values.help === true };
}

async function runLint(args: string[], io: Io): Promise<number> {
  const opts = parseLintArgs(args, io.cwd);
  if (opts.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const loaded = await loadCliConfig(io.cwd, opts.config);
  const settings = { ...loaded.config.settings };
  if (opts.maxFileSizeKb !== undefined) settings.maxFileSizeKb = opts.maxFileSizeKb;
  if (opts.helm) settings.helm = { ...settings.helm, render: true, path: opts.helm.path };
  const config = new EffectiveConfig(settings, loaded.config.file);
  // Running the command is the user's own choice: the charts count as trusted; each render is awaited.
  const helm = opts.helm ? { renders: new ChartRenders(), trusted: true, wait: true } : undefined;
  // Git and the baseline are checked before the analysis: a bad revision or file fails at once.
  const changes = opts.ci.changedSince !== undefined ? await changedSince(io.cwd, opts.ci.changedSince) : undefined;
  const known = opts.ci.baseline ? await readBaseline(opts.ci.baseline, io.cwd) : undefined;
  const linted = await lint(io.cwd, opts.paths, config, helm, changes);
  const notes = [...linted.notes];
  let report = linted.report;
  if (opts.ci.writeBaseline) notes.push(`wrote ${await writeBaseline(opts.ci.writeBaseline, report)} findings to ${relativePath(io.cwd, opts.ci.writeBaseline)}`);
  if (known) {
    const filtered = withoutBaselined(report, known);
    report = filtered.report;
    if (filtered.hidden) notes.push(`note: ${filtered.hidden} findings of the baseline not reported`);
  }
  for (const n of notes) io.err(`${TOOL_NAME}: ${printable(n)}\n`);
  const out = new ChunkWriter(io.write);
  try {
    await writeReport(opts.format, report, out, useColor({ isTTY: io.isTTY }, io.env), io.columns ?? TEXT_COLUMNS);
    await out.flush();
  } catch (e) {
    // The reader went away (`| head`): what it did not read is not written, and the exit status stays that of the findings.
    if (!isClosedOutput(e)) throw e;
  }
  if (opts.ci.writeBaseline) return EXIT_OK;
  return failsThreshold(report, opts.ci.failOn, opts.ci.maxWarnings) ? EXIT_FINDINGS : EXIT_OK;
}

const WRITERS: Record<Format, (report: LintReport, out: ChunkWriter, color: boolean, columns: number) => Promise<void>> = {
  text: writeTextReport,
  json: writeJsonReport,
  sarif: writeSarifReport,
  gitlab: writeGitlabReport,
  junit: writeJunitReport,
  github: writeGithubReport,
};

function writeReport(format: Format, report: LintReport, out: ChunkWriter, color: boolean, columns: number): Promise<void> {
  return WRITERS[format](report, out, color, columns);
}

/** Runs the command line of this process and sets its exit code. */
export function runCli(): void {
  const { debug } = debugFlag(process.argv.slice(2));
  const failed = (e: unknown) => process.exit(reportInternalError(e, debug, (t) => process.stderr.write(t)));
  process.on('uncaughtException', failed);
  // A closed pipe is no failure: lint stops at its next chunk, other output is dropped, each command ends as usual.
  process.stdout.on('error', (e) => {
    if (!isClosedOutput(e)) failed(e);
  });
  const interrupt = new AbortController();
  // Ctrl-C stops a running `ask` (the partial answer and usage are still printed); other commands exit at once.
  process.once('SIGINT', () => {
    if (process.argv[2] !== 'ask') process.exit(130);
    interrupt.abort();
  });
  const io: Io = {
    signal: interrupt.signal,
    out: (t) => process.stdout.write(t),
    write: streamSink(process.stdout),
    err: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  }, failed);
}

if (require.main === module) runCli();
