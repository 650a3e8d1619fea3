import type { WorkspaceModel } from '../workspace/model';
import { acceptsRequests, callGraph, longestChain } from './system/graph';
import { byPath, perModel } from './system/perModel';
import type { Report, Rule } from './types';

const DEFAULT_MIN_SERVICES = 4;
const HOP_AVAILABILITY = 0.999;

/** 0.996006 -> "99.6", 0.994010 -> "99.4" */
const percent = (x: number) => (x * 100).toFixed(2).replace(/\.?0+$/, '');

/**
 * A request path that crosses `minServices` or more services synchronously (calls found in the environment,
 * config and code, never depends_on alone), from each entry service: one finding per entry service, on its
 * definition, for its longest chain; a chain whose hops another reported chain already holds is not repeated.
 */
export const deepCallChain: Rule = {
  id: 'deep-call-chain',
  kinds: ['compose', 'kubernetes'],
  defaultSeverity: 'information',
  title: 'A request crosses many services synchronously',
  description:
    'Each synchronous hop adds its latency and its failures: four services that are each up 99.9% of the time give a request path that is up 99.6% of the time, and the slowest hop sets the pace. Keep request paths short: answer from data the first service owns or caches, move work that need not finish before the response to events, or merge services that are always called together.',
  check(ctx) {
    const model = ctx.model;
    if (!model) return [];
    const min = ctx.options.thresholds?.['deep-call-chain']?.minServices ?? DEFAULT_MIN_SERVICES;
    return perModel(model, `deep-call-chain:${min}`, () => chains(model, min)).get(ctx.source.path) ?? [];
  },
};

/** The reports of every entry service's longest chain, by the path of the entry service's definition. */
function chains(model: WorkspaceModel, min: number): Map<string, Report[]> {
  const graph = callGraph(model);
  const byId = new Map(graph.services.map((s) => [s.id, s]));
  // Clients (load generators, jobs) call in but take no requests: the request path starts at what they call.
  const clients = new Set(graph.services.filter((s) => !graph.callers.has(s.id) && !acceptsRequests(s)).map((s) => s.id));
  const roots = graph.services.filter((s) => !clients.has(s.id) && ![...(graph.callers.get(s.id) ?? [])].some((c) => !clients.has(c)));
  const reported: string[][] = [];
  const out: { path: string; item: Report }[] = [];
  for (const root of [...roots].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const chain = longestChain(graph, root.id);
    const ids = [root.id, ...chain.map((e) => e.to)];
    if (ids.length < min) continue;
    const tail = ids.slice(1).join('>');
    if (reported.some((r) => `>${r.join('>')}>`.includes(`>${tail}>`))) continue;
    reported.push(ids);
    const names = ids.map((id) => byId.get(id)!.name);
    out.push({
      path: root.location.path,
      item: {
        message: `A request to ${names[0]} crosses ${ids.length} services synchronously: ${names.join(' -> ')}. Latencies add up and availabilities multiply: at ${percent(HOP_AVAILABILITY)}% each, the path is up ${percent(HOP_AVAILABILITY ** ids.length)}% of the time. Shorten it: answer from data ${names[0]} owns or caches, move work that can finish later to events, or merge services that are always called together.`,
        at: { start: root.location.start, end: root.location.end },
        related: chain.map((e) => ({ path: e.location.path, range: e.location.range, message: `${names[ids.indexOf(e.from)]} calls ${names[ids.indexOf(e.to)]} (${e.via})` })),
      },
    });
  }
  return byPath(out);
}
