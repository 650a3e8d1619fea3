import { dirname, join } from 'node:path';
import type { Concern } from '../code/observability/libraries';
import type { LibraryMark, Mark, ObservabilityScan } from '../code/observability/scan';
import { LineIndex } from '../text/lineIndex';
import type { ScannedFile } from './observability';
import { isWithin } from '../paths';
import type { FileImports } from './tsPathAliases';

/** What the follower reads of the workspace. */
interface PackagesIo {
  names(dir: string): Promise<string[]>;
  readText(path: string): Promise<string | undefined>;
  top?: string;
}

const MAX_PACKAGES = 200;

/** Package name to folder of the JavaScript workspace declared at `root` (npm/yarn `workspaces`, pnpm-workspace.yaml), by root text. */
const byRoot = new Map<string, { key: string; packages: Map<string, string> }>();

/** The folder patterns a workspace root declares, or undefined when the folder is no workspace root. */
async function patternsAt(root: string, names: string[], io: PackagesIo): Promise<{ key: string; patterns: string[] } | undefined> {
  if (names.includes('pnpm-workspace.yaml')) {
    const text = (await io.readText(join(root, 'pnpm-workspace.yaml'))) ?? '';
    const block = /^packages:[ \t]*\r?\n((?:[ \t]+-[^\n]*\r?\n?|[ \t]*#[^\n]*\r?\n?|[ \t]*\r?\n)*)/m.exec(text)?.[1] ?? '';
    return { key: text, patterns: [...block.matchAll(/^[ \t]+-[ \t]*['"]?([^'"\s#]+)/gm)].map((m) => m[1]) };
  }
  if (!names.includes('package.json')) return undefined;
  const text = (await io.readText(join(root, 'package.json'))) ?? '';
  if (!/"workspaces"/.test(text)) return undefined;
  try {
    const w = (JSON.parse(text) as { workspaces?: string[] | { packages?: string[] } }).workspaces;
    const patterns = Array.isArray(w) ? w : w?.packages;
    return Array.isArray(patterns) ? { key: text, patterns: patterns.filter((p): p is string => typeof p === 'string') } : undefined;
  } catch {
    return undefined;
  }
}

/** The folders a pattern names: `packages/*` (each child), `apps/**` (children and grandchildren), `tools/cli`. */
async function foldersOf(root: string, pattern: string, io: PackagesIo): Promise<string[]> {
  if (pattern.startsWith('!')) return [];
  const clean = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  const deep = /\/\*\*$/.test(clean);
  const wild = deep || /\/\*$/.test(clean);
  const base = join(root, clean.replace(/\/\*\*?$/, ''));
  if (/[*?{[]/.test(clean.replace(/\/\*\*?$/, ''))) return []; // other globs are rare: not followed
  if (!wild) return [base];
  const out: string[] = [];
  for (const name of await io.names(base)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    out.push(join(base, name));
    if (deep) for (const sub of await io.names(join(base, name))) if (!sub.startsWith('.') && sub !== 'node_modules') out.push(join(base, name, sub));
  }
  return out;
}

/**
 * The packages of the JavaScript workspace (npm or yarn `workspaces`, `pnpm-workspace.yaml`) that holds `dir`, as
 * package name to folder; empty when no workspace root lies above it (at most six folders up).
 */
export async function workspacePackages(dir: string, io: PackagesIo): Promise<Map<string, string>> {
  let at = dir;
  for (let up = 0; up < 7; up++, at = dirname(at)) {
    if (io.top && !isWithin(at, io.top)) break;
    const declared = await patternsAt(at, await io.names(at), io);
    if (declared) {
      const hit = byRoot.get(at);
      if (hit?.key === declared.key) return hit.packages;
      const packages = new Map<string, string>();
      for (const pattern of declared.patterns) {
        for (const folder of await foldersOf(at, pattern, io)) {
          if (packages.size >= MAX_PACKAGES) break;
          if (!(await io.names(folder)).includes('package.json')) continue;
          const name = /"name"\s*:\s*"([^"]+)"/.exec((await io.readText(join(folder, 'package.json'))) ?? '')?.[1];
          if (name && !packages.has(name)) packages.set(name, folder);
        }
      }
      byRoot.set(at, { key: declared.key, packages });
      return packages;
    }
    if (at === dirname(at)) break;
  }
  return new Map();
}

/** The words of a name: `initLiteOpenTelemetry` is init, lite, open, telemetry; `LOG_LEVEL` is log, level. */
function words(name: string): string[] {
  const parts = /[a-z]/.test(name) ? name.split(/(?=[A-Z][a-z])|(?<=[a-z0-9])(?=[A-Z])|[_$.-]+/) : name.split(/[_$.-]+/);
  return parts.filter(Boolean).map((w) => w.toLowerCase());
}
const LOGGER_WORDS = new Set(['log', 'logs', 'logger', 'loggers', 'logging']);
const TELEMETRY_WORDS = new Set(['telemetry', 'opentelemetry', 'otel', 'tracing', 'tracer', 'instrument', 'instrumentation', 'sentry', 'datadog', 'newrelic', 'apm']);
const METRICS_WORDS = new Set(['metric', 'metrics', 'prometheus', 'statsd']);

/** The concerns an imported name stands for (a logger factory `getLog`, `initOpenTelemetry`, a metrics registry). */
export function concernsOfName(name: string): Concern[] {
  const w = words(name);
  const out: Concern[] = [];
  if (w.some((x) => LOGGER_WORDS.has(x))) out.push('structured');
  if (w.some((x) => TELEMETRY_WORDS.has(x))) out.push('tracing', 'metrics', 'apm');
  else if (w.some((x) => METRICS_WORDS.has(x))) out.push('metrics');
  return out;
}

/** The names a module imports from each specifier: `import a, { b as c } from 'x'`, `import * as d`, `const { e } = require('x')`. */
const IMPORT_NAMES = /\bimport\s+(?:type\s+)?([^'";]*?)\s*from\s*['"]([^'"\n]+)['"]|\b(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*require\(\s*['"]([^'"\n]+)['"]\s*\)/g;

export function importedNames(text: string): { spec: string; names: string[] }[] {
  const out: { spec: string; names: string[] }[] = [];
  for (const m of text.matchAll(IMPORT_NAMES)) {
    const clause = m[1] ?? m[3] ?? '';
    const names = clause.replace(/[{}*]/g, ' ').split(/[\s,]+/).filter((w) => w && !/^(as|type)$/.test(w));
    out.push({ spec: m[2] ?? m[4], names });
  }
  return out;
}

/** A workspace package a service imports names from, and the concerns those names stand for. */
export interface PackageUse {
  name: string;
  folder: string;
  /** The first imported name of each concern, for the finding's evidence. */
  through: Partial<Record<Concern, string>>;
}

/**
 * The workspace packages (outside the service's folder) whose logger, telemetry or metrics set-up the service's
 * files import by name (`import { getLog } from 'juava'`, `import logger from 'backend-lib/src/logger'`). At most 10.
 */
export async function packagesUsedFor(dir: string, files: (FileImports & { names?: { spec: string; names: string[] }[] })[], io: PackagesIo): Promise<PackageUse[]> {
  const imports = files.flatMap((f) => f.names ?? []).filter((i) => !i.spec.startsWith('.'));
  if (!imports.length) return [];
  const packages = await workspacePackages(dir, io);
  if (!packages.size) return [];
  const uses = new Map<string, PackageUse>();
  for (const { spec, names } of imports) {
    const name = [...packages.keys()].find((n) => spec === n || spec.startsWith(`${n}/`));
    const folder = name ? packages.get(name)! : undefined;
    if (!name || !folder || isWithin(folder, dir) || isWithin(dir, folder)) continue;
    // A subpath names the module too (`backend-lib/src/logger`), so its last segment counts as a name.
    const said = [...names, ...(spec !== name ? [spec.slice(spec.lastIndexOf('/') + 1)] : [])];
    for (const n of said) {
      for (const concern of concernsOfName(n)) {
        let use = uses.get(name);
        if (!use) {
          if (uses.size >= 10) continue;
          uses.set(name, (use = { name, folder, through: {} }));
        }
        use.through[concern] ??= n;
      }
    }
  }
  return [...uses.values()];
}

/**
 * The libraries, used in a package's own files, that stand for what the service imports from it (its logger, its
 * telemetry), labelled as reached through the package. `scan` gives a file's observability (undefined: generated).
 */
export async function packageFacts(
  uses: PackageUse[],
  folderFiles: (dir: string) => Promise<{ path: string; text: string }[]>,
  scan: (path: string, text: string) => { obs: ObservabilityScan; lines?: LineIndex } | undefined,
): Promise<ScannedFile[]> {
  const out: ScannedFile[] = [];
  for (const use of uses) {
    for (const { path, text } of (await folderFiles(use.folder)).filter((f) => /\.[cm]?[jt]sx?$/.test(f.path))) {
      const cached = scan(path, text);
      const libraries = cached?.obs.libraries.filter((l) => l.used && use.through[l.concern]) ?? [];
      if (!cached || !libraries.length) continue;
      const fact = (m: Mark) => {
        const concern = (m as LibraryMark).concern;
        const label = concern ? `${m.label} in workspace package ${use.name}, which the service uses through ${use.through[concern]}` : m.label;
        return { label, path, start: m.start, end: m.end, range: (cached.lines ??= new LineIndex(text)).rangeOf(m.start, m.end) };
      };
      out.push({ path, scan: { libraries, unstructured: [], unstructuredCount: 0 }, fact });
    }
  }
  return out;
}
