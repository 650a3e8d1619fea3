// The renders of the workspace's charts, kept per chart folder and the state of its files: a chart is rendered
// again only when one of its files (or the helm binary or time limit) changed, and never twice at the same time.
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import type { EffectiveConfig } from '../config/effective';
import { readdir, stat } from '../fsAsync';
import { checkRendered, renderChart, type RenderResult } from './render';

/** How `helm template` is run: the binary (located already) and the time limit. */
export interface RenderRequest {
  helmPath: string;
  timeoutMs: number;
}

/** The files of a chart that a render reads and that count for its signature (at most this many). */
const MAX_SIGNED_FILES = 2000;
const MAX_DEPTH = 8;
const TOP_FILES = /^(Chart\.(ya?ml|lock)|values[\w.-]*\.ya?ml|requirements\.(ya?ml|lock)|\.helmignore)$/;
const TREES = new Set(['templates', 'charts']);

/** One finished render of a chart, and its Kubernetes findings per configuration (computed once each). */
export class Rendered {
  private readonly checked = new WeakMap<EffectiveConfig, ReturnType<typeof checkRendered>>();

  constructor(
    readonly chartDir: string,
    readonly result: RenderResult,
  ) {}

  findings(config: EffectiveConfig): ReturnType<typeof checkRendered> {
    if (!this.result.ok) return Promise.resolve([]);
    let found = this.checked.get(config);
    if (!found) this.checked.set(config, (found = checkRendered(this.chartDir, this.result.text, config)));
    return found;
  }
}

interface ChartState {
  /** The chart's files as last signed. */
  files: string[];
  /** The key (signature, binary, time limit) most recently asked for: a queued render of an older one is skipped. */
  wanted?: string;
  done?: { key: string; rendered: Rendered };
  running?: { key: string; promise: Promise<Rendered | undefined> };
}

export interface ChartRendersOptions {
  /** Told when a render of a chart finished (the editor analyzes the chart's files again). */
  onRendered?: (chartDir: string) => void;
  /** Runs helm (the real renderChart unless a test replaces it). */
  run?: typeof renderChart;
}

export class ChartRenders {
  private readonly charts = new Map<string, ChartState>();

  constructor(private readonly options: ChartRendersOptions = {}) {}

  /**
   * The render of a chart as its files are now. When it is not done yet it is started (unless running); `wait`
   * then waits for it, else the last render that finished answers meanwhile (undefined before the first one).
   */
  async render(chartDir: string, req: RenderRequest, wait: boolean): Promise<Rendered | undefined> {
    const state = this.stateOf(chartDir);
    const signed = await signChart(chartDir);
    state.files = signed.files;
    const key = `${signed.key}|${req.helmPath}|${req.timeoutMs}`;
    if (state.done?.key === key) return state.done.rendered;
    state.wanted = key;
    const pending = state.running?.key === key ? state.running.promise : this.start(chartDir, state, key, req);
    return wait ? pending : state.done?.rendered;
  }

  /** The chart's files as last signed (Chart.yaml, values files, templates/ and charts/). */
  filesOf(chartDir: string): string[] {
    return this.charts.get(chartDir)?.files ?? [];
  }

  /** The known chart folders that hold `path`. */
  chartsHolding(path: string): string[] {
    return [...this.charts.keys()].filter((dir) => path === dir || path.startsWith(join(dir, '/')));
  }

  /** Drops every render (the settings or the workspace's trust changed). */
  clear(): void {
    this.charts.clear();
  }

  private stateOf(chartDir: string): ChartState {
    let state = this.charts.get(chartDir);
    if (!state) this.charts.set(chartDir, (state = { files: [] }));
    return state;
  }

  /** Renders after the chart's running render, if any: at most one helm process per chart. */
  private start(chartDir: string, state: ChartState, key: string, req: RenderRequest): Promise<Rendered | undefined> {
    const before = state.running?.promise;
    const promise = (async () => {
      await before;
      if (state.wanted !== key) return state.done?.rendered; // the chart changed again meanwhile: render that instead
      const result = await (this.options.run ?? renderChart)(chartDir, req.helmPath, req.timeoutMs);
      const rendered = new Rendered(chartDir, result);
      state.done = { key, rendered };
      if (this.charts.get(chartDir) === state) this.options.onRendered?.(chartDir);
      return rendered;
    })();
    state.running = { key, promise };
    void promise.finally(() => {
      if (state.running?.promise === promise) state.running = undefined;
    });
    return promise;
  }
}

/** A digest of the chart files' paths, modification times and sizes, and the files themselves. */
async function signChart(chartDir: string): Promise<{ key: string; files: string[] }> {
  const files: string[] = [];
  const hash = createHash('sha1');
  const sign = async (path: string) => {
    if (files.length >= MAX_SIGNED_FILES) return;
    try {
      const st = await stat(path);
      hash.update(`${path}\0${st.mtimeMs}\0${st.size}\n`);
      files.push(path);
    } catch {
      // gone meanwhile
    }
  };
  const walk = async (dir: string, depth: number, take: (e: Dirent) => boolean) => {
    for (const e of await listSorted(dir)) {
      const path = join(dir, e.name);
      if (e.isDirectory() && depth < MAX_DEPTH && (depth > 0 || TREES.has(e.name))) await walk(path, depth + 1, () => true);
      else if (e.isFile() && take(e)) await sign(path);
    }
  };
  await walk(chartDir, 0, (e) => TOP_FILES.test(e.name));
  return { key: hash.digest('hex'), files };
}

async function listSorted(dir: string): Promise<Dirent[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}
