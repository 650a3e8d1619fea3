/**
 * Folders a repository marks as not in use: kept for reference, run and deployed by nobody (`deprecated/`,
 * `attic/`, `old/`, `old-docs/`, `k8s_old/`). Code in them is out of the outbound-call rules (code/scope.ts), and
 * deployment files in them are frozen copies that no rule judges (engine.ts).
 */
export const UNUSED_FOLDER = /^(unused|deprecated|obsolete|archived?|attic|old|old[-_.][\w.-]+|[\w.-]+[-_.]old)$/i;

/** The folders between the workspace root (or, without one, the four nearest) and the file, its name left out. */
export function foldersOf(path: string, root?: string): string[] {
  if (root && path.startsWith(root)) return path.slice(root.length).split(/[\\/]/).slice(0, -1);
  return path.split(/[\\/]/).slice(-5, -1);
}

/** Whether a file lies in a folder the repository marks as not in use. */
export function inUnusedFolder(path: string, root?: string): boolean {
  return foldersOf(path, root).some((d) => UNUSED_FOLDER.test(d));
}
