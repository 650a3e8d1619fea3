import { realpath } from '../core/fsAsync';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface WorkspaceRoot {
  /** The folder's real path (symlinks resolved). */
  path: string;
  /** Its name, usable as a prefix (`name/dir/file`) in a multi-root workspace. */
  name: string;
}

export type Resolved = { ok: true; abs: string; rel: string; root: WorkspaceRoot } | { ok: false; reason: string };

/** True when `child` is `parent` or lies under it (both absolute, normalized). */
export function isInside(parent: string, child: string): boolean {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

export function toPosix(p: string): string {
  return p.split(sep).join('/');
}

export async function makeRoots(folders: string[]): Promise<WorkspaceRoot[]> {
  const roots: WorkspaceRoot[] = [];
  for (const f of folders) {
    const path = await realpath(resolve(f));
    roots.push({ path, name: path.split(sep).filter(Boolean).at(-1) ?? path });
  }
  return roots;
}

/**
 * Resolves a path the model asked for to a real path inside a workspace folder, or says why not: any `..`
 * segment, an absolute path outside every folder, and a path whose real path (symlinks followed) leaves its
 * folder are refused. A relative path is tried in each folder (or in the folder it names first, multi-root).
 */
export async function resolveInWorkspace(roots: WorkspaceRoot[], requested: string): Promise<Resolved> {
  const p = requested.trim().replace(/\\/g, '/');
  if (!p) return { ok: false, reason: 'empty path' };
  if (p.includes('\0')) return { ok: false, reason: 'invalid path' };
  if (p.split('/').includes('..')) return { ok: false, reason: `refused: '..' is not allowed in paths (${requested})` };
  const candidates: { root: WorkspaceRoot; abs: string }[] = [];
  if (isAbsolute(p) || /^[a-zA-Z]:\//.test(p)) {
    const root = roots.find((r) => isInside(r.path, resolve(p)));
    if (!root) return { ok: false, reason: `refused: ${requested} is outside the workspace folders` };
    candidates.push({ root, abs: resolve(p) });
  } else {
    const [first, ...rest] = p.replace(/^\.\//, '').split('/');
    const named = roots.length > 1 ? roots.find((r) => r.name === first) : undefined;
    if (named) candidates.push({ root: named, abs: join(named.path, ...rest) });
    for (const root of roots) candidates.push({ root, abs: join(root.path, p) });
  }
  for (const c of candidates) {
    let real: string;
    try {
      real = await realpath(c.abs);
    } catch {
      continue;
    }
    if (!isInside(c.root.path, real)) return { ok: false, reason: `refused: ${requested} resolves outside the workspace (symbolic link)` };
    return { ok: true, abs: real, rel: toPosix(relative(c.root.path, real)) || '.', root: c.root };
  }
  return { ok: false, reason: `not found: ${requested}` };
}

/** The workspace-relative display form of a real path (prefixed with the folder name in a multi-root workspace). */
export function displayPath(roots: WorkspaceRoot[], root: WorkspaceRoot, rel: string): string {
  return roots.length > 1 ? `${root.name}/${rel}` : rel;
}
