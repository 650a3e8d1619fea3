import { dirname, join, resolve } from 'node:path';
import { isWithin } from '../paths';

/** What the follower reads of the workspace. */
interface AliasIo {
  names(dir: string): Promise<string[]>;
  readText(path: string): Promise<string | undefined>;
  top?: string;
}

const CONFIGS = ['tsconfig.base.json', 'tsconfig.json'];

/** Parsed tsconfig paths by file, kept while its text is the same (every keystroke in a service asks again). */
const parsed = new Map<string, { text: string; paths?: Record<string, string[]>; baseUrl?: string }>();

function tsconfigPaths(path: string, text: string): { paths?: Record<string, string[]>; baseUrl?: string } {
  const hit = parsed.get(path);
  if (hit?.text === text) return hit;
  let json: { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
  try {
    json = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    json = undefined;
  }
  const entry = { text, paths: json?.compilerOptions?.paths, baseUrl: json?.compilerOptions?.baseUrl };
  parsed.set(path, entry);
  return entry;
}
const PROJECT = /^(project\.json|package\.json)$/;

/** The `compilerOptions.paths` of the nearest tsconfig above `dir` (at most five up), with the folder they are relative to. */
async function pathsAbove(dir: string, io: AliasIo): Promise<{ base: string; paths: Record<string, string[]> } | undefined> {
  let at = dir;
  for (let up = 0; up < 6; up++, at = dirname(at)) {
    if (io.top && !isWithin(at, io.top)) return undefined;
    const names = await io.names(at);
    for (const name of CONFIGS.filter((c) => names.includes(c))) {
      const { paths, baseUrl } = tsconfigPaths(join(at, name), (await io.readText(join(at, name))) ?? '');
      if (paths && Object.keys(paths).length) return { base: resolve(at, baseUrl ?? '.'), paths };
    }
    if (at === dirname(at)) return undefined;
  }
  return undefined;
}

/** The module specifiers a JavaScript or TypeScript file imports (`from '...'`, `import '...'`, `require('...')`). */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)['"]([^'"\n]+)['"]/g;

export function importSpecifiers(text: string): string[] {
  return [...new Set([...text.matchAll(IMPORT)].map((m) => m[1]))];
}

/** A file's path and the modules it imports (see importSpecifiers). */
export interface FileImports {
  path: string;
  specs: string[];
}

/**
 * The folders of the workspace libraries that a service's TypeScript imports through its tsconfig's path aliases
 * (an Nx or Turborepo monorepo: `@acme/common` mapped to `libs/common/src/index.ts`): each library's project folder
 * (the one with its project.json or package.json), outside the service's own folder. At most 20.
 */
export async function aliasedLibraries(dir: string, files: FileImports[], io: AliasIo): Promise<string[]> {
  if (!files.length) return [];
  const config = await pathsAbove(dir, io);
  if (!config) return [];
  const specs = new Set(files.flatMap((f) => f.specs));
  const out = new Set<string>();
  for (const [alias, targets] of Object.entries(config.paths)) {
    const name = alias.replace(/\/\*$/, '');
    if (!targets?.length || ![...specs].some((sp) => sp === name || sp.startsWith(`${name}/`))) continue;
    let folder = dirname(resolve(config.base, targets[0].replace(/\/\*$/, '/x')));
    for (let up = 0; up < 4 && !(await io.names(folder)).some((n) => PROJECT.test(n)) && isWithin(dirname(folder), config.base); up++) folder = dirname(folder);
    if (!isWithin(folder, dir) && !isWithin(dir, folder)) out.add(folder);
    if (out.size >= 20) break;
  }
  return [...out];
}

const EXTENSIONS = ['', '.ts', '.js', '.mts', '.mjs', '.cjs'];

/**
 * Files outside a service's folder that its TypeScript or JavaScript imports by a relative path (a monorepo app's
 * `import "../../../instrument-sentry"`), as their paths; at most 20.
 */
export async function importedFromAbove(dir: string, files: FileImports[], io: AliasIo): Promise<string[]> {
  const out = new Set<string>();
  for (const f of files) {
    for (const spec of f.specs) {
      if (!spec.startsWith('../')) continue;
      const target = resolve(dirname(f.path), spec);
      if (isWithin(target, dir) || (io.top && !isWithin(target, io.top))) continue;
      const names = await io.names(dirname(target));
      const base = target.slice(dirname(target).length + 1);
      const ext = EXTENSIONS.find((e) => names.includes(base + e));
      if (ext !== undefined) out.add(target + ext);
      if (out.size >= 20) return [...out];
    }
  }
  return [...out];
}
