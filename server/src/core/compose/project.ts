import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isComposeName } from '../documents/classify';
import { entries, get, isMap, isSeq, items, str, type DataNode, type MapNode, type ScalarNode } from '../documents/tree';
import type { LineIndex } from '../text/lineIndex';
import { dotenvMap } from './dotenv';

/** A parsed compose file. */
export interface ComposeFile {
  path: string;
  text: string;
  lines: LineIndex;
  root: DataNode;
}

/** One file's definition of a service (`extends` bases come before the service's own definitions). */
export interface ServiceDef {
  file: ComposeFile;
  name: string;
  key: ScalarNode;
  node: MapNode;
}

export interface ComposeProject {
  /** The main compose file: the directory's compose.yaml/docker-compose.yml, or a file on its own. */
  main: string;
  dir: string;
  /** The project `.env`, used for interpolation. */
  env: Map<string, string>;
  /** Every file read or looked for: compose files (main, overrides, includes, extends) and the `.env`. */
  files: string[];
  /** Service name -> its definitions, lowest priority first (extends bases, main file, overrides). */
  services: Map<string, ServiceDef[]>;
  /** What `docker compose` would refuse to load: an `extends` of a service or file that does not exist. */
  problems: { path: string; start: number; end: number; range: ReturnType<LineIndex['rangeOf']>; message: string }[];
}

export interface ProjectLoader {
  compose(path: string): Promise<ComposeFile | undefined>;
  text(path: string): Promise<string | undefined>;
}

const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const MAX_DEPTH = 8;

/**
 * Groups compose files into projects as `docker compose` would run them: in a directory with a base file
 * (compose.yaml, docker-compose.yml ...), the other compose files there are overrides applied on top of it
 * (`*.override.*` first, then the `-f` variants such as docker-compose.prod.yml, by name). Files with no base
 * beside them are projects of their own. Files another project includes are not projects of their own.
 */
export function groupProjects(paths: Iterable<string>, included: ReadonlySet<string> = new Set()): { main: string; overlays: string[] }[] {
  const byDir = new Map<string, string[]>();
  for (const p of new Set(paths)) {
    if (included.has(p)) continue;
    const d = dirname(p);
    byDir.set(d, [...(byDir.get(d) ?? []), p]);
  }
  const out: { main: string; overlays: string[] }[] = [];
  for (const files of byDir.values()) {
    const base = BASE_NAMES.map((n) => files.find((f) => basename(f) === n)).find((f) => f);
    if (!base) {
      // `cluster.mongodb.yml` beside `cluster.yml` is applied on top of it (`docker compose -f cluster.yml -f
      // cluster.mongodb.yml`), as variants are on a base of the standard name.
      const stem = (f: string) => basename(f).replace(/\.ya?ml$/i, '');
      const byStem = new Map(files.map((f) => [stem(f), f]));
      const parentOf = (f: string) => (stem(f).includes('.') ? byStem.get(stem(f).slice(0, stem(f).lastIndexOf('.'))) : undefined);
      for (const f of files.sort()) if (!parentOf(f)) out.push({ main: f, overlays: files.filter((o) => parentOf(o) === f).sort() });
      continue;
    }
    const rest = files.filter((f) => f !== base && isComposeName(f)).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    out.push({ main: base, overlays: rest });
    for (const f of files) if (f !== base && !isComposeName(f)) out.push({ main: f, overlays: [] });
  }
  return out.sort((a, b) => (a.main < b.main ? -1 : 1));
}

const rank = (p: string) => (/\.override\.ya?ml$/i.test(p) ? 0 : 1);

/** Loads a project: its files in order, `include`s, and `extends` resolved into each service's definitions. */
export async function loadProject(main: string, overlays: string[], loader: ProjectLoader): Promise<ComposeProject> {
  const dir = dirname(main);
  const files: string[] = [];
  const envPath = join(dir, '.env');
  const envText = await loader.text(envPath);
  files.push(envPath); // looked for even when absent, so creating it rebuilds the model
  const project: ComposeProject = { main, dir, env: dotenvMap(envText), files, services: new Map(), problems: [] };
  const seen = new Set<string>();
  for (const path of [main, ...overlays]) await addFile(project, path, loader, seen, 0);
  return project;
}

async function addFile(project: ComposeProject, path: string, loader: ProjectLoader, seen: Set<string>, depth: number): Promise<void> {
  if (seen.has(path) || depth > MAX_DEPTH) return;
  seen.add(path);
  const file = await loader.compose(path);
  if (!file) return;
  project.files.push(path);
  for (const inc of includePaths(file)) await addFile(project, inc, loader, seen, depth + 1);
  for (const e of entries(get(file.root, 'services'))) {
    if (!isMap(e.value)) continue;
    const defs = await withExtends({ file, name: e.key.text, key: e.key, node: e.value }, loader, project, 0);
    project.services.set(e.key.text, [...(project.services.get(e.key.text) ?? []), ...defs]);
  }
}

/** The files a compose file's top-level `include` names (short form, or `path:` as a string or a list). */
export function includePaths(file: ComposeFile): string[] {
  const out: string[] = [];
  for (const it of items(get(file.root, 'include'))) {
    const p = get(it, 'path');
    const names = str(it) !== undefined ? [str(it)!] : isSeq(p) ? items(p).map(str) : [str(p)];
    for (const n of names) if (n) out.push(resolveFrom(file.path, n));
  }
  return out;
}

async function withExtends(def: ServiceDef, loader: ProjectLoader, project: ComposeProject, depth: number): Promise<ServiceDef[]> {
  const ext = get(def.node, 'extends');
  if (!ext || depth > MAX_DEPTH) return [def];
  const service = str(ext) ?? str(get(ext, 'service'));
  const fileName = str(get(ext, 'file'));
  if (!service) return [def];
  let file: ComposeFile | undefined = def.file;
  if (fileName) {
    const path = resolveFrom(def.file.path, fileName);
    file = await loader.compose(path);
    if (file && !project.files.includes(path)) project.files.push(path);
  }
  const e = file && entries(get(file.root, 'services')).find((x) => x.key.text === service);
  if (file && !e && !(file === def.file && service === def.name)) {
    // Compose refuses the whole file: `service "x" not found` (a base commented out, renamed or moved).
    const where = fileName ? `${basename(file.path)}, which` : 'this file, which';
    project.problems.push({ path: def.file.path, start: ext.start, end: ext.end, range: def.file.lines.rangeOf(ext.start, ext.end), message: `Service '${def.name}' extends service '${service}' of ${where} defines no such service: docker compose cannot load this file, so nothing in it runs` });
  }
  if (!file || !e || !isMap(e.value) || (file === def.file && service === def.name)) return [def];
  return [...(await withExtends({ file, name: service, key: e.key, node: e.value }, loader, project, depth + 1)), def];
}

export function resolveFrom(file: string, rel: string): string {
  return isAbsolute(rel) ? rel : resolve(dirname(file), rel);
}
