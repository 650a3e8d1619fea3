/**
 * Reads the Mermaid flowchart subset the architect writes (and `backend-architect graph` prints): `graph`/`flowchart`
 * with a direction, nodes in their shapes, chains of links with labels, `&` groups, subgraphs. Styling lines (classDef,
 * class, style, linkStyle, click) are skipped. Labels stay text: `<br>` becomes a line break, `#60;` its character.
 */
import type { Direction } from '../../diagram/types';

export type Shape = 'rect' | 'round' | 'stadium' | 'subroutine' | 'cylinder' | 'circle' | 'rhombus' | 'hexagon' | 'lean-right' | 'lean-left' | 'trapezoid' | 'trapezoid-alt' | 'flag';
export interface FlowNode {
  id: string;
  label: string;
  shape: Shape;
}
export interface FlowEdge {
  from: string;
  to: string;
  label: string;
  line: 'solid' | 'dotted' | 'thick' | 'invisible';
  head: 'arrow' | 'circle' | 'cross' | 'none';
  both: boolean;
}
export interface Subgraph {
  id: string;
  label: string;
  parent?: string;
  members: string[];
}
export interface Flowchart {
  direction: Direction;
  nodes: FlowNode[];
  edges: FlowEdge[];
  subgraphs: Subgraph[];
}
export type ParseResult = { ok: true; chart: Flowchart } | { ok: false; kind: string; reason: string };

/** Bigger diagrams are shown as source: drawing them would stall the chat. */
export const MAX_FLOW_NODES = 2000;
const MAX_SOURCE_CHARS = 200_000;
/** Longer lines are refused: reading a link's text is quadratic in the line at worst. */
const MAX_LINE_CHARS = 4000;

// Opening and closing of each shape, longest openings first so `[(` wins over `[`.
const SHAPES: [string, string, Shape][] = [
  ['(((', ')))', 'circle'], ['((', '))', 'circle'], ['([', '])', 'stadium'], ['[[', ']]', 'subroutine'], ['[(', ')]', 'cylinder'],
  ['{{', '}}', 'hexagon'], ['[/', '/]', 'lean-right'], ['[\\', '\\]', 'lean-left'], ['[/', '\\]', 'trapezoid'], ['[\\', '/]', 'trapezoid-alt'],
  ['[', ']', 'rect'], ['(', ')', 'round'], ['{', '}', 'rhombus'], ['>', ']', 'flag'],
];
const ENTITY_NAMES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: ' ', apos: "'" };
const SKIPPED = /^(classDef|class|style|linkStyle|click|direction|accTitle|accDescr)\b/;
const ID = /^[\p{L}\p{N}_$]+(?:-[\p{L}\p{N}_$]+)*/u;
// Links: a start head for two-way links, then a plain link (`-->`, `---`, `-.->`, `==>`, `~~~`, `--o`, `--x`) or one
// with its text inside (`-- text -->`, `-. text .->`, `== text ==>`). A circle or cross head needs a space after it.
const END = /^(?:<|o|x)?/;
const PLAIN = /^(?:-{2,}>|-{3,}|={2,}>|={3,}|-\.+->|-\.+-|~{3,}|(?:-{2,}|={2,}|-\.+)[ox](?=[\s|]|$))/;
const WITH_TEXT = /^(--|==|-\.)\s*([^\s>.=-].*?)\s*(-{2,}>|-{3,}|={2,}>|={3,}|\.-+>|\.-+|(?:-{2,}|={2,}|\.-+)[ox](?=[\s|]|$))/;

/** Label text: entities (#60; #quot; &lt;) decoded, `<br>` a line break, quotes and Markdown backticks off. */
export function labelText(raw: string): string {
  let s = raw.trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1);
  if (s.length >= 2 && s.startsWith('`') && s.endsWith('`')) s = s.slice(1, -1);
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(/[#&](#?)(\w{1,10});/g, (m, hash: string, name: string) => {
    if (m[0] === '#' && /^\d+$/.test(name)) return String.fromCodePoint(Math.min(Number(name), 0x10ffff));
    if (hash && /^x[0-9a-f]+$/i.test(name)) return String.fromCodePoint(Math.min(parseInt(name.slice(1), 16), 0x10ffff));
    if (hash && /^\d+$/.test(name)) return String.fromCodePoint(Math.min(Number(name), 0x10ffff));
    return ENTITY_NAMES[name.toLowerCase()] ?? m;
  });
  return s.trim();
}

/** Splits a line into statements at `;` outside quotes and outside entities such as `#60;`. */
function statements(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted && !/[#&]#?\w+$/.test(line.slice(Math.max(start, i - 12), i))) {
      out.push(line.slice(start, i));
      start = i + 1;
    }
  }
  out.push(line.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

export function parseFlowchart(source: string): ParseResult {
  if (source.length > MAX_SOURCE_CHARS) return { ok: false, kind: 'flowchart', reason: `the diagram is longer than ${MAX_SOURCE_CHARS} characters` };
  const lines = source.split(/\r?\n/);
  let index = lines.findIndex((l) => l.trim() && !l.trim().startsWith('%%'));
  if (lines[index]?.trim() === '---') {
    const close = lines.findIndex((l, i) => i > index && l.trim() === '---');
    index = close < 0 ? lines.length : lines.findIndex((l, i) => i > close && l.trim() && !l.trim().startsWith('%%'));
  }
  const header = /^(graph|flowchart)(?:\s+(TD|TB|BT|RL|LR))?\s*;?\s*$/i.exec(lines[index]?.trim() ?? '');
  if (!header) {
    const kind = /^[A-Za-z-]+/.exec(lines[index]?.trim() ?? '')?.[0] ?? 'empty';
    return { ok: false, kind, reason: `${kind} diagrams are not drawn here, only flowcharts` };
  }
  const dir = (header[2] ?? 'TB').toUpperCase();
  const chart: Flowchart = { direction: (dir === 'TD' ? 'TB' : dir) as Direction, nodes: [], edges: [], subgraphs: [] };
  const byId = new Map<string, FlowNode>();
  const open: Subgraph[] = [];
  const note = (id: string) => {
    const sub = open[open.length - 1];
    if (sub && !sub.members.includes(id) && !open.some((s) => s.id === id)) sub.members.push(id);
  };
  const node = (id: string, label?: string, shape?: Shape) => {
    let n = byId.get(id);
    if (!n) {
      n = { id, label: id, shape: 'rect' };
      byId.set(id, n);
      chart.nodes.push(n);
    }
    if (label !== undefined) n.label = label;
    if (shape) n.shape = shape;
    note(id);
  };
  for (index++; index < lines.length; index++) {
    const fail = (why: string): ParseResult => ({ ok: false, kind: 'flowchart', reason: `line ${index + 1}: ${why}` });
    const line = lines[index].trim();
    if (!line || line.startsWith('%%')) continue;
    if (line.length > MAX_LINE_CHARS) return fail(`the line is longer than ${MAX_LINE_CHARS} characters`);
    for (const stmt of statements(line)) {
      if (SKIPPED.test(stmt)) continue;
      const sub = /^subgraph\s+(.+)$/.exec(stmt);
      if (sub) {
        const m = /^([\p{L}\p{N}_$-]+)\s*\[(.*)\]$/u.exec(sub[1].trim());
        const plain = /^[\p{L}\p{N}_$-]+$/u.test(sub[1].trim());
        const id = m?.[1] ?? (plain ? sub[1].trim() : `subgraph-${chart.subgraphs.length + 1}`);
        const s: Subgraph = { id, label: labelText(m?.[2] ?? sub[1]), parent: open[open.length - 1]?.id, members: [] };
        if (chart.subgraphs.some((x) => x.id === id)) return fail(`the subgraph "${id}" is opened twice`);
        note(id);
        chart.subgraphs.push(s);
        open.push(s);
        continue;
      }
      if (stmt === 'end') {
        if (!open.pop()) return fail('"end" without a subgraph');
        continue;
      }
      const error = chain(stmt, node, chart.edges);
      if (error) return fail(error);
      if (chart.nodes.length > MAX_FLOW_NODES) return { ok: false, kind: 'flowchart', reason: `more than ${MAX_FLOW_NODES} nodes` };
    }
  }
  if (open.length) return { ok: false, kind: 'flowchart', reason: `the subgraph "${open[open.length - 1].id}" has no "end"` };
  if (!chart.nodes.length) return { ok: false, kind: 'flowchart', reason: 'the flowchart has no nodes' };
  return { ok: true, chart };
}

/** One chain `a & b -->|x| c --> d`; an error message when it is not one. */
function chain(stmt: string, node: (id: string, label?: string, shape?: Shape) => void, edges: FlowEdge[]): string | undefined {
  let rest = stmt;
  let previous: string[] = [];
  let link: Omit<FlowEdge, 'from' | 'to'> | undefined;
  for (;;) {
    const group: string[] = [];
    for (;;) {
      const ref = nodeRef(rest);
      if (!ref) return rest ? `cannot read "${clipText(rest)}"` : 'a link ends without a node';
      node(ref.id, ref.label, ref.shape);
      group.push(ref.id);
      rest = ref.rest.trimStart();
      if (!rest.startsWith('&')) break;
      rest = rest.slice(1).trimStart();
    }
    if (link) for (const from of previous) for (const to of group) edges.push({ from, to, ...link });
    if (!rest) return undefined;
    const l = readLink(rest);
    if (!l) return `expected a link before "${clipText(rest)}"`;
    link = l.link;
    rest = l.rest;
    previous = group;
  }
}

function nodeRef(text: string): { id: string; label?: string; shape?: Shape; rest: string } | undefined {
  const id = ID.exec(text)?.[0];
  if (!id) return undefined;
  const rest = text.slice(id.length);
  // Of the shapes this opening starts, the longest opening wins, then the nearest closing (`[/a\]` before `/]`).
  let best: { open: string; close: string; shape: Shape; end: number } | undefined;
  for (const [open, close, shape] of SHAPES) {
    if (!rest.startsWith(open) || (best && best.open.length > open.length)) continue;
    const body = rest.slice(open.length);
    const end = body.startsWith('"') ? body.indexOf(`"${close}`, 1) + 1 : body.indexOf(close);
    if (end < 0 || (end === 0 && body.startsWith('"'))) continue;
    if (!best || end < best.end) best = { open, close, shape, end };
  }
  if (best) {
    const body = rest.slice(best.open.length);
    return { id, label: labelText(body.slice(0, best.end)), shape: best.shape, rest: body.slice(best.end + best.close.length).replace(/^:::[\w-]+/, '') };
  }
  return { id, rest: rest.replace(/^:::[\w-]+/, '') };
}

function readLink(text: string): { link: Omit<FlowEdge, 'from' | 'to'>; rest: string } | undefined {
  const start = END.exec(text)![0];
  const after = text.slice(start.length);
  const plain = PLAIN.exec(after);
  const labelled = plain ? undefined : WITH_TEXT.exec(after);
  const arrow = plain?.[0] ?? labelled?.[3];
  if (!arrow) return undefined;
  const opening = labelled?.[1] ?? arrow;
  const line = opening.startsWith('~') ? 'invisible' : opening.startsWith('=') ? 'thick' : opening.includes('.') ? 'dotted' : 'solid';
  const last = arrow[arrow.length - 1];
  const head = last === '>' ? 'arrow' : last === 'o' ? 'circle' : last === 'x' ? 'cross' : 'none';
  let label = labelled?.[2] ?? '';
  let rest = after.slice((plain ?? labelled)![0].length).trimStart();
  const piped = /^\|([^|]*)\|/.exec(rest);
  if (piped) {
    label = piped[1];
    rest = rest.slice(piped[0].length).trimStart();
  }
  return { link: { label: labelText(label), line, head, both: start !== '' && head !== 'none' }, rest };
}

const clipText = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
