import { isStartupRetryDecorator } from './startupLoops';
import type { Report, RuleContext } from '../rules/types';
import { nodesOf, span } from './common';
import { enclosingPolicy, pollsOnResult, policyTiming } from './tenacityPolicies';
import { onePerRepeatedPolicy, type PolicyReport } from './repeatedPolicies';

/** Backoff that grows but has no jitter: a milder concern than a constant delay. */
export const JITTER_ONLY = 'information';

/** Retry libraries configured with fixed delays or without jitter: tenacity, axios-retry, p-retry, resilience4j. */
export function retryLibraries(ctx: RuleContext): Report[] {
  const text = ctx.source.text;
  const out: Report[] = [];
  const kind = ctx.source.kind;
  if (kind === 'python' && /tenacity/.test(text)) {
    const policies: PolicyReport[] = [];
    for (const call of nodesOf(ctx, 'call')) {
      const fn = call.childForFieldName('function')?.text ?? '';
      const name = fn.split('.').pop();
      if (name !== 'wait_fixed' && name !== 'wait_exponential') continue;
      const parentText = call.parent?.text ?? '';
      const policy = enclosingPolicy(call);
      // A policy that retries only on a returned value polls a condition at the caller's interval: no failure retry.
      if (policy && pollsOnResult(policy, text)) continue;
      const timing = policyTiming(policy, call);
      if (name === 'wait_fixed' && !/wait_random|wait_exponential_jitter/.test(parentText)) {
        const startup = !!policy && isStartupRetryDecorator(policy);
        policies.push({ timing, report: { message: `tenacity wait_fixed retries after a constant delay: no backoff and no jitter; use wait_random_exponential (or wait_exponential_jitter)${startup ? '. A hint only: this is a start-up wait of one process' : ''}`, at: span(call), ...(startup ? { severity: 'hint' as const } : {}) } });
      } else if (name === 'wait_exponential' && !/wait_random/.test(parentText)) {
        policies.push({ timing, report: {
          message: 'tenacity wait_exponential has no jitter: clients that failed together retry together; use wait_random_exponential',
          at: span(call),
          severity: JITTER_ONLY,
          fix: { title: 'Use wait_random_exponential', edits: [{ start: call.childForFieldName('function')!.endIndex - 'wait_exponential'.length, end: call.childForFieldName('function')!.endIndex, newText: 'wait_random_exponential' }] },
        } });
      }
    }
    out.push(...onePerRepeatedPolicy(policies));
  }
  if ((kind === 'typescript' || kind === 'javascript') && /axios-retry|p-retry/.test(text)) {
    for (const call of nodesOf(ctx, 'call_expression')) {
      const fn = call.childForFieldName('function')?.text ?? '';
      const args = call.childForFieldName('arguments');
      if (/^axiosRetry$|^axiosRetry\.default$/.test(fn)) {
        const opts = args?.namedChildren[1];
        if (opts?.type !== 'object') continue;
        const delay = opts.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text === 'retryDelay')?.childForFieldName('value');
        if (!delay) {
          if (/retries\s*:/.test(opts.text)) out.push({ message: 'axios-retry without retryDelay retries immediately: no backoff and no jitter; set retryDelay: axiosRetry.exponentialDelay', at: span(call.childForFieldName('function')!) });
        } else if (!/exponentialDelay|random|jitter|\*\*|pow/.test(delay.text)) {
          out.push({ message: 'axios-retry retryDelay is constant: no backoff and no jitter; use axiosRetry.exponentialDelay', at: span(delay), fix: { title: 'Use axiosRetry.exponentialDelay', edits: [{ ...span(delay), newText: 'axiosRetry.exponentialDelay' }] } });
        }
      }
      if (/^pRetry$/.test(fn)) {
        const opts = args?.namedChildren[1];
        if (opts?.type !== 'object') continue;
        const randomize = opts.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text === 'randomize')?.childForFieldName('value');
        const factor1 = /factor\s*:\s*1\b/.test(opts.text);
        if (randomize?.text === 'false' || factor1) {
          const missing = factor1 && randomize?.text === 'false' ? 'no backoff and no jitter' : factor1 ? 'no backoff' : 'no jitter';
          out.push({ message: `p-retry is configured with ${missing}: clients that failed together retry together`, at: span(randomize ?? opts), ...(missing === 'no jitter' ? { severity: JITTER_ONLY } : {}), ...(randomize && !factor1 ? { fix: { title: 'Set randomize: true', edits: [{ ...span(randomize), newText: 'true' }] } } : {}) });
        }
      }
    }
  }
  if (kind === 'java' && /resilience4j|RetryConfig|IntervalFunction/.test(text)) {
    for (const call of nodesOf(ctx, 'method_invocation')) {
      const name = call.childForFieldName('name')?.text;
      const obj = call.childForFieldName('object')?.text ?? '';
      if (name === 'waitDuration' && /RetryConfig/.test(obj) && !/intervalFunction|IntervalFunction/.test(text)) {
        out.push({ message: 'This resilience4j retry waits a fixed interval: no backoff and no jitter; use IntervalFunction.ofExponentialRandomBackoff', at: span(call) });
      } else if (obj === 'IntervalFunction' && (name === 'of' || name === 'ofExponentialBackoff')) {
        out.push({ message: `IntervalFunction.${name} has ${name === 'of' ? 'a fixed interval: no backoff and no jitter' : 'no jitter'}; use IntervalFunction.ofExponentialRandomBackoff`, at: span(call), ...(name === 'of' ? {} : { severity: JITTER_ONLY }) });
      }
    }
  }
  return out;
}
