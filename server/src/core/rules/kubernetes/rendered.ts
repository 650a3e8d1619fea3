// Manifests committed as `helm template` output of a chart that the workspace also holds: the chart's own checks
// (unpinned-image, missing-healthcheck, missing-resource-limits on its values and templates) already report what a
// fix changes, so the rendered copy does not report it a second time.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { RuleContext } from '../types';

const SOURCE = /^[ \t]*# Source: ([^/\s]+)\/templates\//gm;
const CHART_NAME = /^name:[ \t]*['"]?([^'"\s#]+)/m;
const SKIP_DIR = /^(node_modules|\.git|vendor|target|dist|build)$/;
const LEVELS_UP = 4;
const DEPTH_DOWN = 3;

/**
 * Folder -> the charts below it, kept 5 s: keystrokes in a rendered manifest rebuild the model each time, and the
 * folders around it do not change meanwhile (a chart added shows up on the next look after that).
 */
const chartCache = new Map<string, { at: number; charts: Map<string, string> }>();
const CACHE_MS = 5000;

/** Chart name -> chart folder, of the charts at most DEPTH_DOWN folders below `dir`. */
function chartsUnder(dir: string): Map<string, string> {
  const hit = chartCache.get(dir);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.charts;
  const found = new Map<string, string>();
  const visit = (d: string, depth: number) => {
    let list;
    try {
      list = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    if (list.some((e) => e.isFile() && e.name === 'Chart.yaml')) {
      try {
        const name = CHART_NAME.exec(readFileSync(join(d, 'Chart.yaml'), 'utf8'))?.[1];
        if (name && !found.has(name)) found.set(name, d);
      } catch {
        // an unreadable Chart.yaml names no chart
      }
    }
    if (depth < DEPTH_DOWN) for (const e of list) if (e.isDirectory() && !SKIP_DIR.test(e.name)) visit(join(d, e.name), depth + 1);
  };
  visit(dir, 0);
  if (chartCache.size > 1000) chartCache.clear();
  chartCache.set(dir, { at: Date.now(), charts: found });
  return found;
}

/** The folder of the workspace chart this manifest was rendered from (`# Source: <chart>/templates/...`), if any. */
export function renderedFromWorkspaceChart(ctx: RuleContext): string | undefined {
  if (!ctx.source.text.includes('# Source:')) return undefined;
  const names = new Set([...ctx.source.text.matchAll(SOURCE)].map((m) => m[1]));
  if (!names.size) return undefined;
  const root = ctx.model?.root;
  // Only charts of the workspace count: without a workspace root, or outside it, nothing is looked up.
  if (!root || relative(root, ctx.source.path).startsWith('..')) return undefined;
  let dir = dirname(ctx.source.path);
  for (let up = 0; up <= LEVELS_UP; up++) {
    const charts = chartsUnder(dir);
    for (const name of names) {
      const chart = charts.get(name);
      // The chart's own templates, rendered for its checks (helm/render.ts), are that rendering, not a copy of it.
      if (chart) return ctx.source.path.startsWith(chart + sep) ? undefined : chart;
    }
    const parent = dirname(dir);
    if (parent === dir || relative(root, parent).startsWith('..')) break;
    dir = parent;
  }
  return undefined;
}
