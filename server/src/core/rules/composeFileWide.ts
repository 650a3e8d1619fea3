import { entries } from '../documents/tree';
import { isSuppressed } from '../suppress';
import type { CheckedService } from './composeModel';
import type { Report, RuleContext } from './types';

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
export function oneFindingWhenNoneSet(ctx: RuleContext, ruleId: string, all: ServiceGap[], anySet: boolean, message: (names: string) => string, fixTitle: string, relatedMessage = (g: ServiceGap) => `'${g.service.name}' has none`): Report[] {
  const key = entries(ctx.data).find((e) => e.key.text === 'services')?.key;
  // A service whose finding is suppressed by a comment above its name stays out of the file's finding too.
  const gaps = all.filter((g) => !isSuppressed(ctx.source.lines, ctx.source.lines.rangeOf(g.service.key.start, g.service.key.end).start.line, ruleId));
  if (anySet || gaps.length < 2 || !key) return withCopies(gaps);
  const names = gaps.map((g) => `'${g.service.name}'`);
  const named = names.length > MAX_NAMED ? `${names.slice(0, MAX_NAMED - 1).join(', ')} and ${names.length - MAX_NAMED + 1} more` : names.join(', ');
  const edits = gaps.flatMap((g) => {
    const fix = typeof g.report.fix === 'function' ? g.report.fix() : g.report.fix;
    return fix?.edits ?? [];
  });
  return [
    {
      message: message(named),
      at: { start: key.start, end: key.end },
      related: gaps.map((g) => ({ at: { start: g.service.key.start, end: g.service.key.end }, message: relatedMessage(g) })),
      ...(edits.length && gaps.every((g) => g.report.fix) ? { fix: { title: fixTitle, edits } } : {}),
    },
  ];
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
