import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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

/** Whether a file lies in a folder the repository marks as not in use, by its name or in a README. */
export function inUnusedFolder(path: string, root?: string): boolean {
  const folders = foldersOf(path, root);
  if (folders.some((d) => UNUSED_FOLDER.test(d))) return true;
  const top = root && folders.find((d) => d);
  return !!top && deprecatedFolders(root).has(top);
}

/** A line that says what it names is deprecated: `| [legacy/](legacy/) | Deprecated Community Edition (unsupported) |`. */
const DEPRECATED = /(?:^|[|:\u2013\u2014-]\s*)\**(?:deprecated|unsupported|unmaintained)\b|\((?:deprecated|unsupported|unmaintained)\)|\bis (?:deprecated|unmaintained|no longer maintained)\b|\bno longer maintained\b/i;
/** A README's heading or opening note that deprecates its own folder: `# Zep MCP Server (Deprecated)`, `> **Deprecated:** ...`. */
const DEPRECATED_OPENING = /^\s*(?:#+[^\n]*\bdeprecated\b|>\s*\**\s*deprecated\b|this (?:\w+ )?(?:project|package|server|service|folder|directory|module|code|repository) is (?:deprecated|no longer maintained|unmaintained))/im;

const byRoot = new Map<string, { at: number; folders: Set<string> }>();
const RECHECK_MS = 5000;

/**
 * The top-level folders the repository's README says are deprecated (a line linking or naming `folder/` with
 * "deprecated", "unsupported" or "no longer maintained"), and those whose own README opens by deprecating itself.
 */
function deprecatedFolders(root: string): Set<string> {
  const cached = byRoot.get(root);
  if (cached && Date.now() - cached.at < RECHECK_MS) return cached.folders;
  const folders = new Set<string>();
  let names: string[] = [];
  try {
    names = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
  } catch {
    // an unreadable root: no folder is marked
  }
  const readme = readmeText(root);
  for (const line of readme.split('\n')) {
    if (!DEPRECATED.test(line)) continue;
    for (const name of names) if (namesFolder(line, name)) folders.add(name);
  }
  for (const name of names) if (DEPRECATED_OPENING.test(readmeText(join(root, name)).slice(0, 600))) folders.add(name);
  if (byRoot.size > 100) byRoot.clear();
  byRoot.set(root, { at: Date.now(), folders });
  return folders;
}

/** Whether a README line links or names the folder (`[legacy/](legacy/)`, `` `legacy/` ``, `./legacy/`). */
function namesFolder(line: string, name: string): boolean {
  const at = ` ${line}`;
  for (let i = at.indexOf(name + '/'); i >= 0; i = at.indexOf(name + '/', i + 1)) if ('[(`/ '.includes(at[i - 1])) return true;
  return false;
}

function readmeText(dir: string): string {
  for (const name of ['README.md', 'readme.md', 'README']) {
    try {
      return readFileSync(join(dir, name), 'utf8').slice(0, 200_000);
    } catch {
      // try the next spelling
    }
  }
  return '';
}
