/** The architecture map's webview: draws the graph the host sends, keeps zoom, pan and selection across updates. */
import { parseHostToMap, type HostToMap, type MapGraph, type MapToHost } from '../../src/map/protocol';
import { pngBase64, svgDocument } from './exporter';
import { NO_FILTERS, matchesSearch, visibleGraph, type Filters } from './filter';
import { layoutGraph, type Layout } from './layout';
import { arrowDefs, drawLayout, el, type Drawn } from './render';
import { buildShell } from './shell';
import { Tooltip } from './tooltip';
import { Viewport, type Transform } from './viewport';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };

interface Saved {
  t?: Transform;
  selected?: string;
  filters?: Filters;
}

const host = acquireVsCodeApi();
const post = (m: MapToHost) => host.postMessage(m);
const saved = (host.getState() ?? {}) as Saved;
const ui = buildShell(document.getElementById('app')!);
ui.svg.append(arrowDefs());
const viewportGroup = el('g', { class: 'viewport' });
ui.svg.append(viewportGroup);
const tooltip = new Tooltip(ui.tooltip);

let graph: MapGraph | undefined;
let layout: Layout | undefined;
let drawn: Drawn = { nodes: new Map(), edges: new Map() };
let filters: Filters = { ...NO_FILTERS, ...saved.filters };
let selected = saved.selected ?? '';
let state: 'graph' | 'empty' | 'error' | 'loading' | 'noServer' = 'loading';
let notice = '';
let fitted = !!saved.t;
const persist = () => host.setState({ t: viewport.t, selected, filters } satisfies Saved);
const viewport = new Viewport(ui.svg, viewportGroup, persist);
if (saved.t) viewport.set(saved.t);
ui.search.value = filters.search;

function showMessage(kind: typeof state, text: string, retry = false): void {
  state = kind;
  ui.message.hidden = false;
  ui.messageText.textContent = text;
  ui.retry.hidden = !retry;
  ui.svg.classList.toggle('hidden', true);
}

function setStatus(text: string): void {
  ui.status.textContent = text;
}

function draw(update: boolean): void {
  const started = performance.now();
  tooltip.hide();
  if (!graph) return;
  ui.fillRules(graph.rules, filters);
  if (!graph.nodes.length) {
    layout = undefined;
    drawn = { nodes: new Map(), edges: new Map() };
    viewportGroup.replaceChildren();
    showMessage('empty', 'No services found in this workspace. The map draws the services of compose files and Kubernetes manifests, their datastores and the hosts they call.');
    setStatus('');
    return report(started);
  }
  state = 'graph';
  ui.message.hidden = true;
  ui.svg.classList.remove('hidden');
  const visible = visibleGraph(graph, filters);
  layout = layoutGraph(visible.nodes, visible.edges);
  drawn = drawLayout(viewportGroup, layout);
  markSelection();
  markSearch();
  // The first drawing fits the view; updates keep the user's zoom and pan (also after the panel was hidden).
  if (!fitted || (!update && !saved.t)) viewport.fit(layout.width, layout.height);
  fitted = true;
  const findings = graph.nodes.reduce((n, x) => n + x.count, 0);
  const parts = [`${visible.nodes.length} of ${graph.nodes.length} nodes`, `${visible.edges.length} edges`, `${findings} findings on the map`];
  if (graph.elsewhere) parts.push(`${graph.elsewhere} elsewhere (specs, config)`);
  if (!visible.nodes.length) parts.unshift('No node matches the filters');
  setStatus([visible.notice, notice, parts.join(' · ')].filter(Boolean).join(' '));
  notice = '';
  report(started);
}

function report(started: number): void {
  viewportGroup.getBBox(); // forces style and layout, so the time includes them
  post({ type: 'rendered', nodes: drawn.nodes.size, edges: drawn.edges.size, ms: performance.now() - started, state });
}

function markSelection(): void {
  for (const [id, g] of [...drawn.nodes, ...drawn.edges]) g.classList.toggle('selected', id === selected);
}

function markSearch(): void {
  for (const p of layout?.nodes ?? []) drawn.nodes.get(p.node.id)?.classList.toggle('match', matchesSearch(p.node, filters.search));
}

function targetOf(e: Event): { target: 'node' | 'edge'; id: string; g: SVGGElement } | undefined {
  const g = (e.target as Element | null)?.closest?.('.node, .edge') as SVGGElement | null;
  const id = g?.getAttribute('data-id');
  return g && id ? { target: g.classList.contains('node') ? 'node' : 'edge', id, g } : undefined;
}

function open(t: { target: 'node' | 'edge'; id: string }): void {
  selected = t.id;
  markSelection();
  persist();
  post({ type: 'open', target: t.target, id: t.id });
}

function showTooltip(t: { target: 'node' | 'edge'; id: string; g: SVGGElement }, x?: number, y?: number): void {
  const box = t.g.getBoundingClientRect();
  if (t.target === 'node') {
    const n = graph?.nodes.find((x) => x.id === t.id);
    if (n) tooltip.showNode(n, x ?? box.right, y ?? box.bottom);
  } else {
    const e = graph?.edges.find((x) => x.id === t.id);
    if (e) tooltip.showEdge(e, graph!, x ?? box.right, y ?? box.bottom);
  }
}

ui.svg.addEventListener('click', (e) => {
  const t = targetOf(e);
  if (t) open(t);
});
ui.svg.addEventListener('keydown', (e) => {
  const t = targetOf(e);
  if (t && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    open(t);
  }
});
ui.svg.addEventListener('focusin', (e) => {
  const t = targetOf(e);
  if (t) showTooltip(t);
});
ui.svg.addEventListener('focusout', () => tooltip.hide());
ui.svg.addEventListener('mouseover', (e) => {
  const t = targetOf(e);
  if (t) showTooltip(t, (e as MouseEvent).clientX + 12, (e as MouseEvent).clientY + 12);
});
ui.svg.addEventListener('mouseout', (e) => {
  if (targetOf(e)) tooltip.hide();
});
document.addEventListener('keydown', (e) => {
  if ((e.target as Element).closest('input, select, button')) return;
  if (e.key === '+' || e.key === '=') viewport.zoomAt(1.2);
  else if (e.key === '-') viewport.zoomAt(1 / 1.2);
  else if (e.key === '0' && layout) viewport.fit(layout.width, layout.height);
});

function onFilters(): void {
  filters = { rule: ui.rule.value, severity: ui.severity.value as Filters['severity'], search: ui.search.value };
  persist();
  draw(true);
}
ui.rule.addEventListener('change', onFilters);
ui.severity.addEventListener('change', onFilters);
ui.search.addEventListener('input', () => {
  const redraw = (graph?.nodes.length ?? 0) > drawn.nodes.size;
  filters = { ...filters, search: ui.search.value };
  persist();
  if (redraw) draw(true);
  else markSearch();
});
ui.search.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') {
    ui.search.value = '';
    ui.search.dispatchEvent(new Event('input'));
  }
  if (e.key !== 'Enter' || !layout) return;
  const hit = layout.nodes.find((p) => matchesSearch(p.node, filters.search));
  if (!hit) return setStatus(`No node named like "${filters.search}".`);
  viewport.center(hit.x, hit.y);
  drawn.nodes.get(hit.node.id)?.focus();
});
ui.zoomIn.addEventListener('click', () => viewport.zoomAt(1.2));
ui.zoomOut.addEventListener('click', () => viewport.zoomAt(1 / 1.2));
ui.fit.addEventListener('click', () => layout && viewport.fit(layout.width, layout.height));
ui.retry.addEventListener('click', () => post({ type: 'retry' }));
ui.exportSvg.addEventListener('click', () => layout && post({ type: 'exportSvg', svg: svgDocument(ui.svg, viewportGroup, layout.width, layout.height) }));
ui.exportPng.addEventListener('click', () => {
  if (!layout) return;
  pngBase64(svgDocument(ui.svg, viewportGroup, layout.width, layout.height), layout.width, layout.height).then(
    (base64) => post({ type: 'exportPng', base64 }),
    (e: Error) => setStatus(`PNG export failed: ${e.message}`),
  );
});
ui.exportMarkdown.addEventListener('click', () => post({ type: 'exportMarkdown', nodeIds: [...drawn.nodes.keys()] }));

function domReport(): MapToHost {
  const label = (g: SVGGElement) => (g.getAttribute('aria-label') ?? '').slice(0, 2000);
  return {
    type: 'dom',
    state,
    nodes: [...viewportGroup.querySelectorAll<SVGGElement>('g.node')].map((g) => ({ id: g.getAttribute('data-id') ?? '?', label: label(g) })),
    edges: [...viewportGroup.querySelectorAll<SVGGElement>('g.edge')].map((g) => ({ id: g.getAttribute('data-id') ?? '?', label: label(g) })),
    notice: (state === 'graph' ? ui.status.textContent ?? '' : ui.messageText.textContent ?? '').slice(0, 2000),
    selected,
    zoom: viewport.t.k,
    /** Elements a name could have smuggled in: there must be none. */
    foreign: document.querySelectorAll('#app :is(img, iframe, object, embed, script, foreignObject)').length,
  };
}

function act(m: Extract<HostToMap, { type: 'act' }>): void {
  const g = (m.target === 'node' ? drawn.nodes : drawn.edges).get(m.id);
  if (!g) return;
  if (m.action === 'click') g.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  else {
    g.focus();
    g.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  }
}

window.addEventListener('message', (event) => {
  const parsed = parseHostToMap(event.data);
  if (!parsed.ok) return console.warn(`map: ignored a message: ${parsed.reason}`);
  const m = parsed.message;
  switch (m.type) {
    case 'graph':
      graph = m.graph;
      return draw(m.update);
    case 'status':
      showMessage(m.state, m.message, m.state !== 'loading');
      return report(performance.now());
    case 'notice':
      notice = m.message;
      return setStatus(m.message);
    case 'probe':
      return post(domReport());
    case 'act':
      return act(m);
  }
});
window.addEventListener('error', (e) => post({ type: 'scriptError', message: String(e.message).slice(0, 2000) }));
showMessage('loading', 'Reading the workspace model…');
post({ type: 'ready' });
