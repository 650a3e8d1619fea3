import { readdir, readFile } from '../core/fsAsync';
import { join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { DEFAULT_EXCLUDE } from '../core/config/schema';
import picomatch from 'picomatch';
import { toPosix, type WorkspaceRoot } from './paths';

export const MAX_LISTED_FILES = 20_000;
const excluded = picomatch(DEFAULT_EXCLUDE, { dot: true });

/**
 * Every regular file under a workspace folder (workspace-relative, forward slashes), skipping symbolic links,
 * `.git`, the default excludes and what the folder's top-level .gitignore ignores. Capped at MAX_LISTED_FILES.
 */
export async function listAllFiles(root: WorkspaceRoot, signal?: AbortSignal): Promise<string[]> {
  let gitignore: Ignore | undefined;
  try {
    gitignore = ignore().add(await readFile(join(root.path, '.gitignore'), 'utf8'));
  } catch {
    gitignore = undefined;
  }
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    if (signal?.aborted || out.length >= MAX_LISTED_FILES) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.isSymbolicLink() || e.name === '.git') continue;
      const full = join(dir, e.name);
      const rel = toPosix(relative(root.path, full));
      const isDir = e.isDirectory();
      if (excluded(isDir ? `${rel}/` : rel) || excluded(rel)) continue;
      if (gitignore?.ignores(isDir ? `${rel}/` : rel)) continue;
      if (isDir) await walk(full);
      else if (e.isFile() && out.length < MAX_LISTED_FILES) out.push(rel);
    }
  };
  await walk(root.path);
  return out;
}

/** True when the bytes look like text (no NUL in the first 8 KB). */
export function looksLikeText(buf: Buffer): boolean {
  return !buf.subarray(0, 8192).includes(0);
}
