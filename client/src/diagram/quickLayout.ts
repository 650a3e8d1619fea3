/**
 * A light layered layout for graphs too big for dagre within the drawing budget: ranks by longest path (cycles
 * broken by depth-first order), order in each rank by a few barycenter sweeps, no dummy nodes; edges are curves
 * from the right side of one node to the left side of the other. Linear in nodes and edges per sweep.
 */
import type { GraphEdge, GraphNode, Layered } from './types';

const RANK_GAP = 110;
const ROW_GAP = 26;
const SWEEPS = 6;

/** Ranks: a node one right of everything that calls it; back edges of cycles do not count. */
export function ranksOf(ids: string[], out: Map<string, string[]>): Map<string, number> {
  const state = new Map<string, 1 | 2>();
  const back = new Set<string>();
  const order: string[] = [];
  const visit = (root: string) => {
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = (out.get(top[0]) ?? [])[top[1]++];
      if (next === undefined) {
        state.set(top[0], 2);
        order.push(top[0]);
        stack.pop();
      } else if (state.get(next) === 1) back.add(`${top[0]}\n${next}`);
      else if (!state.has(next)) {
        state.set(next, 1);
        stack.push([next, 0]);
      }
    }
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  const rank = new Map(ids.map((id) => [id, 0]));
  for (const v of order.reverse()) for (const w of out.get(v) ?? []) if (!back.has(`${v}\n${w}`)) rank.set(w, Math.max(rank.get(w)!, rank.get(v)! + 1));
  return rank;
}

export function quickLayout<N extends GraphNode, E extends GraphEdge>(nodes: N[], edges: E[], widthOf: (n: N) => number, height: number): Layered<N, E> {
  const ids = nodes.map((n) => n.id);
  const known = new Set(ids);
  const kept = edges.filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to);
  const out = new Map<string, string[]>();
  const neighbours = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of kept) {
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    neighbours.get(e.from)!.push(e.to);
    neighbours.get(e.to)!.push(e.from);
  }
  const rank = ranksOf(ids, out);
  const layers: string[][] = [];
  for (const id of ids) (layers[rank.get(id)!] ??= []).push(id);
  const pos = new Map<string, number>();
  const place = () => layers.forEach((layer) => layer?.forEach((id, i) => pos.set(id, i)));
  place();
  for (let s = 0; s < SWEEPS; s++) {
    const seq = s % 2 ? [...layers].reverse() : layers;
    for (const layer of seq) {
      if (!layer) continue;
      const score = new Map(layer.map((id) => {
        const ns = neighbours.get(id)!.filter((n) => rank.get(n) !== rank.get(id));
        return [id, ns.length ? ns.reduce((t, n) => t + pos.get(n)!, 0) / ns.length : pos.get(id)!];
      }));
      layer.sort((a, b) => score.get(a)! - score.get(b)!);
      layer.forEach((id, i) => pos.set(id, i));
    }
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const tallest = Math.max(0, ...layers.map((l) => l?.length ?? 0));
  const placed = new Map<string, Layered<N, E>['nodes'][number]>();
  let x = 20;
  for (const layer of layers) {
    if (!layer) continue;
    const width = Math.max(...layer.map((id) => widthOf(byId.get(id)!)));
    const offset = ((tallest - layer.length) * (height + ROW_GAP)) / 2;
    layer.forEach((id, i) => placed.set(id, { node: byId.get(id)!, x: x + width / 2, y: 20 + offset + i * (height + ROW_GAP) + height / 2, width: widthOf(byId.get(id)!), height }));
    x += width + RANK_GAP;
  }
  const laid = kept.map((edge) => {
    const a = placed.get(edge.from)!;
    const b = placed.get(edge.to)!;
    const start = { x: a.x + a.width / 2, y: a.y };
    const end = { x: b.x - b.width / 2, y: b.y };
    const bend = Math.max(40, Math.abs(end.x - start.x) / 3);
    const points = [start, { x: start.x + bend, y: start.y }, { x: end.x - bend, y: end.y }, end];
    return { edge, points, label: '', labelX: (start.x + end.x) / 2, labelY: (start.y + end.y) / 2 };
  });
  return { nodes: ids.map((id) => placed.get(id)!), edges: laid, width: x - RANK_GAP + 20, height: 40 + tallest * (height + ROW_GAP) };
}
