import { goTimeouts } from '../code/go/timeouts';
import { javaTimeouts } from '../code/java/timeouts';
import { jsTimeouts } from '../code/js/timeouts';
import { pythonTimeouts } from '../code/python/timeouts';
import { goDiscardedDeadlines, goGrpcDeadlines } from '../code/go/grpc';
import { javaClientTimeouts } from '../code/java/clients';
import { javaGrpcDeadlines } from '../code/java/grpc';
import { jsGrpcDeadlines } from '../code/js/grpc';
import { nestClientTimeouts } from '../code/js/nestClients';
import { pythonGrpcDeadlines } from '../code/python/grpc';
import { isBackendCode, outsideHookArguments } from '../code/common';
import type { Report, Rule, RuleContext } from './types';

type Check = (ctx: RuleContext) => Report[];
const all = (...checks: Check[]): Check => (ctx) => checks.flatMap((c) => c(ctx));

/** HTTP clients, gRPC stubs and deadlines thrown away, per language. */
const CHECKS: Record<string, Check> = {
  python: all(pythonTimeouts, pythonGrpcDeadlines),
  typescript: all(jsTimeouts, jsGrpcDeadlines, nestClientTimeouts),
  javascript: all(jsTimeouts, jsGrpcDeadlines, nestClientTimeouts),
  go: all(goTimeouts, goGrpcDeadlines, goDiscardedDeadlines),
  java: all(javaTimeouts, javaClientTimeouts, javaGrpcDeadlines),
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
    // Browser, phone, load-test and test code, and generated code, are not judged (code/scope.ts), nor code handed
    // to a React hook (code/componentHooks.ts).
    return !isBackendCode(ctx) ? [] : onePerCallKind(outsideHookArguments(ctx, CHECKS[ctx.source.kind]?.(ctx) ?? []));
  },
};

/**
 * Calls of one file that the same message describes (`axios.get() has no timeout: ...` five times, or `axios.post()`
 * once more), or clients it makes the same way, share one cause, the file's use of that client: one finding at the
 * first, the others as related locations, one fix for all.
 */
function onePerCallKind(reports: Report[]): Report[] {
  const byMessage = new Map<string, Report[]>();
  for (const r of reports) {
    // `requests.get()` and `requests.post()` of one file are one client's verbs: one cause, one fix.
    // So are the gRPC methods called through the file's stubs without a deadline (`stub.GetEntity()`, `stub.ApplyEntity()`).
    // Clients made the same way in several functions of one file (`client := &http.Client{}` in each) are one habit of the file.
    const key = `${r.severity ?? ''} ${r.message.replace(/^([\w$]+)\.(?:get|post|put|patch|delete|head|options|request|Get|Post|Head|PostForm)\(\)/, '$1.*()').replace(/^The gRPC call [\w$]+\(\)/, 'The gRPC call *()')}`;
    (byMessage.get(key) ?? byMessage.set(key, []).get(key)!).push(r);
  }
  return [...byMessage.values()].map(([first, ...rest]) => {
    if (!rest.length) return first;
    const fixOf = (r: Report) => (typeof r.fix === 'function' ? r.fix() : r.fix);
    // Built when asked for (a code action), as each call's own fix is: a file may hold hundreds of such calls.
    const whole = () => {
      const fixes = [first, ...rest].map(fixOf);
      return fixes.every((f) => f) ? { title: `${fixes[0]!.title} (each of the ${fixes.length} calls)`, edits: fixes.flatMap((f) => f!.edits) } : undefined;
    };
    const { fix: _each, ...base } = first;
    const what = first.related?.length ? 'client' : 'call';
    return {
      ...base,
      message: `${first.message} (${rest.length} more ${what}${rest.length === 1 ? '' : 's'} like it in this file)`,
      related: [...(first.related ?? []), ...rest.flatMap((r) => [{ at: r.at, message: `the same ${what} without a timeout` }, ...(r.related ?? [])])],
      ...([first, ...rest].every((r) => r.fix) ? { fix: whole } : {}),
    };
  });
}
