/** The model as a graph for the review: one arrow per connection (labelled by kind), and who depends on whom. */
import type { ServiceNode, WorkspaceModel } from '../workspace/model';

export type ArrowKind = 'http' | 'database' | 'cache' | 'queue' | 'depends on';

export interface Arrow {
  from: string;
  to: string;
  kind: ArrowKind;
  /** The database named on the arrow, if any. */
  database?: string;
}

export function arrowKind(target: ServiceNode | undefined, source: string): ArrowKind {
  const category = target?.datastore?.category;
  if (category === 'cache') return 'cache';
  if (category === 'broker') return 'queue';
  if (category) return 'database';
  return source === 'depends_on' ? 'depends on' : 'http';
}

/** Connections without repeats; a `depends_on` is kept only when nothing else links the same two services. */
export function arrows(model: WorkspaceModel): Arrow[] {
  const byId = new Map(model.services.map((s) => [s.id, s]));
  const linked = new Set(model.edges.filter((e) => e.source !== 'depends_on').map((e) => `${e.from}>${e.to}`));
  const seen = new Set<string>();
  const out: Arrow[] = [];
  for (const e of model.edges) {
    if (e.source === 'depends_on' && linked.has(`${e.from}>${e.to}`)) continue;
    const key = `${e.from}>${e.to}>${e.database ?? ''}`;
    if (seen.has(key) || !byId.has(e.from) || !byId.has(e.to)) continue;
    seen.add(key);
    out.push({ from: e.from, to: e.to, kind: arrowKind(byId.get(e.to), e.source), ...(e.database ? { database: e.database } : {}) });
  }
  return out;
}

/** For each service, the services that reach it by following arrows (its blast radius), cycles included once. */
export function dependentsOf(model: WorkspaceModel): Map<string, Set<string>> {
  const callers = new Map<string, string[]>();
  for (const a of arrows(model)) callers.set(a.to, [...(callers.get(a.to) ?? []), a.from]);
  const out = new Map<string, Set<string>>();
  for (const s of model.services) {
    const seen = new Set<string>();
    const stack = [...(callers.get(s.id) ?? [])];
    while (stack.length) {
      const c = stack.pop()!;
      if (c === s.id || seen.has(c)) continue;
      seen.add(c);
      stack.push(...(callers.get(c) ?? []));
    }
    out.set(s.id, seen);
  }
  return out;
}
