import { goTimeouts } from '../code/go/timeouts';
import { javaTimeouts } from '../code/java/timeouts';
import { jsTimeouts } from '../code/js/timeouts';
import { pythonTimeouts } from '../code/python/timeouts';
import { isBackendCode } from '../code/common';
import type { Report, Rule, RuleContext } from './types';

const CHECKS: Record<string, (ctx: RuleContext) => Report[]> = {
  python: pythonTimeouts,
  typescript: jsTimeouts,
  javascript: jsTimeouts,
  go: goTimeouts,
  java: javaTimeouts,
};

/** Outbound calls judged by their client's defaults; the per-language checks live in server/src/core/code/<lang>/timeouts.ts. */
export const missingTimeout: Rule = {
  id: 'missing-timeout',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'warning',
  title: 'An outbound call has no timeout',
  description:
    'Every external call needs a timeout. Without one, a slow or unreachable dependency holds the caller\'s worker forever, exhausting the pool and turning one failure into an outage. Pass an explicit timeout (and add retries with backoff and a circuit breaker).',
  check(ctx) {
    // Browser, phone, load-test and test code, and generated code, are not judged (code/scope.ts).
    return !isBackendCode(ctx) ? [] : (CHECKS[ctx.source.kind]?.(ctx) ?? []);
  },
};
