// The architecture map: a generated 100-service system drawn by the real webview script (dist/webview/map.js) in
// headless Chromium (playwright-core, Debian's chromium), layout and DOM included; then an edit of its compose file
// through the language server (change -> architectureChanged -> graph answered) plus the webview's redraw.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARCHITECTURE_CHANGED_NOTIFICATION, ARCHITECTURE_MODEL_REQUEST } from '../server/src/lsp/protocol';
import { BenchClient } from './lspClient';

const SERVICES = 100;
const RUNS = 7;

/** A compose file of `n` services in layers, each calling two of the next layer, sharing a few datastores. */
export function generatedCompose(n: number): string {
  const lines = ['services:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  svc-${i}:`, `    image: example/svc-${i}:1.0`, '    environment:');
    for (const j of [i * 2 + 1, i * 2 + 2]) if (j < n) lines.push(`      SVC_${j}_URL: http://svc-${j}:8080`);
    lines.push(`      DATABASE_URL: postgres://db-${i % 5}:5432/app${i % 7}`, `      REDIS_URL: redis://cache-${i % 3}:6379/0`);
  }
  for (let i = 0; i < 5; i++) lines.push(`  db-${i}:`, '    image: postgres:16.4');
  for (let i = 0; i < 3; i++) lines.push(`  cache-${i}:`, '    image: redis:7.2');
  return lines.join('\n') + '\n';
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function serverSide(dir: string): Promise<{ graph: unknown; updated: unknown; updateMs: number[] }> {
  const compose = join(dir, 'docker-compose.yml');
  const text = generatedCompose(SERVICES);
  writeFileSync(compose, text);
  const client = new BenchClient(resolve('dist/server.js'), { debounceMs: 0 });
  await client.initialize(dir);
  const uri = pathToFileURL(compose).href;
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: 1, text } });
  await client.diagnostics((p) => p.uri === uri);
  const graph = await client.conn.sendRequest(ARCHITECTURE_MODEL_REQUEST);
  const updateMs: number[] = [];
  const diagMs: number[] = [];
  let updated: unknown;
  const end = { line: text.split('\n').length - 1, character: 0 };
  let signals = 0;
  client.conn.onNotification(ARCHITECTURE_CHANGED_NOTIFICATION, () => signals++);
  const nextSignal = (after: number) => new Promise<void>((res) => {
    const check = () => (signals > after ? res() : setTimeout(check, 1));
    check();
  });
  for (let v = 2; v < 2 + RUNS; v++) {
    const published = client.nextDiagnostics(uri, v);
    const t = performance.now();
    const added = `  extra-${v}:\n    image: example/extra:1.0\n    environment:\n      SVC_URL: http://svc-${v}:8080\n`;
    let seen = signals;
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: end, end }, text: added }] });
    // Ask after each announcement until the graph has the new service.
    for (;;) {
      await nextSignal(seen);
      seen = signals;
      updated = await client.conn.sendRequest(ARCHITECTURE_MODEL_REQUEST);
      if ((updated as { nodes: { id: string }[] }).nodes.some((n) => n.id === `extra-${v}`)) break;
    }
    updateMs.push(performance.now() - t);
    await published;
    diagMs.push(performance.now() - t);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v + 1000 }, contentChanges: [{ text }] });
    await client.nextDiagnostics(uri, v + 1000);
  }
  await client.close();
  console.log(`  (compose edit -> its diagnostics, for comparison: p50 ${pct(diagMs, 50).toFixed(1)} ms)`);
  return { graph, updated, updateMs };
}

/** Draws the graph in Chromium `RUNS` times (fresh), then once as an update; times from postMessage to `rendered`. */
async function webviewSide(dir: string, graph: unknown, updated: unknown): Promise<{ drawMs: number[]; redrawMs: number[]; nodes: number; edges: number } | string> {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return 'playwright-core is missing';
  }
  const { chromiumPath, CHROMIUM_ARGS } = await import('../scripts/vscode-server/browser.mjs' as string);
  let executablePath: string;
  try {
    executablePath = chromiumPath();
  } catch (e) {
    return (e as Error).message;
  }
  const page = join(dir, 'page');
  mkdirSync(page, { recursive: true });
  writeFileSync(join(page, 'map.js'), readFileSync('dist/webview/map.js'));
  writeFileSync(join(page, 'map.css'), readFileSync('client/media/map.css'));
  writeFileSync(join(page, 'stub.js'), 'window.__posted=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m),getState:()=>undefined,setState(){}});');
  writeFileSync(join(page, 'index.html'), '<!DOCTYPE html><html><head><link rel="stylesheet" href="map.css"></head><body style="width:1280px;height:800px"><div id="app"></div><script src="stub.js"></script><script src="map.js"></script></body></html>');
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await tab.goto(pathToFileURL(join(page, 'index.html')).href);
    // A string, not a function: the page must not see helpers a TypeScript loader adds to functions.
    const DRAW = `({ g, update }) => new Promise((res) => {
      const before = window.__posted.length;
      const t = performance.now();
      window.postMessage({ type: 'graph', graph: g, update }, '*');
      const poll = () => {
        const r = window.__posted.slice(before).find((m) => m.type === 'rendered');
        if (r) res({ ms: performance.now() - t, nodes: r.nodes, edges: r.edges });
        else requestAnimationFrame(poll);
      };
      poll();
    })`;
    const draw = (g: unknown, update: boolean) => tab.evaluate(`(${DRAW})(${JSON.stringify({ g, update })})`) as Promise<{ ms: number; nodes: number; edges: number }>;
    const drawMs: number[] = [];
    let last = { nodes: 0, edges: 0 };
    for (let i = 0; i < RUNS; i++) {
      const r = await draw(graph, false);
      drawMs.push(r.ms);
      last = r;
    }
    const redrawMs: number[] = [];
    for (let i = 0; i < RUNS; i++) redrawMs.push((await draw(i % 2 ? graph : updated, true)).ms);
    return { drawMs, redrawMs, ...last };
  } finally {
    await browser.close();
  }
}

export async function benchMap(row: (...cols: string[]) => void): Promise<{ drawP95?: number; updateP95?: number }> {
  console.log(`\nArchitecture map (generated system: ${SERVICES} services, 5 databases, 3 caches; ${RUNS} runs)`);
  const dir = mkdtempSync(join(tmpdir(), 'ba-bench-map-'));
  const server = await serverSide(dir);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  row('server: compose edit -> changed -> graph answered', ms(pct(server.updateMs, 50)), ms(pct(server.updateMs, 95)));
  const web = await webviewSide(dir, server.graph, server.updated);
  if (typeof web === 'string') {
    console.log(`  webview drawing skipped: ${web}`);
    return {};
  }
  row(`webview: draw ${web.nodes} nodes, ${web.edges} edges (validate+layout+SVG)`, ms(pct(web.drawMs, 50)), ms(pct(web.drawMs, 95)));
  row('webview: redraw after an update', ms(pct(web.redrawMs, 50)), ms(pct(web.redrawMs, 95)));
  const update = pct(server.updateMs, 95) + pct(web.redrawMs, 95);
  row('update after a compose edit (server + redraw, p95s summed)', ms(update), '');
  return { drawP95: pct(web.drawMs, 95), updateP95: update };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchMap((...c) => console.log(c.map((x, i) => (i === 0 ? x.padEnd(62) : x.padStart(12))).join(''))).then(
    (r) => console.log(`\nTargets: map of ${SERVICES} services drawn <= 500 ms (${r.drawP95?.toFixed(0)}); update after a compose edit <= 200 ms (${r.updateP95?.toFixed(0)}).`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
