import { retryLibraries } from '../code/retryLibraries';
import { retryLoops } from '../code/retries';
import { isBackendCode, outsideHookArguments } from '../code/common';
import type { Report, Rule } from './types';

/** Retries that wait a constant delay or have no jitter; the message says which is missing. */
export const retryWithoutBackoff: Rule = {
  id: 'retry-without-backoff',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'warning',
  title: 'A retry waits a constant delay or has no jitter',
  description:
    'Retries need exponential backoff and jitter (for example 1 s, 2 s, 4 s, 8 s, randomized, then a dead-letter queue). A constant delay keeps the pressure on a failing dependency, and without jitter every client that failed together retries together, so the dependency cannot recover.',
  check(ctx) {
    return !isBackendCode(ctx) ? [] : outsideHookArguments(ctx, [...onePerShape(retryLoops(ctx)), ...retryLibraries(ctx)]);
  },
};

/**
 * Retry loops (not library policies, grouped by their own copies) of one file that the same message describes (the same constant delay, the same `base * 2 ** attempt`
 * without jitter, in each method of a connection class) are one habit of the file: one finding at the first, the
 * others as related locations; one shared retry helper fixes them all.
 */
function onePerShape(reports: Report[]): Report[] {
  const byMessage = new Map<string, Report[]>();
  for (const r of reports) {
    const key = `${r.severity ?? ''} ${r.message}`;
    (byMessage.get(key) ?? byMessage.set(key, []).get(key)!).push(r);
  }
  return [...byMessage.values()].map(([first, ...rest]) => {
    if (!rest.length) return first;
    const { fix: _one, ...base } = first;
    return {
      ...base,
      message: `${first.message} (${rest.length} more retr${rest.length === 1 ? 'y' : 'ies'} like it in this file)`,
      related: [...(first.related ?? []), ...rest.flatMap((r) => [{ at: r.at, message: 'the same retry' }, ...(r.related ?? [])])],
    };
  });
}
