import { execFile } from 'node:child_process';
import { join, relative } from 'node:path';
import { realpath } from '../core/fsAsync';
import { CliError } from './errors';

/** Files changed since a git revision, as absolute paths under the current directory's spelling. */
export interface ChangedFiles {
  /** Added, modified, renamed (the new name), copied, untracked and uncommitted files. */
  changed: Set<string>;
  /** Deleted files and the old names of renamed files: gone from the tree, but they may have moved a finding. */
  removed: Set<string>;
}

const FETCH_HINT = 'in CI, fetch the history first (actions/checkout with fetch-depth: 0, or git fetch --unshallow)';

function git(cwd: string, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (e, out, err) => {
      if (e && (e as NodeJS.ErrnoException).code === 'ENOENT') reject(new CliError('--changed-since needs git, and git was not found on PATH'));
      else resolve({ ok: !e, out, err });
    });
  });
}

/**
 * What changed since `ref`: `git diff --name-status -M` from the merge base of `ref` and HEAD to the working tree
 * (so commits, staged and unstaged edits all count, and renames are followed), plus untracked files.
 */
export async function changedSince(cwd: string, ref: string): Promise<ChangedFiles> {
  const top = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new CliError(`--changed-since needs a git repository, and ${cwd} is not in one`);
  const root = top.out.trim();
  if (ref.startsWith('-')) throw new CliError(`--changed-since needs a git revision, not '${ref}'`);
  const known = await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!known.ok) {
    const shallow = (await git(cwd, ['rev-parse', '--is-shallow-repository'])).out.trim() === 'true';
    throw new CliError(`unknown git revision '${ref}'${shallow ? ' (this is a shallow clone, which may not hold it)' : ''}`, [FETCH_HINT]);
  }
  const base = await git(cwd, ['merge-base', known.out.trim(), 'HEAD']);
  const from = base.ok ? base.out.trim() : known.out.trim();
  const diff = await git(root, ['-c', 'core.quotepath=off', 'diff', '--name-status', '-M', '-z', from, '--']);
  if (!diff.ok) throw new CliError(`git diff failed: ${diff.err.trim()}`);
  const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  const toLocal = await localPaths(cwd, root);
  const result: ChangedFiles = { changed: new Set(), removed: new Set() };
  for (const { status, paths } of parseNameStatus(diff.out)) {
    const [first, second] = paths.map(toLocal);
    if (status === 'D') result.removed.add(first);
    else if (status === 'R') {
      result.removed.add(first);
      result.changed.add(second);
    } else result.changed.add(second ?? first);
  }
  for (const p of untracked.out.split('\0')) if (p) result.changed.add(toLocal(p));
  return result;
}

/** `git diff --name-status -z` records: a status letter (R and C with a score), then one or two paths. */
export function parseNameStatus(out: string): { status: string; paths: string[] }[] {
  const fields = out.split('\0');
  const records: { status: string; paths: string[] }[] = [];
  for (let i = 0; i < fields.length && fields[i]; ) {
    const status = fields[i][0];
    const count = status === 'R' || status === 'C' ? 2 : 1;
    records.push({ status, paths: fields.slice(i + 1, i + 1 + count) });
    i += 1 + count;
  }
  return records;
}

/** Maps a path relative to the repository root to an absolute path spelled from `cwd` (which may be a symlink). */
async function localPaths(cwd: string, root: string): Promise<(path: string) => string> {
  const realCwd = await realpath(cwd);
  const realRoot = await realpath(root);
  return (p) => join(cwd, relative(realCwd, join(realRoot, p)));
}
