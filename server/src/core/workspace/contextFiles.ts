import { join } from 'node:path';
import { isComposeName } from '../documents/classify';
import { generatedReason } from '../documents/skip';
import { isContextFileOfInterest, SKIP_DIRS } from './codeScan';
import type { ModelFs } from './fs';

/** At most this many files of a folder are read for the model and the service summaries (its first, by name). */
const MAX_CONTEXT_FILES = 400;
const MAX_CONTEXT_DEPTH = 12;

/** A folder's files of interest to the model (code and config, not compose files), walked in name order. */
export async function contextFilesOf(fs: ModelFs, dir: string): Promise<string[]> {
  const out: string[] = [];
  await walk(fs, dir, 0, out);
  return out;
}

async function walk(fs: ModelFs, dir: string, depth: number, out: string[]): Promise<void> {
  if (depth > MAX_CONTEXT_DEPTH || out.length >= MAX_CONTEXT_FILES) return;
  for (const e of ((await fs.list(dir)) ?? []).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.dir) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(fs, p, depth + 1, out);
    } else if (isContextFileOfInterest(p) && !isComposeName(p) && out.length < MAX_CONTEXT_FILES) out.push(p);
  }
}

/** Non-blank lines of a code file (0 for config, and for generated or test code). */
export function codeLines(path: string, text: string): number {
  if (!/\.(py|ts|mts|cts|js|mjs|cjs|go|java|kt|rb|php|cs|rs|scala)$/i.test(path) || /\.(min|pb|generated)\.|_pb2|\.d\.ts$/.test(path) || generatedReason(path, text)) return 0;
  let n = 0;
  for (const line of text.split('\n')) if (line.trim()) n++;
  return n;
}
