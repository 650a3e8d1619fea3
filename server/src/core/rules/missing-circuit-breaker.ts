import { relative } from 'node:path';
import { LIBRARY, languageOf } from '../code/breakers';
import { isBackendCode } from '../code/common';
import { unprotectedCalls } from '../workspace/outbound';
import type { Report, Rule } from './types';

const MAX_LISTED = 20;

/**
 * One finding per service whose code calls other services without a circuit breaker, on its first such call (path,
 * then offset). A call is protected inside a breaker (code/breakerScopes.ts) or when a service mesh ejects failing
 * endpoints of its host (Istio outlierDetection). A service with a breaker library is judged call by call when the
 * places it applies can be read, else not at all. The per-service summary is kept by the workspace index
 * (workspace/outbound.ts) and recomputed before a code file's rules run, so every file of the service agrees.
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
    const calls = s ? unprotectedCalls(s) : [];
    const first = calls[0];
    if (!s || !first || first.path !== ctx.source.path) return [];
    const targets = [...new Set(calls.flatMap((c) => c.target.split(', ')))];
    const library = LIBRARY[languageOf(first.path) ?? ''] ?? 'a circuit-breaker library';
    const count = calls.length === 1 ? 'a call' : `${calls.length} calls`;
    const list = `${targets.slice(0, 5).join(', ')}${targets.length > 5 ? ', ...' : ''}`;
    const message = s.breaker
      ? `Service ${s.service} uses ${s.breaker.library}, but ${count} to other services (${list}) ${calls.length === 1 ? 'runs' : 'run'} outside any circuit breaker: when one of them fails or slows down, every request waits on it and the failure spreads. Route ${calls.length === 1 ? 'it' : 'them'} through a breaker too.`
      : `Service ${s.service} makes ${count} to other services (${list}) without a circuit breaker: when one of them fails or slows down, every request waits on it and the failure spreads. Wrap them in a circuit breaker from ${library} that opens at, for example, 50% errors over 10 s and fails fast while open.`;
    const report: Report = {
      message,
      at: { start: first.start, end: first.end },
      related: calls.slice(0, MAX_LISTED).map((c) => ({
        path: c.path,
        range: c.range,
        message: `${c.label}() calls ${c.target}${c.path === first.path ? '' : ` (${relative(s.dir, c.path)})`}`,
      })),
    };
    if (calls.length > MAX_LISTED) report.related!.push({ path: first.path, range: first.range, message: `... and ${calls.length - MAX_LISTED} more calls` });
    return [report];
  },
};
