import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';
import type { RuleContext } from '../rules/types';

/** A service's build file: the folder holds the service's code. */
const BUILD_FILES = ['pom.xml', 'build.gradle', 'build.gradle.kts', 'package.json', 'go.mod', 'pyproject.toml', 'requirements.txt', 'setup.py'];

/**
 * Whether a folder above the spec, below the workspace root (at most four up), holds a service's build file: the
 * spec sits in the code it documents, and what the code does (its probes, its tracing) is judged on the code.
 */
export function specInCodeFolder(ctx: RuleContext): boolean {
  const model = (ctx.workspace as { model?: { root?: string; top?: string } } | undefined)?.model;
  const root = model?.top ?? model?.root;
  if (!root || !isAbsolute(ctx.source.path) || !ctx.source.path.startsWith(root + sep)) return false;
  let dir = dirname(ctx.source.path);
  for (let up = 0; up < 4 && dir.startsWith(root + sep); up++, dir = dirname(dir)) {
    if (BUILD_FILES.some((f) => existsSync(join(dir, f)))) return true;
  }
  return false;
}
