import { readdir, readFile } from '../fsAsync';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CONFIG_FILE_NAME, mayAnalyze } from '../documents/classify';

export interface ScanOptions {
  /** Workspace-relative paths (forward slashes) to leave out: exclude globs and config ignores. */
  isExcluded?: (relativePath: string) => boolean;
  /** Stops the walk early (a newer scan started, or the server is shutting down). */
  signal?: AbortSignal;
  /** Also lists files whose name matches, beside those the analyzer reads (the review's API contracts). */
  alsoList?: RegExp;
}

interface Level {
  dir: string;
  rules: Ignore;
}

/** Lists the files under `root` that the analyzer may read, honouring .gitignore files at every level. */
export async function listWorkspaceFiles(root: string, opts: ScanOptions = {}): Promise<string[]> {
  const out: string[] = [];
  await walk(root, root, [], opts, out);
  return out.sort();
}

async function walk(root: string, dir: string, levels: Level[], opts: ScanOptions, out: string[]): Promise<void> {
  if (opts.signal?.aborted) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const here = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? await loadGitignore(dir) : undefined;
  const chain = here ? [...levels, { dir, rules: here }] : levels;
  for (const e of entries) {
    if (e.isSymbolicLink()) continue;
    const full = join(dir, e.name);
    const rel = relative(root, full).split(sep).join('/');
    const isDir = e.isDirectory();
    if (e.name === '.git' || isGitIgnored(chain, full, isDir)) continue;
    if (opts.isExcluded?.(isDir ? `${rel}/` : rel) || opts.isExcluded?.(rel)) continue;
    if (isDir) await walk(root, full, chain, opts, out);
    else if (e.isFile() && (mayAnalyze(e.name) || e.name === CONFIG_FILE_NAME || opts.alsoList?.test(e.name))) out.push(full);
  }
}

async function loadGitignore(dir: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await readFile(join(dir, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** As git decides: the deepest .gitignore with a matching pattern wins, so a nested `!pattern` re-includes. */
function isGitIgnored(levels: Level[], full: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const rel = relative(levels[i].dir, full).split(sep).join('/');
    if (!rel) continue;
    const r = levels[i].rules.test(isDir ? `${rel}/` : rel);
    if (r.unignored) return false;
    if (r.ignored) return true;
  }
  return false;
}
