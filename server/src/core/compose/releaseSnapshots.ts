import { readdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/** Folders that keep one sub-folder per released version (`devops/releases/lake-v0.21.0/`). */
const RELEASES_FOLDER = /^(releases?|versions?|archive[sd]?)$/i;
/** A folder named for a version, with an optional prefix and pre-release (`lake-v0.10.0-beta1`, `v2.3`, `1.4.0`). */
const VERSIONED = /^(.*?)v?(\d+(?:\.\d+)+)(?:-([\w.]+))?$/i;

/**
 * A deployment file in the folder of a release that a newer release beside it replaced (`releases/lake-v0.17.0/`
 * when `releases/lake-v0.21.0/` exists): a frozen copy of an older version, whose findings the newest copy repeats.
 */
export function isOlderRelease(path: string, root?: string, listDirs: (dir: string) => string[] = subfolderNames): boolean {
  const inside = root && path.startsWith(root + sep) ? path.slice(root.length + 1).split(/[\\/]/).slice(0, -1) : path.split(/[\\/]/).slice(-3, -1);
  for (let i = 1; i < inside.length; i++) {
    if (!RELEASES_FOLDER.test(inside[i - 1])) continue;
    const mine = VERSIONED.exec(inside[i]);
    if (!mine) continue;
    const folder = join(root && path.startsWith(root + sep) ? root : dirname(dirname(path)), ...inside.slice(0, i));
    const siblings = listDirs(folder).map((n) => VERSIONED.exec(n)).filter((m): m is RegExpExecArray => !!m && m[1] === mine[1]);
    if (siblings.some((s) => newer(s, mine))) return true;
  }
  return false;
}

/** Whether version `a` comes after `b`: by its numbers, and a release after its pre-releases. */
function newer(a: RegExpExecArray, b: RegExpExecArray): boolean {
  const x = a[2].split('.').map(Number);
  const y = b[2].split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return !a[3] && !!b[3];
}

const listings = new Map<string, { at: number; names: string[] }>();

function subfolderNames(dir: string): string[] {
  const now = Date.now();
  const cached = listings.get(dir);
  if (cached && now - cached.at < 5000) return cached.names;
  let names: string[] = [];
  try {
    names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    // an unreadable folder: no sibling known, nothing is older
  }
  if (listings.size > 1000) listings.clear();
  listings.set(dir, { at: now, names });
  return names;
}
