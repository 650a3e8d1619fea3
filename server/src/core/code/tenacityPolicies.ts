import type { Node } from 'web-tree-sitter';

/** tenacity's policy builders (`@retry(...)`, `Retrying(...)`, `AsyncRetrying(...)`) and wrappers named for them. */
const POLICY = /retry/i;

/** The `retry(...)`/`Retrying(...)` call a wait strategy is an argument of, however deep (`wait=a if x else b`). */
export function enclosingPolicy(wait: Node): Node | undefined {
  for (let n = wait.parent; n && !/statement$|^(block|decorated_definition|module)$/.test(n.type); n = n.parent) {
    if (n.type === 'call' && POLICY.test(n.childForFieldName('function')?.text.split('.').pop() ?? '')) return n;
  }
  return undefined;
}

/** A keyword argument of a call (`retry=...`), or undefined. */
function keyword(call: Node, name: string): Node | undefined {
  const arg = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
  return arg?.childForFieldName('value') ?? undefined;
}

/** A result test: `retry_if_result(pred)`, `retry_if_not_result(pred)`. */
const RESULT_TEST = /^(?:tenacity\.)?retry_if_(?:not_)?result\(/;
/** A predicate that names a server failure (`r.status_code >= 500`, `in (429, 503)`): that result is a failure. */
const SERVER_FAILURE = /\b(?:5\d\d|429)\b/;

/** Whether an expression is only a result test: no exception test joined to it with `|` or `&`. */
const onlyResultTest = (expr: string) => RESULT_TEST.test(expr.trim()) && !/\)\s*[|&]/.test(expr) && !SERVER_FAILURE.test(expr);

/**
 * Whether a policy retries only on a returned value (`retry=retry_if_result(not_ready)`, directly or through a name
 * the file sets to such tests): it polls until a condition holds, with the caller's interval, and retries no failure.
 */
export function pollsOnResult(policy: Node, text: string): boolean {
  const condition = keyword(policy, 'retry');
  if (!condition) return false;
  if (condition.type !== 'identifier') return onlyResultTest(condition.text);
  const sets = [...text.matchAll(new RegExp(`(?:^|[^\\w.])${condition.text}\\s*(?::[^=\\n]*)?=(?!=)\\s*([^\\n]*)`, 'g'))];
  return sets.length > 0 && sets.every((s) => onlyResultTest(s[1]));
}

/**
 * A policy's timing, whitespace aside: its `stop=` and `wait=` arguments. Decorators that share it (the same
 * `@retry(stop=..., wait=...)` on every method of a client) are one cause with one fix.
 */
export function policyTiming(policy: Node | undefined, wait: Node): string {
  const parts = policy ? ['stop', 'wait'].map((k) => keyword(policy, k)?.text ?? '') : [wait.text];
  return parts.join('|').replace(/\s+/g, '');
}
