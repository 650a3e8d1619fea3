import type { Node } from 'web-tree-sitter';

/** At most this many attempts make a loop a bounded one. */
const FEW_ATTEMPTS = 10;

/** Functions that run once at start-up: main, init..., setup..., connect..., waitFor..., must... */
const STARTUP_FUNCTION = /^_*(main|init\w*|setup\w*|start\w*|boot\w*|connect\w*|dial\w*|open\w*|wait\w*|must\w*|ensure\w*|new\w*(conn\w*|client|pool|db|database|broker|rabbit\w*|kafka\w*|redis\w*|mongo\w*))$/i;
const FUNCTION = /^(function_declaration|function_definition|method_declaration|method_definition|func_literal|function_expression|arrow_function|function|constructor_declaration)$/;

/** A clock read: a loop header that compares it ends at a deadline. */
const CLOCK = /\b(?:Date\.now|performance\.now|time\.(?:time|monotonic|perf_counter|Since|Until|Now)|System\.(?:currentTimeMillis|nanoTime)|Instant\.now)\b/;

/**
 * The bound of a loop: in its header (`range(5)`, `i < 5`, `range(max_retries)` with `max_retries = 5` in the file)
 * or a counter checked in its body that leaves it. Infinity: bounded by a count the file does not set; undefined: none.
 */
function literalBound(loop: Node): number | undefined {
  const header = loop.text.split(/\{|:\s*\n/)[0];
  // A deadline in the header (`while (Date.now() - startedAt < 30_000)`, `for time.Since(start) < timeout`): bounded in time.
  if (CLOCK.test(header)) return FEW_ATTEMPTS;
  const m = /range\(\s*(?:[\w.]+\s*,\s*)?([\w.]+)\s*\)|<=?\s*([\w.]+)\b/.exec(header);
  if (m) return countOf(m[1] ?? m[2], loop);
  if (/\brange\(/.test(header)) return Infinity; // range(len(items)): as many attempts as items
  // A count-down (`for attempts > 0 { ...; attempts-- }`): bounded by the value the counter starts from.
  const down = /\b([A-Za-z_]\w*)\s*>=?\s*0\b/.exec(header);
  if (down && new RegExp(`\\b${down[1]}\\s*(--|-=\\s*1\\b)`).test(loop.text)) {
    let root = loop;
    while (root.parent) root = root.parent;
    const start = new RegExp(`\\b${down[1]}\\s*(?::\\s*\\w+\\s*)?:?=\\s*([\\w.]+)`).exec(root.text);
    return start ? countOf(start[1], loop) : Infinity;
  }
  // A counter checked in the body that leaves the loop: `if counts > 5 { return nil, err }`, `if attempts >= 3: raise`.
  const exit = /\bif\s*\(?\s*[\w.]+\s*(?:>=?|==)\s*([\w.]+)\s*\)?\s*(?:\{|:)[^}]{0,300}?\b(?:return|break|raise|throw|panic|os\.Exit|log\.Fatal\w*|sys\.exit)\b/.exec(loop.text.slice(header.length));
  return exit ? countOf(exit[1], loop) : undefined;
}

/**
 * A count written as a number, or as a name the file sets to a number (`max_retries = 5`, `self.MAX_RETRIES: int = 3`,
 * a parameter's default), or a command-line option's default.
 */
function countOf(bound: string, loop: Node): number {
  if (/^\d+$/.test(bound)) return Number(bound);
  const name = bound.split('.').pop()!.replace(/[$]/g, '');
  let root = loop;
  while (root.parent) root = root.parent;
  const set = new RegExp(`(?:^|[^\\w.])(?:\\w+\\.)?${name}\\s*(?::\\s*\\w+\\s*)?:?=\\s*(\\d+)\\b`).exec(root.text);
  if (set) return Number(set[1]);
  // A command-line option's default (click or argparse: `"--retry-count", default=5` for `retry_count`).
  const option = new RegExp(`["']--${name.replace(/_/g, '[-_]')}["'][^)]{0,200}?\\bdefault\\s*=\\s*(\\d+)\\b`).exec(root.text);
  return option ? Number(option[1]) : Infinity;
}

/**
 * The name of the function holding a node, or undefined at the top level of a module. A closure a function keeps in a
 * local variable (`retry := func() error {...}`, `const retry = () => {...}`) is a helper it calls itself: the name is
 * the outer function's.
 */
function enclosingFunction(node: Node): string | undefined | null {
  for (let n = node.parent; n; n = n.parent) {
    if (!FUNCTION.test(n.type)) continue;
    if (localHelper(n) || promiseExecutor(n)) continue;
    const name = n.childForFieldName('name')?.text ?? (n.parent?.type === 'variable_declarator' ? n.parent.childForFieldName('name')?.text : undefined);
    return name ?? null; // null: an anonymous function, which could run at any time
  }
  return undefined;
}

/** The executor handed to `new Promise((resolve, reject) => {...})`: it runs at once, inside the function that makes the promise. */
function promiseExecutor(fn: Node): boolean {
  const args = fn.parent;
  const made = args?.type === 'arguments' ? args.parent : undefined;
  return made?.type === 'new_expression' && made.childForFieldName('constructor')?.text === 'Promise';
}

/** A closure bound to a local variable of another function (Go's `x := func`, JavaScript's `const x = () =>` in a body). */
function localHelper(fn: Node): boolean {
  if (!/^(func_literal|arrow_function|function_expression|function)$/.test(fn.type)) return false;
  let p = fn.parent;
  if (p?.type === 'expression_list') p = p.parent;
  if (p?.type !== 'short_var_declaration' && p?.type !== 'variable_declarator') return false;
  for (let n = p.parent; n; n = n.parent) if (FUNCTION.test(n.type)) return true;
  return false;
}

/**
 * A loop that tries a few times at start-up (waiting for a database, a profiler, a broker): a literal bound of at
 * most ten attempts, in main, an init/setup/connect/wait function, or at the top level of a script. Its retries
 * happen once per process start, so their timing matters little.
 */
export function isBoundedStartupLoop(loop: Node): boolean {
  const bound = literalBound(loop);
  if (bound === undefined) return false;
  const fn = enclosingFunction(loop);
  // A readiness check (`check_clickhouse_connections`, `wait_for_db`) polls until the dependency answers, for as many
  // attempts as its bound allows: the steady poll is its shape, before the process serves.
  if (typeof fn === 'string' && READINESS_FUNCTION.test(fn) && bound !== Infinity) return true;
  if (bound > FEW_ATTEMPTS) return false;
  return fn === undefined || (fn !== null && STARTUP_FUNCTION.test(fn));
}

/** Functions that wait until a dependency is reachable: `wait_for_db`, `awaitDbSchemaGeneration`, `check_clickhouse_connections`, `checkConnection`, `ensureBrokerReady`. */
const READINESS_FUNCTION = /^_*(wait_?for\w*|await_?[a-z]\w*|check\w*(conn|connections?|ready|readiness|alive|available)\w*|ensure\w*(conn\w*|ready|reachable))$/i;

/** Functions that release what the process holds when it stops: close..., stop..., shutdown..., retryCloseConsumer. */
const TEARDOWN_FUNCTION = /^_*(close\w*|stop\w*|shut_?down\w*|tear_?down\w*|dispose\w*|release\w*|cleanup\w*|\w*Close[A-Z]\w*)$/i;

/**
 * A loop that tries a few times to release a resource as the process or a component stops (closing a consumer,
 * shutting down a pool): a literal bound of at most ten attempts in a close/stop/shutdown function. It runs once per
 * stop, against a local client, not as a crowd against a recovering dependency.
 */
export function isBoundedTeardownLoop(loop: Node): boolean {
  const bound = literalBound(loop);
  if (bound === undefined || bound > FEW_ATTEMPTS) return false;
  const fn = enclosingFunction(loop);
  return typeof fn === 'string' && TEARDOWN_FUNCTION.test(fn);
}

/**
 * A loop with no literal bound in a start-up function (`ensure_db_conn`, `waitForBroker`): one process waiting for
 * what it needs before it serves. No crowd retries in step, but it never gives up, so the platform never restarts it.
 */
export function isUnboundedStartupWait(loop: Node): boolean {
  if (literalBound(loop) !== undefined) return false;
  const fn = enclosingFunction(loop);
  return typeof fn === 'string' && fn !== 'main' && STARTUP_FUNCTION.test(fn);
}

/**
 * A retry decorator on a start-up function (`@retry(stop=..., wait=...)` on `def init` or `def wait_for_db`): one
 * process waiting for what it needs before it serves, so a constant delay cannot make a retry storm.
 */
export function isStartupRetryDecorator(decoratorCall: Node): boolean {
  const decorated = decoratorCall.parent?.type === 'decorator' ? decoratorCall.parent.parent : undefined;
  if (decorated?.type !== 'decorated_definition') return false;
  const name = decorated.childForFieldName('definition')?.childForFieldName('name')?.text;
  return !!name && STARTUP_FUNCTION.test(name) && /\bstop\s*=/.test(decoratorCall.text);
}
