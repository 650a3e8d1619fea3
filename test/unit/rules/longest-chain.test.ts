import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { longestChain, type CallGraph } from '../../../server/src/core/rules/system/graph';
import type { Edge } from '../../../server/src/core/workspace/model';

/** A call graph with the given calls (from, to), in that order. */
function graphOf(calls: [number, number][]): CallGraph {
  const g: CallGraph = { services: [], calls: new Map(), callers: new Map() };
  for (const [a, b] of calls) {
    const e = { from: `s${a}`, to: `s${b}`, source: 'environment', via: `S${b}_URL` } as unknown as Edge;
    (g.calls.get(e.from) ?? g.calls.set(e.from, []).get(e.from)!).push(e);
    (g.callers.get(e.to) ?? g.callers.set(e.to, new Set()).get(e.to)!).add(e.from);
  }
  return g;
}

/** Every simple path from `root`, in depth-first order by edge order: the first of the longest is the expected answer. */
function bruteForce(g: CallGraph, root: string): string[] {
  let best: Edge[] = [];
  const walk = (at: string, path: Edge[], seen: Set<string>) => {
    if (path.length > best.length) best = path;
    for (const e of g.calls.get(at) ?? []) if (!seen.has(e.to)) walk(e.to, [...path, e], new Set([...seen, e.to]));
  };
  walk(root, [], new Set([root]));
  return best.map((e) => `${e.from}>${e.to}`);
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('longestChain', () => {
  it('gives the first longest path by edge order, with and without cycles, as an exhaustive search does (300 random graphs)', () => {
    const next = random(7);
    let withCycles = 0;
    for (let round = 0; round < 300; round++) {
      const n = 2 + Math.floor(next() * 9);
      const calls: [number, number][] = [];
      const acyclic = round % 2 === 0;
      for (let k = 0; k < n * 2; k++) {
        const a = Math.floor(next() * n);
        const b = Math.floor(next() * n);
        if (a === b || (acyclic && a > b) || calls.some(([x, y]) => x === a && y === b)) continue;
        calls.push([a, b]);
      }
      if (!acyclic && calls.some(([a, b]) => a > b)) withCycles++;
      const g = graphOf(calls);
      for (let r = 0; r < n; r++) assert.deepEqual(longestChain(g, `s${r}`).map((e) => `${e.from}>${e.to}`), bruteForce(g, `s${r}`), `round ${round}, root s${r}: ${JSON.stringify(calls)}`);
    }
    assert.ok(withCycles > 50, `only ${withCycles} graphs had a back edge`);
  });

  it('follows a chain of 2,000 services without cycles', () => {
    const g = graphOf(Array.from({ length: 1999 }, (_, i) => [i, i + 1] as [number, number]));
    assert.equal(longestChain(g, 's0').length, 1999);
  });
});
