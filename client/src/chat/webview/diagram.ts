/**
 * Draws a Mermaid flowchart from an answer as SVG, laid out by the map's layered layout. Elements are made with
 * createElementNS and every label goes in as a text node: a label with markup stays text.
 */
import { labelWidth, layered } from '../../diagram/layered';
import { ARROW_HEAD, clip, pathOf, SVG_NS } from '../../diagram/path';
import type { Direction, Layered } from '../../diagram/types';
import type { DocumentLike, ElementLike } from './docLike';
import { parseFlowchart, type FlowEdge, type FlowNode, type Flowchart, type Shape } from './mermaid';

const CHAR_WIDTH = 7;
const LINE_HEIGHT = 16;
const MAX_LINES = 4;
/** Names listed in the diagram's accessible label; the rest are counted. */
const NAMED_IN_LABEL = 40;
const DIRECTION_WORDS: Record<Direction, string> = { LR: 'left to right', RL: 'right to left', TB: 'top to bottom', BT: 'bottom to top' };

type FlowLayout = Layered<FlowNode, FlowEdge>;

const linesOf = (n: FlowNode) => n.label.split('\n').slice(0, MAX_LINES).map((l) => clip(l, 48));
const edgeText = (e: FlowEdge) => clip(e.label.replace(/\s+/g, ' '), 40);

function sizeOf(n: FlowNode): { width: number; height: number } {
  const lines = linesOf(n);
  const width = Math.max(48, Math.max(...lines.map((l) => l.length)) * CHAR_WIDTH + 28);
  const height = lines.length * LINE_HEIGHT + 20;
  switch (n.shape) {
    case 'rhombus':
      return { width: width * 1.4, height: height * 1.5 };
    case 'circle': {
      const d = Math.max(width, height);
      return { width: d, height: d };
    }
    case 'cylinder':
      return { width, height: height + 12 };
    case 'hexagon':
    case 'flag':
    case 'lean-left':
    case 'lean-right':
    case 'trapezoid':
    case 'trapezoid-alt':
      return { width: width + height / 2, height };
    default:
      return { width, height };
  }
}

function outline(shape: Shape, w: number, h: number): string {
  const s = Math.min(h / 2, w / 4);
  switch (shape) {
    case 'round':
      return `M8 0 H${w - 8} Q${w} 0 ${w} 8 V${h - 8} Q${w} ${h} ${w - 8} ${h} H8 Q0 ${h} 0 ${h - 8} V8 Q0 0 8 0 Z`;
    case 'stadium':
      return `M${h / 2} 0 H${w - h / 2} A${h / 2} ${h / 2} 0 0 1 ${w - h / 2} ${h} H${h / 2} A${h / 2} ${h / 2} 0 0 1 ${h / 2} 0 Z`;
    case 'subroutine':
      return `M0 0 H${w} V${h} H0 Z M6 0 V${h} M${w - 6} 0 V${h}`;
    case 'cylinder':
      return `M0 6 C0 -2 ${w} -2 ${w} 6 V${h - 6} C${w} ${h + 2} 0 ${h + 2} 0 ${h - 6} Z M0 6 C0 14 ${w} 14 ${w} 6`;
    case 'circle':
      return `M0 ${h / 2} A${w / 2} ${h / 2} 0 1 0 ${w} ${h / 2} A${w / 2} ${h / 2} 0 1 0 0 ${h / 2} Z`;
    case 'rhombus':
      return `M${w / 2} 0 L${w} ${h / 2} L${w / 2} ${h} L0 ${h / 2} Z`;
    case 'hexagon':
      return `M${s / 2} 0 H${w - s / 2} L${w} ${h / 2} L${w - s / 2} ${h} H${s / 2} L0 ${h / 2} Z`;
    case 'lean-right':
      return `M${s} 0 H${w} L${w - s} ${h} H0 Z`;
    case 'lean-left':
      return `M0 0 H${w - s} L${w} ${h} H${s} Z`;
    case 'trapezoid':
      return `M${s} 0 H${w - s} L${w} ${h} H0 Z`;
    case 'trapezoid-alt':
      return `M0 0 H${w} L${w - s} ${h} H${s} Z`;
    case 'flag':
      return `M0 0 H${w} V${h} H0 L${s / 2} ${h / 2} Z`;
    default:
      return `M0 0 H${w} V${h} H0 Z`;
  }
}

/** The last few layouts by source: an answer is re-rendered on every streamed piece. */
const recent = new Map<string, { chart: Flowchart; layout: FlowLayout } | { note: string }>();

function laidOut(source: string): { chart: Flowchart; layout: FlowLayout } | { note: string } {
  const hit = recent.get(source);
  if (hit) return hit;
  const parsed = parseFlowchart(source);
  let result: { chart: Flowchart; layout: FlowLayout } | { note: string };
  if (!parsed.ok) result = { note: parsed.reason };
  else {
    const { chart } = parsed;
    const parents = new Map<string, string>();
    for (const sub of chart.subgraphs) {
      if (sub.parent && !parents.has(sub.id)) parents.set(sub.id, sub.parent);
      for (const m of sub.members) if (!parents.has(m)) parents.set(m, sub.id);
    }
    try {
      result = { chart, layout: layered(chart.nodes, chart.edges, { size: sizeOf, label: edgeText, direction: chart.direction, nodesep: 24, ranksep: 48, parents }) };
    } catch (e) {
      result = { note: `the layout failed (${e instanceof Error ? e.message : String(e)})` };
    }
  }
  recent.set(source, result);
  if (recent.size > 16) recent.delete(recent.keys().next().value!);
  return result;
}

/** What a screen reader hears: the direction, the nodes by name, the number of links. */
export function describeFlowchart(chart: Flowchart): string {
  const names = chart.nodes.slice(0, NAMED_IN_LABEL).map((n) => n.label.replace(/\s+/g, ' '));
  const more = chart.nodes.length > NAMED_IN_LABEL ? ` and ${chart.nodes.length - NAMED_IN_LABEL} more` : '';
  const links = chart.edges.length === 1 ? '1 link' : `${chart.edges.length} links`;
  return `Flowchart, ${DIRECTION_WORDS[chart.direction]}, ${chart.nodes.length} node${chart.nodes.length === 1 ? '' : 's'}: ${names.join(', ')}${more}; ${links}.`;
}

let drawings = 0;

export function drawFlowchart(chart: Flowchart, layout: FlowLayout, doc: DocumentLike): ElementLike {
  const svg = (tag: string, attrs: Record<string, string | number>, ...children: unknown[]) => {
    const e = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    e.append(...children);
    return e;
  };
  const text = (attrs: Record<string, string | number>, s: string) => svg('text', attrs, doc.createTextNode(s));
  const id = `mermaid-${++drawings}`;
  const marker = (name: string, shape: ElementLike) => svg('marker', { id: `${id}-${name}`, viewBox: '0 0 10 10', refX: name === 'arrow' ? 9 : 5, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, shape);
  const defs = svg('defs', {}, marker('arrow', svg('path', { d: ARROW_HEAD, class: 'head' })), marker('circle', svg('circle', { cx: 5, cy: 5, r: 4, class: 'head-open' })), marker('cross', svg('path', { d: 'M1 1 L9 9 M9 1 L1 9', class: 'head-open' })));
  const titles = new Map(chart.subgraphs.map((s) => [s.id, s.label]));
  const clusters = (layout.clusters ?? []).map((c) =>
    svg('g', { class: 'cluster' }, svg('rect', { x: c.x, y: c.y, width: c.width, height: c.height, rx: 4 }), text({ x: c.x + 8, y: c.y + 14 }, clip(titles.get(c.id) ?? c.id, 60))),
  );
  const heads = { arrow: 'arrow', circle: 'circle', cross: 'cross', none: '' } as const;
  const edges = layout.edges.map((p) => {
    const e = p.edge;
    const attrs: Record<string, string> = { class: `edge line-${e.line}`, d: pathOf(p.points) };
    if (e.head !== 'none') attrs['marker-end'] = `url(#${id}-${heads[e.head]})`;
    if (e.both) attrs['marker-start'] = `url(#${id}-${heads[e.head]})`;
    return svg('path', attrs);
  });
  const labels = layout.edges.filter((p) => p.label && p.edge.line !== 'invisible').map((p) => {
    const w = labelWidth(p.label);
    return svg('g', { class: 'edge-label' }, svg('rect', { x: p.labelX - w / 2, y: p.labelY - 9, width: w, height: 17, rx: 3 }), text({ x: p.labelX, y: p.labelY + 4, 'text-anchor': 'middle' }, p.label));
  });
  const nodes = layout.nodes.map((p) => {
    const lines = linesOf(p.node);
    const label = p.node.label === p.node.id && titles.has(p.node.id) ? [titles.get(p.node.id)!] : lines;
    const top = p.height / 2 - ((label.length - 1) * LINE_HEIGHT) / 2 + 4;
    return svg('g', { class: `node shape-${p.node.shape}`, transform: `translate(${p.x - p.width / 2},${p.y - p.height / 2})` }, svg('path', { class: 'shape', d: outline(p.node.shape, p.width, p.height) }), ...label.map((l, i) => text({ x: p.width / 2, y: top + i * LINE_HEIGHT, 'text-anchor': 'middle' }, l)));
  });
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  return svg('svg', { class: 'flowchart', role: 'img', 'aria-label': describeFlowchart(chart), viewBox: `0 0 ${width} ${height}`, width, height }, defs, svg('g', { class: 'clusters' }, ...clusters), svg('g', { class: 'edges' }, ...edges), svg('g', { class: 'nodes' }, ...nodes), svg('g', { class: 'edge-labels' }, ...labels));
}

/**
 * A Mermaid block: the drawn flowchart with a Source toggle (the source `pre`, hidden until asked for) beside the
 * block's actions; or why it is not drawn.
 */
export function mermaidBlock(source: string, doc: DocumentLike, pre: ElementLike, actions: ElementLike): { drawn: ElementLike } | { note: string } {
  const result = laidOut(source);
  if ('note' in result) return result;
  const figure = doc.createElement('div');
  figure.setAttribute('class', 'diagram');
  figure.append(drawFlowchart(result.chart, result.layout, doc));
  pre.setAttribute('hidden', '');
  const toggle = doc.createElement('button');
  toggle.setAttribute('class', 'secondary');
  toggle.setAttribute('aria-pressed', 'false');
  toggle.setAttribute('title', 'Show the Mermaid source instead of the drawing');
  toggle.append(doc.createTextNode('Source'));
  toggle.addEventListener('click', () => {
    const showSource = toggle.getAttribute('aria-pressed') !== 'true';
    toggle.setAttribute('aria-pressed', String(showSource));
    (showSource ? figure : pre).setAttribute('hidden', '');
    (showSource ? pre : figure).removeAttribute('hidden');
  });
  actions.append(toggle);
  const block = doc.createElement('div');
  block.setAttribute('class', 'codeblock mermaid');
  block.append(figure, pre, actions);
  return { drawn: block };
}
