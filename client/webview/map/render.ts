/** Draws a layout as SVG elements. Every name goes in through textContent or an attribute: it stays text. */
import type { MapGraphNode } from '../../src/map/protocol';
import { ARROW_HEAD, clip, pathOf, SVG_NS } from '../../src/diagram/path';
import type { Layout, PlacedEdge, PlacedNode } from './layout';

export function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const KIND_LABEL = { service: 'service', datastore: 'datastore', broker: 'broker', external: 'external host' } as const;

/** A small glyph per kind, drawn in a 14 x 14 box. */
const ICON: Record<MapGraphNode['kind'], string> = {
  service: 'M1 3h12v8H1z M1 6h12',
  datastore: 'M1 3c0-2 12-2 12 0v8c0 2-12 2-12 0z M1 3c0 2 12 2 12 0',
  broker: 'M1 2h12 M1 7h12 M1 12h12 M10 0l3 2-3 2',
  external: 'M7 1a6 6 0 1 0 0.01 0z M1 7h12 M7 1c-3 3-3 9 0 12 M7 1c3 3 3 9 0 12',
};

function shapePath(kind: MapGraphNode['kind'], w: number, h: number): string {
  switch (kind) {
    case 'datastore':
      return `M0 6 C0 -2 ${w} -2 ${w} 6 L${w} ${h - 6} C${w} ${h + 2} 0 ${h + 2} 0 ${h - 6} Z M0 6 C0 13 ${w} 13 ${w} 6`;
    case 'broker':
      return `M8 0 H${w} L${w - 8} ${h} H0 Z`;
    default: {
      const r = 6;
      return `M${r} 0 H${w - r} Q${w} 0 ${w} ${r} V${h - r} Q${w} ${h} ${w - r} ${h} H${r} Q0 ${h} 0 ${h - r} V${r} Q0 0 ${r} 0 Z`;
    }
  }
}

export function describeNode(n: MapGraphNode): string {
  const findings = n.count ? `${n.count} finding${n.count === 1 ? '' : 's'}, worst ${n.worst}` : 'no findings';
  const concerns = n.concerns.length ? `; ${n.concerns.map((c) => c.label).join(', ')}` : '';
  return `${n.name}, ${KIND_LABEL[n.kind]}${n.detail ? ` (${n.detail})` : ''}, ${findings}${concerns}`;
}

function drawNode(p: PlacedNode): SVGGElement {
  const n = p.node;
  const classes = ['node', `kind-${n.kind}`, n.worst ? `sev-${n.worst}` : 'sev-none', n.concerns.length ? 'has-concern' : ''];
  const g = el('g', { class: classes.filter(Boolean).join(' '), transform: `translate(${p.x - p.width / 2},${p.y - p.height / 2})`, tabindex: 0, role: 'button', 'data-id': n.id, 'aria-label': describeNode(n) });
  g.append(el('path', { class: 'shape', d: shapePath(n.kind, p.width, p.height) }));
  g.append(el('path', { class: 'icon', d: ICON[n.kind], transform: 'translate(10,9)' }));
  g.append(el('text', { class: 'name', x: 30, y: 20 }, clip(n.name, 32)));
  g.append(el('text', { class: 'detail', x: 30, y: 36 }, clip(n.detail ?? KIND_LABEL[n.kind], 32)));
  if (n.count) {
    const badge = el('g', { class: 'badge', transform: `translate(${p.width - 2},2)` });
    badge.append(el('circle', { r: 11 }), el('text', { 'text-anchor': 'middle', y: 4 }, n.count > 999 ? '999+' : String(n.count)));
    g.append(badge);
  }
  if (n.concerns.length) g.append(el('text', { class: 'concern', x: 2, y: p.height + 14 }, `⚠ ${clip(n.concerns.map((c) => c.label).join(', '), 48)}`));
  return g;
}

function drawEdge(p: PlacedEdge, names: Map<string, string>, labels: boolean): SVGGElement {
  const e = p.edge;
  const concern = e.concerns.length ? ` (${e.concerns.map((c) => c.label).join(', ')})` : '';
  const g = el('g', { class: `edge kind-${e.kind}${e.concerns.length ? ' has-concern' : ''}`, tabindex: 0, role: 'button', 'data-id': e.id, 'aria-label': `${names.get(e.from) ?? e.from} to ${names.get(e.to) ?? e.to}, ${p.label}${concern}` });
  const d = pathOf(p.points);
  g.append(el('path', { class: 'hit', d }), el('path', { class: 'line', d, 'marker-end': 'url(#arrow)' }));
  if (!labels) return g;
  const text = `${p.label}${e.concerns.length ? ' ⚠' : ''}`;
  const w = text.length * 6.2 + 8;
  g.append(el('rect', { class: 'label-bg', x: p.labelX - w / 2, y: p.labelY - 8, width: w, height: 15, rx: 3 }), el('text', { class: 'label', x: p.labelX, y: p.labelY + 3.5, 'text-anchor': 'middle' }, text));
  return g;
}

export interface Drawn {
  nodes: Map<string, SVGGElement>;
  edges: Map<string, SVGGElement>;
}

/**
 * Replaces the viewport's content with the layout: nodes first (Tab reaches them first), then edges. A big map
 * (the quick layout) leaves the edges' labels to their hover card and name: line styles still tell the kinds apart.
 */
export function drawLayout(viewport: SVGGElement, layout: Layout): Drawn {
  const labels = layout.engine !== 'quick';
  const names = new Map(layout.nodes.map((p) => [p.node.id, p.node.name]));
  const drawn: Drawn = { nodes: new Map(), edges: new Map() };
  const edges = el('g', { class: 'edges' });
  const nodes = el('g', { class: 'nodes' });
  for (const p of layout.edges) {
    const g = drawEdge(p, names, labels);
    drawn.edges.set(p.edge.id, g);
    edges.append(g);
  }
  for (const p of layout.nodes) {
    const g = drawNode(p);
    drawn.nodes.set(p.node.id, g);
    nodes.append(g);
  }
  viewport.replaceChildren(nodes, edges);
  return drawn;
}

/** The arrow head every edge ends with. */
export function arrowDefs(): SVGDefsElement {
  const defs = el('defs');
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(el('path', { d: ARROW_HEAD, class: 'arrow' }));
  defs.append(marker);
  return defs;
}
