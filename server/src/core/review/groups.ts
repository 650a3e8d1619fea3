/** Findings grouped by root cause (one rule and severity), each with the services it lands on, and the top risks. */
import { sep } from 'node:path';
import { ANALYSIS_RULES, severityRank, type Finding } from '../findings';
import { getRule } from '../rules/index';
import type { WorkspaceModel } from '../workspace/model';
import { dependentsOf } from './graph';
import type { FindingGroup, Risk } from './types';

/** Findings about the analysis itself (a file not read, a parse error): the document lists them as blind spots. */
export { ANALYSIS_RULES };

/**
 * Finds the services a finding is about: the one whose definition block in a compose file or manifest holds it, those
 * its related locations point at (a finding on a whole file), or the one whose code folder holds it.
 */
export function serviceLocator(model: WorkspaceModel): (f: Finding) => string[] {
  const starts = new Map<string, { line: number; id: string }[]>();
  for (const s of model.services) {
    for (const d of [s.location, ...s.definitions]) {
      const list = starts.get(d.path) ?? [];
      if (!list.some((x) => x.id === s.id && x.line === d.range.start.line)) list.push({ line: d.range.start.line, id: s.id });
      starts.set(d.path, list);
    }
  }
  for (const list of starts.values()) list.sort((a, b) => a.line - b.line);
  const dirs = model.services.filter((s) => s.sourceDir).map((s) => ({ dir: s.sourceDir! + sep, id: s.id })).sort((a, b) => b.dir.length - a.dir.length);
  const ids = new Set(model.services.map((s) => s.id));
  const at = (path: string, line: number) => {
    let found: string | undefined;
    for (const x of starts.get(path) ?? []) if (x.line <= line) found = x.id;
    return found;
  };
  return (f) => {
    const found = at(f.path, f.range.start.line);
    if (found) return [found];
    // A finding on a whole compose file (its `services:` key) is about the services it lists as related locations.
    const listed = [...new Set((f.related ?? []).map((r) => at(r.path ?? f.path, r.range.start.line)).filter((id): id is string => !!id))];
    if (listed.length) return listed;
    const owner = dirs.find((d) => f.path.startsWith(d.dir));
    if (owner) return [owner.id];
    // A finding that names one service of the model in quotes ('orders') is about it.
    const named = [...f.message.matchAll(/'([^']+)'/g)].map((m) => m[1]).find((n) => ids.has(n));
    return named ? [named] : [];
  };
}

export function groupFindings(findings: Finding[], model: WorkspaceModel): FindingGroup[] {
  const locate = serviceLocator(model);
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    if (ANALYSIS_RULES.has(f.ruleId)) continue;
    const key = `${f.ruleId}\n${f.severity}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ruleId: f.ruleId, severity: f.severity, title: getRule(f.ruleId)?.title ?? f.ruleId, findings: [], services: [] }));
    g.findings.push(f);
    for (const service of locate(f)) if (!g.services.includes(service)) g.services.push(service);
  }
  return [...groups.values()].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.findings.length - a.findings.length || (a.ruleId < b.ruleId ? -1 : 1));
}

/** Groups ranked by severity, then by how many services depend on the ones they land on, then by size. */
export function topRisks(groups: FindingGroup[], model: WorkspaceModel, limit = 10): Risk[] {
  const dependents = dependentsOf(model);
  const risks = groups
    .filter((g) => g.severity === 'error' || g.severity === 'warning')
    .map((group) => {
      const all = new Set<string>();
      for (const s of group.services) for (const d of dependents.get(s) ?? []) if (!group.services.includes(d)) all.add(d);
      return { group, dependents: [...all].sort() };
    });
  risks.sort((a, b) => severityRank(a.group.severity) - severityRank(b.group.severity) || b.dependents.length - a.dependents.length || b.group.services.length - a.group.services.length || b.group.findings.length - a.group.findings.length);
  return risks.slice(0, limit);
}
