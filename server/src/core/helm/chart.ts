// A Helm chart around a file: the folder with Chart.yaml, its values.yaml and the texts of its templates.
// Rules are synchronous, so the chart is read through a synchronous file system (the disk, with a small cache, or a
// map of texts in tests); the workspace model's asynchronous ModelFs reads it the same way through readChart.
import { entriesUnder } from '../workspace/fs';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { decodeText } from '../documents/source';
import { isReadable, type DataNode } from '../documents/tree';
import { parseYaml } from '../documents/yaml';
import type { ModelFs } from '../workspace/fs';

/** At most this many template files are read per chart, */
export const MAX_TEMPLATE_FILES = 200;
/** each at most this large; larger ones are left out. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;
/** How far up from a file the search for Chart.yaml goes (templates/a/b/x.yaml is 3 levels below the chart). */
const MAX_LEVELS_UP = 6;
/** How deep under templates/ the listing goes. */
const MAX_TEMPLATE_DEPTH = 4;

const CHART_FILE = /^Chart\.ya?ml$/;
const TEMPLATE_FILE = /\.(ya?ml|tpl)$/i;

/** A synchronous file system for the chart reader: texts by absolute path, and directory listings. */
export interface ChartFs {
  /** The text of a file, undefined when it is missing, too large, binary or not UTF-8. */
  read(path: string): string | undefined;
  list(dir: string): { name: string; dir: boolean }[] | undefined;
}

export interface ChartFile {
  path: string;
  text: string;
}

export interface Chart {
  /** The chart's folder (the one with Chart.yaml). */
  dir: string;
  chartFile: ChartFile;
  /** Chart.yaml parsed; undefined when it is not valid YAML. */
  chartData?: DataNode;
  /** values.yaml (or values.yml), when the chart has one. */
  values?: ChartFile & { data?: DataNode };
  /** The chart's templates (YAML and .tpl under templates/, sub-folders included), sorted by path. */
  templates: ChartFile[];
  /** More than MAX_TEMPLATE_FILES templates: the rest were not read. */
  truncated: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// One reader for both file systems: the steps yield file-system requests, a driver answers them.

type Request = { read: string } | { list: string };
type Steps<T> = Generator<Request, T, unknown>;

function* read(path: string): Steps<string | undefined> {
  return (yield { read: path }) as string | undefined;
}

function* list(dir: string): Steps<{ name: string; dir: boolean }[] | undefined> {
  return (yield { list: dir }) as { name: string; dir: boolean }[] | undefined;
}

function runSync<T>(steps: Steps<T>, fs: ChartFs): T {
  let r = steps.next();
  while (!r.done) r = steps.next('read' in r.value ? fs.read(r.value.read) : fs.list(r.value.list));
  return r.value;
}

async function runAsync<T>(steps: Steps<T>, fs: ModelFs): Promise<T> {
  let r = steps.next();
  while (!r.done) r = steps.next('read' in r.value ? await fs.read(r.value.read) : await fs.list(r.value.list));
  return r.value;
}

function* chartDirSteps(path: string): Steps<string | undefined> {
  let dir = dirname(path);
  for (let level = 0; level < MAX_LEVELS_UP; level++) {
    const names = yield* list(dir);
    if (names?.some((e) => !e.dir && CHART_FILE.test(e.name))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

function* chartSteps(dir: string): Steps<Chart | undefined> {
  const names = (yield* list(dir)) ?? [];
  const chartName = names.find((e) => !e.dir && CHART_FILE.test(e.name))?.name;
  if (!chartName) return undefined;
  const chartPath = join(dir, chartName);
  const chartText = (yield* read(chartPath)) ?? '';
  const chart: Chart = { dir, chartFile: { path: chartPath, text: chartText }, templates: [], truncated: false };
  chart.chartData = parsed(chartText);
  const valuesName = names.find((e) => !e.dir && /^values\.ya?ml$/.test(e.name))?.name;
  if (valuesName) {
    const path = join(dir, valuesName);
    const text = yield* read(path);
    if (text !== undefined) chart.values = { path, text, data: parsed(text) };
  }
  // Breadth first under templates/, names sorted, so the same files are read (and left out) each time.
  const queue: [string, number][] = names.some((e) => e.dir && e.name === 'templates') ? [[join(dir, 'templates'), 0]] : [];
  while (queue.length) {
    const [folder, depth] = queue.shift()!;
    const entries = ((yield* list(folder)) ?? []).slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(folder, e.name);
      if (e.dir) {
        if (depth + 1 < MAX_TEMPLATE_DEPTH) queue.push([path, depth + 1]);
        continue;
      }
      if (!TEMPLATE_FILE.test(e.name)) continue;
      if (chart.templates.length >= MAX_TEMPLATE_FILES) {
        chart.truncated = true;
        return sortTemplates(chart);
      }
      const text = yield* read(path);
      if (text !== undefined) chart.templates.push({ path, text });
    }
  }
  return sortTemplates(chart);
}

function sortTemplates(chart: Chart): Chart {
  chart.templates.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return chart;
}

function parsed(text: string): DataNode | undefined {
  const doc = parseYaml(text);
  return isReadable(doc) ? doc.root : undefined;
}

// ---------------------------------------------------------------------------------------------------------------

/** The folder of the chart `path` belongs to (its own folder for values.yaml, a parent of templates/ for a template). */
export function findChartDirSync(path: string, fs: ChartFs = diskChartFs): string | undefined {
  return runSync(chartDirSteps(path), fs);
}

export function findChartDir(path: string, fs: ModelFs): Promise<string | undefined> {
  return runAsync(chartDirSteps(path), fs);
}

/** Reads a chart folder: Chart.yaml, values.yaml and the bounded set of templates. Undefined without Chart.yaml. */
export function readChartSync(dir: string, fs: ChartFs = diskChartFs): Chart | undefined {
  return runSync(chartSteps(dir), fs);
}

export function readChart(dir: string, fs: ModelFs): Promise<Chart | undefined> {
  return runAsync(chartSteps(dir), fs);
}

/** The chart a file belongs to, read synchronously; undefined for a file outside a chart or an unsaved document. */
export function chartOf(path: string, fs: ChartFs = diskChartFs): Chart | undefined {
  const dir = findChartDirSync(path, fs);
  return dir === undefined ? undefined : readChartSync(dir, fs);
}

const parsedValues = new Map<string, { text: string; data: DataNode | undefined }>();

/** The parsed values.yaml of the chart `path` belongs to (without reading the templates), for naming things. */
export function chartValuesOf(path: string, fs: ChartFs = diskChartFs): DataNode | undefined {
  const dir = findChartDirSync(path, fs);
  if (dir === undefined) return undefined;
  for (const name of ['values.yaml', 'values.yml']) {
    const file = join(dir, name);
    const text = fs.read(file);
    if (text === undefined) continue;
    const hit = parsedValues.get(file);
    if (hit?.text === text) return hit.data;
    const data = parsed(text);
    parsedValues.delete(file);
    parsedValues.set(file, { text, data });
    if (parsedValues.size > 50) parsedValues.delete(parsedValues.keys().next().value!);
    return data;
  }
  return undefined;
}

/** The path of a chart file relative to the chart folder, with forward slashes (templates/deployment.yaml). */
export function chartRelative(chart: Chart, path: string): string {
  const rel = path.startsWith(chart.dir) ? path.slice(chart.dir.length).replace(/^[\\/]+/, '') : basename(path);
  return rel.replace(/\\/g, '/');
}

// ---------------------------------------------------------------------------------------------------------------
// The disk, synchronously: absolute paths only (untitled and in-memory documents read nothing), bounded, cached.

const CACHE_ENTRIES = 1000;
const cache = new Map<string, { mtimeMs: number; size: number; text: string | undefined }>();

export const diskChartFs: ChartFs = {
  read(path) {
    if (!isAbsolute(path)) return undefined;
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size > MAX_TEMPLATE_BYTES) return undefined;
      const hit = cache.get(path);
      if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.text;
      const text = decodeText(readFileSync(path)).text;
      cache.delete(path);
      cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, text });
      if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
      return text;
    } catch {
      return undefined;
    }
  },
  list(dir) {
    if (!isAbsolute(dir)) return undefined;
    try {
      return readdirSync(dir, { withFileTypes: true }).filter((e) => !e.isSymbolicLink()).map((e) => ({ name: e.name, dir: e.isDirectory() }));
    } catch {
      return undefined;
    }
  },
};

/** Texts by absolute path ('/w/chart/values.yaml'), for tests; binary texts (with NUL) read as nothing, as on disk. */
export function memoryChartFs(files: Record<string, string>): ChartFs {
  return {
    read(path) {
      const text = files[path];
      return text === undefined || text.length > MAX_TEMPLATE_BYTES || text.includes('\0') ? undefined : text;
    },
    list(dir) {
      return entriesUnder(files, dir);
    },
  };
}
