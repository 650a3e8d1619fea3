/** The map as an inline SVG, laid out with dagre (layered, left to right); every name is escaped. */
import dagre from '@dagrejs/dagre';
import type { WorkspaceModel } from '../workspace/model';
import { arrows } from './graph';

/** More nodes than this are left out of the drawing (the document says how many). */
export const MAX_DRAWN_NODES = 150;

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const clip = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const CHAR_WIDTH = 7;

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  first: string;
  second: string;
  store: boolean;
}

interface Line {
  from: string;
  to: string;
  kind: string;
  points: { x: number; y: number }[];
  text: string;
  at?: { x: number; y: number };
}

/** Dagre spends its time on the dummy nodes of long edges: past this many, a grid is drawn instead. */
const MAX_DUMMIES = 1500;

export function renderSvg(model: WorkspaceModel): string {
  const drawn = model.services.slice(0, MAX_DRAWN_NODES);
  if (!drawn.length) return '<p class="empty">No service or datastore to draw.</p>';
  const ids = new Set(drawn.map((s) => s.id));
  const boxes: Box[] = drawn.map((s) => {
    const first = clip(s.id);
    const second = s.datastore ? clip(`${s.datastore.kind}${s.databases.length ? `: ${s.databases.join(', ')}` : ''}`) : '';
    return { id: s.id, x: 0, y: 0, width: Math.max(90, Math.max(first.length, second.length) * CHAR_WIDTH + 24), height: second ? 46 : 32, first, second, store: !!s.datastore };
  });
  const shown = arrows(model).filter((a) => ids.has(a.from) && ids.has(a.to));
  const layout = dummyEstimate(boxes, shown) <= MAX_DUMMIES ? layered(boxes, shown) : grid(boxes, shown);
  return draw(layout.boxes, layout.lines, layout.width, layout.height);
}

/** Dagre's layered layout, left to right. */
function layered(boxes: Box[], shown: ReturnType<typeof arrows>): { boxes: Box[]; lines: Line[]; width: number; height: number } {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 70, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of boxes) g.setNode(b.id, { width: b.width, height: b.height });
  shown.forEach((a, i) => {
    const text = a.database ? clip(a.database, 24) : '';
    g.setEdge({ v: a.from, w: a.to, name: String(i) }, { width: text.length * 6, height: text ? 14 : 0, labelpos: 'c' });
  });
  dagre.layout(g);
  for (const b of boxes) Object.assign(b, { x: g.node(b.id).x, y: g.node(b.id).y });
  const lines = shown.map((a, i) => {
    const e = g.edge({ v: a.from, w: a.to, name: String(i) }) as { points: { x: number; y: number }[]; x?: number; y?: number };
    return { from: a.from, to: a.to, kind: a.kind, points: e.points, text: a.database ? clip(a.database, 24) : '', at: e.x !== undefined && e.y !== undefined ? { x: e.x, y: e.y } : undefined };
  });
  const { width = 0, height = 0 } = g.graph();
  return { boxes, lines, width, height };
}

/** Rows of services, datastores in the rows below, straight arrows: for graphs too tangled to layer quickly. */
function grid(boxes: Box[], shown: ReturnType<typeof arrows>): { boxes: Box[]; lines: Line[]; width: number; height: number } {
  const apps = boxes.filter((b) => !b.store);
  const stores = boxes.filter((b) => b.store);
  const cellW = Math.max(...boxes.map((b) => b.width)) + 30;
  const cols = Math.max(4, Math.ceil(Math.sqrt(apps.length || stores.length)));
  let row = 0;
  const place = (list: Box[]) => {
    list.forEach((b, i) => Object.assign(b, { x: 12 + cellW * (i % cols) + cellW / 2, y: 12 + 80 * (row + Math.floor(i / cols)) + 30 }));
    row += Math.ceil(list.length / cols) + (list.length ? 1 : 0);
  };
  place(apps);
  place(stores);
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const lines = shown.map((a) => {
    const from = byId.get(a.from)!;
    const to = byId.get(a.to)!;
    return { from: a.from, to: a.to, kind: a.kind, points: [edgePoint(from, to), edgePoint(to, from)], text: '' };
  });
  return { boxes, lines, width: 24 + cellW * cols, height: 24 + 80 * row };
}

/** Where the line from the centre of `a` towards `b` leaves `a`'s box. */
function edgePoint(a: Box, b: Box): { x: number; y: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (!dx && !dy) return { x: a.x, y: a.y };
  const scale = Math.min(dx ? a.width / 2 / Math.abs(dx) : Infinity, dy ? a.height / 2 / Math.abs(dy) : Infinity);
  return { x: a.x + dx * scale, y: a.y + dy * scale };
}

/** How many dummy nodes dagre would add: the ranks each edge spans beyond one, over a longest-path layering. */
function dummyEstimate(boxes: Box[], shown: ReturnType<typeof arrows>): number {
  const out = new Map<string, string[]>(boxes.map((b) => [b.id, []]));
  for (const a of shown) if (a.from !== a.to) out.get(a.from)!.push(a.to);
  // Back edges (found by a depth-first walk) are dropped, as dagre reverses them.
  const state = new Map<string, number>();
  const order: string[] = [];
  const forward = new Map<string, string[]>(boxes.map((b) => [b.id, []]));
  for (const root of out.keys()) {
    if (state.has(root)) continue;
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0])![top[1]++];
      if (next === undefined) {
        state.set(top[0], 2);
        order.push(top[0]);
        stack.pop();
      } else if (!state.has(next)) {
        forward.get(top[0])!.push(next);
        state.set(next, 1);
        stack.push([next, 0]);
      } else if (state.get(next) === 2) forward.get(top[0])!.push(next);
    }
  }
  const rank = new Map<string, number>();
  for (const id of order) rank.set(id, Math.max(0, ...forward.get(id)!.map((t) => (rank.get(t) ?? 0) + 1)));
  let dummies = 0;
  for (const [from, tos] of forward) for (const to of tos) dummies += Math.max(0, rank.get(from)! - rank.get(to)! - 1);
  return dummies * 2;
}

function draw(boxes: Box[], lines: Line[], width: number, height: number): string {
  const parts: string[] = [];
  for (const l of lines) {
    const d = l.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    parts.push(`<path class="edge ${l.kind.replace(/\s/g, '-')}" d="${d}" marker-end="url(#arrow)"><title>${escapeXml(`${l.from} -> ${l.to} (${l.kind})`)}</title></path>`);
    if (l.text && l.at) parts.push(`<text class="edge-label" x="${l.at.x.toFixed(1)}" y="${l.at.y.toFixed(1)}">${escapeXml(l.text)}</text>`);
  }
  for (const n of boxes) {
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    parts.push(`<g class="node${n.store ? ' store' : ''}"><title>${escapeXml(n.id)}</title><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${n.width.toFixed(1)}" height="${n.height}" rx="${n.store ? 14 : 4}"/>`);
    parts.push(`<text x="${n.x.toFixed(1)}" y="${(n.y + (n.second ? -4 : 4)).toFixed(1)}">${escapeXml(n.first)}</text>${n.second ? `<text class="sub" x="${n.x.toFixed(1)}" y="${(n.y + 13).toFixed(1)}">${escapeXml(n.second)}</text>` : ''}</g>`);
  }
  const defs = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>';
  return `<svg class="map" role="img" aria-label="Map of the system" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}">${defs}${parts.join('')}</svg>`;
}
