import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The shipped personas/ folder: beside dist/ when bundled, a few levels up when run from source. */
export function builtinPersonaDir(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'personas');
    if (existsSync(join(candidate, 'backend-architect.md'))) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(from, '..', 'personas');
}
