/**
 * Puts findings on the map's nodes and edges: a finding in a deployment file belongs to the service defined
 * above it in that file, one in a service's folder to that service. The concerns that live on the system
 * (shared database, calls without breakers, single replica) are also drawn on the nodes and edges they concern.
 */
import { isAbsolute, relative } from 'node:path';
import { severityRank } from '../findings';
import type { ArchitectureGraph, GraphFinding, MapConcern, MapEdge, MapNode } from './graphTypes';
import type { WorkspaceModel } from './model';

export const MAX_NODE_FINDINGS = 50;

const CONCERNS: Record<string, string> = {
  'shared-database': 'shared database',
  'missing-circuit-breaker': 'calls without a circuit breaker',
  'single-replica': 'single replica',
};

export function attachFindings(graph: ArchitectureGraph, model: WorkspaceModel, findings: readonly GraphFinding[]): void {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const locate = nodeLocator(model, byId);
  const edgeAt = new Map<string, MapEdge>();
  for (const e of graph.edges) if (e.location) edgeAt.set(`${e.location.path}:${e.location.line}`, e);
  const rules = new Set<string>();
  for (const f of findings) {
    const n = locate(f.path, f.range.start.line);
    if (!n) {
      graph.elsewhere++;
      continue;
    }
    rules.add(f.ruleId);
    n.count++;
    if (n.findings.length < MAX_NODE_FINDINGS) n.findings.push({ ruleId: f.ruleId, severity: f.severity, message: f.message, location: { path: f.path, line: f.range.start.line, character: f.range.start.character } });
    if (!n.worst || severityRank(f.severity) < severityRank(n.worst)) n.worst = f.severity;
    const label = CONCERNS[f.ruleId];
    if (!label) continue;
    const concern = { ruleId: f.ruleId, label };
    addConcern(n.concerns, concern);
    // The connections a shared database is reached by; every call of a service without a breaker.
    for (const r of f.related ?? []) {
      const e = edgeAt.get(`${r.path}:${r.range.start.line}`);
      if (e) addConcern(e.concerns, concern);
    }
    if (f.ruleId === 'missing-circuit-breaker') {
      for (const e of graph.edges) if (e.from === n.id && e.kind === 'http' && byId.get(e.to)?.kind === 'service') addConcern(e.concerns, concern);
    }
  }
  graph.rules = [...rules].sort();
}

function addConcern(list: MapConcern[], c: MapConcern): void {
  if (!list.some((x) => x.ruleId === c.ruleId)) list.push(c);
}

/** Finds the node a finding at path:line belongs to (undefined: none). */
function nodeLocator(model: WorkspaceModel, byId: Map<string, MapNode>): (path: string, line: number) => MapNode | undefined {
  const keys = new Map<string, { line: number; id: string }[]>();
  const dirs: { dir: string; id: string }[] = [];
  for (const s of model.services) {
    if (!byId.has(s.id)) continue;
    for (const d of s.definitions.length ? s.definitions : [s.location]) {
      const list = keys.get(d.path) ?? [];
      list.push({ line: d.range.start.line, id: s.id });
      keys.set(d.path, list);
    }
    if (s.sourceDir) dirs.push({ dir: s.sourceDir, id: s.id });
  }
  for (const list of keys.values()) list.sort((a, b) => a.line - b.line);
  dirs.sort((a, b) => b.dir.length - a.dir.length);
  return (path, line) => {
    const list = keys.get(path);
    if (list) {
      let hit: string | undefined;
      for (const k of list) if (k.line <= line) hit = k.id;
      return byId.get(hit ?? list[0].id);
    }
    const owner = dirs.find((d) => isInside(d.dir, path));
    return owner && byId.get(owner.id);
  };
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
}
