import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files below `root` whose name `take` accepts, in path order (depth first, names sorted), with their text;
 * at most `max` entries are looked at, symbolic links and folders matching `skip` are not followed, and a file that
 * cannot be read is left out. For rules that weigh a whole module or package from one of its files.
 */
export function filesBelow(root: string, take: (name: string) => boolean, options: { max: number; skip?: RegExp }): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  let seen = 0;
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (++seen > options.max) return;
      const path = join(dir, e.name);
      if (e.isDirectory() && !e.isSymbolicLink() && !options.skip?.test(e.name)) walk(path);
      else if (e.isFile() && take(e.name)) {
        try {
          out.push({ path, text: readFileSync(path, 'utf8') });
        } catch {
          // unreadable: left out
        }
      }
    }
  };
  walk(root);
  return out;
}
