import { retryLibraries } from '../code/retryLibraries';
import { retryLoops } from '../code/retries';
import { isBackendCode, outsideHookArguments } from '../code/common';
import type { Rule } from './types';

/** Retries that wait a constant delay or have no jitter; the message says which is missing. */
export const retryWithoutBackoff: Rule = {
  id: 'retry-without-backoff',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'warning',
  title: 'A retry waits a constant delay or has no jitter',
  description:
    'Retries need exponential backoff and jitter (for example 1 s, 2 s, 4 s, 8 s, randomized, then a dead-letter queue). A constant delay keeps the pressure on a failing dependency, and without jitter every client that failed together retries together, so the dependency cannot recover.',
  check(ctx) {
    return !isBackendCode(ctx) ? [] : outsideHookArguments(ctx, [...retryLoops(ctx), ...retryLibraries(ctx)]);
  },
};
