import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** How many folders up from a script an HTML page that loads it is looked for (its own folder, then two above). */
const LEVELS = 3;
const MAX_PAGE_BYTES = 1_000_000;
const SCRIPT_SRC = /<script\b[^>]*\bsrc\s*=\s*["']([^"'?#]+)/gi;

/** File names of the scripts that the HTML pages of a folder load with <script src>, per folder, read once. */
const loadedByFolder = new Map<string, Set<string>>();

function scriptsLoadedIn(dir: string): Set<string> {
  let names = loadedByFolder.get(dir);
  if (names) return names;
  names = new Set();
  let pages: string[] = [];
  try {
    pages = readdirSync(dir).filter((n) => /\.html?$/i.test(n));
  } catch {
    // an unreadable folder has no pages
  }
  for (const page of pages) {
    try {
      const html = readFileSync(join(dir, page), 'utf8');
      if (html.length <= MAX_PAGE_BYTES) for (const m of html.matchAll(SCRIPT_SRC)) names.add(basename(m[1]));
    } catch {
      // a page that cannot be read loads nothing
    }
  }
  loadedByFolder.set(dir, names);
  return names;
}

/**
 * Whether an HTML page near a JavaScript file on disk (its folder or up to two above, not above `root`) loads a
 * script of its name: then the file runs in the browser, wherever it sits (a page a Go server embeds, say).
 */
export function loadedByHtmlPage(path: string, root?: string): boolean {
  if (!/\.m?js$/i.test(path) || !/^([\\/]|[A-Za-z]:[\\/])/.test(path)) return false;
  const name = basename(path);
  let dir = dirname(path);
  for (let i = 0; i < LEVELS; i++) {
    if (scriptsLoadedIn(dir).has(name)) return true;
    if ((root && !dirname(dir).startsWith(root)) || dirname(dir) === dir) break;
    dir = dirname(dir);
  }
  return false;
}
