import { sep } from 'node:path';

/** `path` is `dir` or inside it, not merely sharing a prefix (/w/app2 is not in /w/app); both absolute, normalized. */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}
