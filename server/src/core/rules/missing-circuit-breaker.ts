import { relative } from 'node:path';
import { LIBRARY, languageOf } from '../code/breakers';
import { isBackendCode } from '../code/common';
import type { Report, Rule } from './types';

const MAX_LISTED = 20;

/**
 * One finding per service whose code calls other services without a circuit breaker, on its first call (path,
 * then offset). The per-service summary (calls, breaker) is kept by the workspace index (workspace/outbound.ts)
 * and recomputed before a code file's rules run; this rule only reads it, so every file of the service agrees.
 */
export const missingCircuitBreaker: Rule = {
  id: 'missing-circuit-breaker',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'information',
  title: 'A service calls other services without a circuit breaker',
  description:
    'Every external dependency needs a circuit breaker for failure isolation: when a downstream service fails or slows down, the breaker opens (for example at 50% errors over 10 s) and calls fail fast instead of piling up and taking the caller down too. Wrap the calls to other services in a breaker library (opossum or cockatiel, pybreaker, sony/gobreaker, Resilience4j).',
  check(ctx) {
    if (!isBackendCode(ctx)) return [];
    const s = ctx.workspace.outbound?.of(ctx.source.path);
    const first = s?.calls[0];
    if (!s || s.breaker || !first || first.path !== ctx.source.path) return [];
    const targets = [...new Set(s.calls.flatMap((c) => c.target.split(', ')))];
    const library = LIBRARY[languageOf(first.path) ?? ''] ?? 'a circuit-breaker library';
    const count = s.calls.length === 1 ? 'a call' : `${s.calls.length} calls`;
    const report: Report = {
      message: `Service ${s.service} makes ${count} to other services (${targets.slice(0, 5).join(', ')}${targets.length > 5 ? ', ...' : ''}) without a circuit breaker: when one of them fails or slows down, every request waits on it and the failure spreads. Wrap them in a circuit breaker from ${library} that opens at, for example, 50% errors over 10 s and fails fast while open.`,
      at: { start: first.start, end: first.end },
      related: s.calls.slice(0, MAX_LISTED).map((c) => ({
        path: c.path,
        range: c.range,
        message: `${c.label}() calls ${c.target}${c.path === first.path ? '' : ` (${relative(s.dir, c.path)})`}`,
      })),
    };
    if (s.calls.length > MAX_LISTED) report.related!.push({ path: first.path, range: first.range, message: `... and ${s.calls.length - MAX_LISTED} more calls` });
    return [report];
  },
};
