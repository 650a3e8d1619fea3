// `backend-architect review [path] [--format markdown|html] [--output FILE]`: the architecture review document.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stat } from '../core/fsAsync';
import { collectReview, reviewDocument } from '../core/review/index';
import { loadCliConfig } from './config';
import { CliError } from './errors';
import type { Io } from './io';
import { TOOL_NAME, toolInfo } from './version';

const FORMATS = ['markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

export const REVIEW_USAGE = `Usage: ${TOOL_NAME} review [path] [--format markdown|html] [--output FILE] [--config FILE]

Writes an architecture review of the system under path (default: the current directory): the system at a glance,
its map, the architect's checklist with a verdict and file:line evidence per item, the top risks, the findings
grouped by root cause, and what the review could not see.

  -f, --format FORMAT    markdown (default; the map as a Mermaid block) or html (one self-contained file,
                         the map as an inline SVG, nothing loaded from elsewhere)
  -o, --output FILE      Write the document to FILE (links relative to its folder) instead of stdout (links
                         relative to the current directory)
  -c, --config FILE      Configuration file (default: .backend-architect.yaml in the reviewed folder, if any)
  -h, --help             Show this help

Exit status: 0 when the document is written, 2 on a usage or configuration error, 3 on an internal error.
`;

export async function runReview(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    const unknown = /^Unknown option '([^']+)'/.exec((e as Error).message);
    throw new CliError(unknown ? `review: unknown option '${unknown[1]}'` : `review: ${(e as Error).message.split('\n')[0].replace(/\.$/, '')}`, [], true);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(REVIEW_USAGE);
    return 0;
  }
  const format = (values.format ?? 'markdown') as Format;
  if (!FORMATS.includes(format)) throw new CliError(`review: unknown format '${values.format}' (expected ${FORMATS.join(', ')})`, [], true);
  if (positionals.length > 1) throw new CliError('review: give one directory at most', [], true);
  if (values.output === '') throw new CliError('review: --output needs a file name', [], true);
  if (values.config === '') throw new CliError('review: --config needs a file name', [], true);
  const root = resolve(io.cwd, positionals[0] ?? '.');
  const st = await stat(root).catch(() => undefined);
  if (!st?.isDirectory()) throw new CliError(`review: no such directory: ${positionals[0]}`, [], true);
  const output = values.output === undefined ? undefined : resolve(io.cwd, values.output);
  if (output && (await stat(output).catch(() => undefined))?.isDirectory()) throw new CliError(`review: --output is a directory: ${values.output}`, [], true);
  const { config } = await loadCliConfig(root, values.config === undefined ? undefined : resolve(io.cwd, values.config));
  const input = await collectReview(root, config);
  const style = output ? { base: dirname(output), baseName: 'the folder of this file' } : { base: io.cwd, baseName: 'the directory the review was run from' };
  const doc = reviewDocument(input, style, `${TOOL_NAME} ${toolInfo().version}`);
  // The HTML page carries markdown-it and the graph layout: the build keeps it in its own bundle (cliReviewHtml.js).
  const text = format === 'html' ? (await import('../core/review/html')).reviewHtml(doc.markdown, input.model, `Architecture review: ${basename(root)}`) : doc.markdown;
  if (!input.filesChecked && !input.model.services.length) io.err(`${TOOL_NAME}: note: nothing to review under ${positionals[0] ?? '.'} (no compose file, manifest, API spec or service code)\n`);
  if (!output) {
    io.out(text);
    return 0;
  }
  try {
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, text);
  } catch (e) {
    throw new CliError(`review: cannot write ${values.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  io.err(`${TOOL_NAME}: wrote the review to ${values.output}\n`);
  return 0;
}
