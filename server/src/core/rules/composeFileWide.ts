import { entries } from '../documents/tree';
import { isSuppressed } from '../suppress';
import type { CheckedService } from './composeModel';
import type { Report, RuleContext } from './types';
import type { Location, ServiceNode } from '../workspace/model';
import { basename, dirname } from 'node:path';
import { isStackCopy, notADeployment, pathInWorkspace } from '../compose/stackCopies';

/** One service's finding, before it is known whether the file as a whole is the cause. */
export interface ServiceGap {
  service: CheckedService;
  report: Report;
}

const MAX_NAMED = 6;

/**
 * When no service of a compose file has a setting and several lack it, the file was written without it (often a
 * local or demo setup): one cause, so one finding on its `services` key that names them all, with the services as
 * related locations and a fix that adds the setting to each. When some services have it, each one lacking it is an
 * oversight of its own and keeps its finding.
 */
export function oneFindingWhenNoneSet(ctx: RuleContext, ruleId: string, all: ServiceGap[], anySet: boolean, message: (names: string) => string, fixTitle: string, relatedMessage = (g: ServiceGap) => `'${g.service.name}' has none`, has?: (s: ServiceNode) => boolean): Report[] {
  const key = entries(ctx.data).find((e) => e.key.text === 'services')?.key;
  // A service whose finding is suppressed by a comment above its name stays out of the file's finding too.
  const gaps = all.filter((g) => !isSuppressed(ctx.source.lines, ctx.source.lines.rangeOf(g.service.key.start, g.service.key.end).start.line, ruleId));
  if (anySet || gaps.length < 2 || !key) return withCopies(gaps);
  // Variants of this stack in other compose files of the folder, written without the setting too: one authoring
  // decision, reported once, in the base file (else the first in path order), naming them.
  const variants = has ? variantsWithout(ctx, gaps.map((g) => g.service.name), has) : [];
  if (variants.some((v) => reportedFirst(v.path, ctx.source.path))) return [];
  const names = gaps.map((g) => `'${g.service.name}'`);
  const listed = names.length > MAX_NAMED ? `${names.slice(0, MAX_NAMED - 1).join(', ')} and ${names.length - MAX_NAMED + 1} more` : names.join(', ');
  const shown = (v: { path: string }) => (dirname(v.path) === dirname(ctx.source.path) ? basename(v.path) : pathInWorkspace(v.path, ctx.model?.root));
  const named = variants.length ? `${listed}; the same in ${variants.map(shown).join(', ')}${variants.every((v) => dirname(v.path) === dirname(ctx.source.path)) ? ' beside it' : ''}` : listed;
  const edits = gaps.flatMap((g) => {
    const fix = typeof g.report.fix === 'function' ? g.report.fix() : g.report.fix;
    return fix?.edits ?? [];
  });
  return [
    {
      message: message(named),
      at: { start: key.start, end: key.end },
      related: [...gaps.map((g) => ({ at: { start: g.service.key.start, end: g.service.key.end }, message: relatedMessage(g) })), ...variants.map((v) => ({ path: v.path, range: v.range, message: 'a variant of this stack written the same way' }))],
      ...(edits.length && gaps.every((g) => g.report.fix) ? { fix: { title: fixTitle, edits } } : {}),
    },
  ];
}

/** Of two compose files of one folder, whether `a` holds a finding both have: the base file's name first, then path order. */
export function reportedFirst(a: string, b: string): boolean {
  const base = (p: string) => (/^(docker-)?compose\.ya?ml$/.test(basename(p)) ? 0 : 1);
  return base(a) !== base(b) ? base(a) < base(b) : a < b;
}

/**
 * Compose files of this file's folder that are projects of their own (variants run alone) of the same stack (the
 * services of one are all in the other), or copies of its stack in other folders, none of their services having the
 * setting: where each is, at its first service.
 */
function variantsWithout(ctx: RuleContext, names: string[], has: (s: ServiceNode) => boolean): { path: string; range: Location['range'] }[] {
  const model = ctx.model;
  if (!model) return [];
  const dir = dirname(ctx.source.path);
  const out: { path: string; range: Location['range'] }[] = [];
  for (const p of model.projects) {
    if (p.main === ctx.source.path || p.files.includes(ctx.source.path)) continue;
    // Beside it in its folder, or a copy of its stack kept in another folder (`docs/install/docker/*/docker-compose.yml`).
    if (dirname(p.main) !== dir && (!isStackCopy(model, ctx.source.path, p.main) || notADeployment(model, p.main) || notADeployment(model, ctx.source.path))) continue;
    const services = model.services.filter((s) => !s.origin && s.project === p.main);
    const own = new Set(services.map((s) => s.name));
    // One stack: the services of one file are all in the other (a variant adds a proxy, or leaves one out).
    const sameStack = names.every((n) => own.has(n)) || [...own].every((n) => names.includes(n));
    if (!services.length || !sameStack || services.some(has)) continue;
    const first = services.find((s) => s.location.path === p.main);
    if (first) out.push({ path: p.main, range: first.location.range });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Per service, a copy of a reported service (written the same) adds itself to the original's finding and fix. */
function withCopies(gaps: ServiceGap[]): Report[] {
  const byName = new Map(gaps.map((g) => [g.service.name, g]));
  return gaps
    .filter((g) => !(g.service.copyOf && byName.has(g.service.copyOf)))
    .map((g) => {
      const copies = (g.service.copies ?? []).map((n) => byName.get(n)).filter((c): c is ServiceGap => !!c);
      if (!copies.length) return g.report;
      const fixOf = (r: Report) => (typeof r.fix === 'function' ? r.fix() : r.fix);
      const fix = fixOf(g.report);
      const edits = copies.flatMap((c) => fixOf(c.report)?.edits ?? []);
      return {
        ...g.report,
        message: `${g.report.message}; the same holds for ${copies.map((c) => `'${c.service.name}'`).join(', ')}, written the same`,
        related: [...(g.report.related ?? []), ...copies.map((c) => ({ at: { start: c.service.key.start, end: c.service.key.end }, message: `'${c.service.name}' is written the same as '${g.service.name}'` }))],
        ...(fix ? { fix: { ...fix, edits: [...fix.edits, ...edits] } } : {}),
      };
    });
}
