import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What the scope decision reads from a package.json: the names of its dependencies. */
export interface PackageManifest {
  /** The folder of the package.json. */
  dir?: string;
  dependencies: string[];
  /** The dependencies it runs with (`dependencies`, `peerDependencies`): not the tools of its development and tests. */
  runtime?: string[];
  /** It declares executables (`bin`): a command-line tool, unless its dependencies make it a server. */
  bin?: boolean;
  /** An HTML page at its root (or in public/ or src/): with a browser bundler, the page is the app's entry. */
  page?: boolean;
  /**
   * Its entry (or a file the entry requires by a relative path) gives the process's fetch a timeout: undici's
   * `setGlobalDispatcher(new Agent({ headersTimeout, bodyTimeout }))`, which every global `fetch` goes through.
   */
  globalFetchTimeout?: boolean;
}

/** The package.json that governs a file (its nearest one), or undefined. */
export type PackageJsonOf = (path: string) => PackageManifest | undefined;

/** Nearest package.json path per folder (null: none up to the file system root). */
const nearest = new Map<string, string | null>();
/** Parsed manifests, re-read when the file's modification time changes. */
const parsed = new Map<string, { mtimeMs: number; manifest: PackageManifest | undefined }>();

function findUp(dir: string): string | null {
  const known = nearest.get(dir);
  if (known !== undefined) return known;
  const candidate = join(dir, 'package.json');
  let found: string | null;
  try {
    found = statSync(candidate).isFile() ? candidate : null;
  } catch {
    found = dirname(dir) === dir ? null : findUp(dirname(dir));
  }
  nearest.set(dir, found);
  return found;
}

function read(file: string): PackageManifest | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const cached = parsed.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.manifest;
  let manifest: PackageManifest | undefined;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const names = ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((k) => Object.keys((json[k] as object | undefined) ?? {}));
    manifest = { dir: dirname(file), dependencies: names, runtime: ['dependencies', 'peerDependencies'].flatMap((k) => Object.keys((json[k] as object | undefined) ?? {})) };
    if (json.bin) manifest.bin = true;
    if (['index.html', 'public/index.html', 'src/index.html'].some((f) => existsSync(join(dirname(file), f)))) manifest.page = true;
    if (setsGlobalFetchTimeout(dirname(file), typeof json.main === 'string' ? json.main : undefined)) manifest.globalFetchTimeout = true;
  } catch {
    manifest = undefined; // unreadable or not JSON: decide by the file alone
  }
  parsed.set(file, { mtimeMs, manifest });
  return manifest;
}

const GLOBAL_DISPATCHER = /\bsetGlobalDispatcher\s*\(\s*new\s+(?:\w+\.)?Agent\s*\(\s*\{[^}]*\b(headersTimeout|bodyTimeout)\b/;
const RELATIVE_REQUIRE = /(?:require\(\s*|\bfrom\s+|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

/** Whether the package's entry, or a file it requires by a relative path, sets a global undici dispatcher with timeouts. */
function setsGlobalFetchTimeout(dir: string, main: string | undefined): boolean {
  const read = (path: string) => {
    for (const p of [path, `${path}.js`, `${path}.ts`, `${path}.mjs`, `${path}.cjs`, join(path, 'index.js'), join(path, 'index.ts')]) {
      try {
        if (statSync(p).isFile()) return readFileSync(p, 'utf8').slice(0, 200_000);
      } catch {
        // not this one
      }
    }
    return undefined;
  };
  const entries = [main, 'index.js', 'server.js', 'src/index.ts', 'src/main.ts', 'src/server.ts', 'index.ts'].filter((e): e is string => !!e);
  for (const entry of entries) {
    const path = join(dir, entry);
    const text = read(path);
    if (text === undefined) continue;
    if (GLOBAL_DISPATCHER.test(text)) return true;
    for (const m of [...text.matchAll(RELATIVE_REQUIRE)].slice(0, 40)) if (GLOBAL_DISPATCHER.test(read(join(dirname(path), m[1])) ?? '')) return true;
    return false;
  }
  return false;
}

/** The nearest package.json above a file on disk (lookups and parses cached; relative paths have none). */
export const packageJsonOnDisk: PackageJsonOf = (path) => {
  if (!/^([\\/]|[A-Za-z]:[\\/])/.test(path)) return undefined;
  const file = findUp(dirname(path));
  return file ? read(file) : undefined;
};
