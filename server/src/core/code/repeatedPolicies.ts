import type { OffsetFix, Report } from '../rules/types';

/** A finding on a retry policy, with the policy's timing that says which copies are the same. */
export interface PolicyReport {
  report: Report;
  timing: string;
}

const fixOf = (r: Report): OffsetFix | undefined => (typeof r.fix === 'function' ? r.fix() : r.fix);

/**
 * One finding per policy a file repeats: the same `@retry(stop=..., wait=...)` copied onto every method of a client
 * is one cause, fixed by one shared policy. The finding sits at the first copy and lists the others as related
 * locations; its quick fix, when each copy has one, fixes them all.
 */
export function onePerRepeatedPolicy(found: PolicyReport[]): Report[] {
  const groups = new Map<string, Report[]>();
  for (const { report, timing } of found) {
    const key = `${report.severity ?? ''}\n${report.message}\n${timing}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(report);
  }
  return [...groups.values()].map(([first, ...copies]) => {
    if (!copies.length) return first;
    const all = [first, ...copies];
    const fixes = all.map(fixOf);
    const { fix: _one, ...base } = first;
    return {
      ...base,
      message: `${first.message} (the same policy ${copies.length === 1 ? 'once more' : `${copies.length} more times`} in this file)`,
      related: [...(first.related ?? []), ...copies.map((c) => ({ at: c.at, message: 'the same retry policy' }))],
      ...(fixes.every((f) => f) ? { fix: { title: `${fixes[0]!.title} (all ${all.length} copies)`, edits: fixes.flatMap((f) => f!.edits) } } : {}),
    };
  });
}
