import type { Node } from 'web-tree-sitter';
import type { OffsetEdit, Report, RuleContext } from '../rules/types';
import { nodesOf, span } from './common';
import { JITTER_ONLY } from './retryLibraries';
import { isDelayLadder } from './delayLadders';
import { jitteredByHelper } from './jitteredHelpers';
import { isBoundedStartupLoop, isBoundedTeardownLoop, isUnboundedStartupWait } from './startupLoops';

interface Lang {
  loops: string[];
  /** Evidence that the loop retries something that fails. */
  retries: (loop: Node) => boolean;
  sleep: RegExp;
  call: string;
  /** Index of the delay among the sleep call's arguments. */
  delayArg: (fn: string) => number;
}

const TRY = (loop: Node) => loop.descendantsOfType('try_statement').length > 0;
const LANGS: Record<string, Lang> = {
  python: { loops: ['for_statement', 'while_statement'], retries: TRY, sleep: /^(time\.sleep|asyncio\.sleep|sleep)$/, call: 'call', delayArg: () => 0 },
  typescript: { loops: ['for_statement', 'for_in_statement', 'while_statement', 'do_statement'], retries: TRY, sleep: /^(sleep|delay|wait|setTimeout|setTimeoutPromise)$/, call: 'call_expression', delayArg: (f) => (f === 'setTimeout' ? 1 : 0) },
  go: { loops: ['for_statement'], retries: (l) => /\berr\s*!=\s*nil\b|\berr\s*==\s*nil\s*\{\s*(return|break)\b|StatusCode\s*>=?\s*5|resp\.StatusCode/.test(l.text), sleep: /^time\.Sleep$/, call: 'call_expression', delayArg: () => 0 },
  java: { loops: ['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement'], retries: TRY, sleep: /^(Thread\.sleep|TimeUnit\.\w+\.sleep)$/, call: 'method_invocation', delayArg: () => 0 },
};
LANGS.javascript = LANGS.typescript;

const JITTER = /random|rand\.|uniform|jitter|ThreadLocalRandom/i;
const BACKOFF = /\*\*|<<|pow\(|backoff|exponential|attempt|retry|retries|tries|\bi\b|\bn\b|\bk\b/i;
/** A name that counts attempts: a delay equal to it grows with each one. */
const COUNTER_NAME = /^(attempts?|attempt_?(no|num|number|count)|retries|retry|retry_?count|num_?retries|tries|try_?count|i|n|k)$/i;
const TIME_UNIT = /^time\.(Nanosecond|Microsecond|Millisecond|Second|Minute|Hour)$/;
/** A zero delay (`asyncio.sleep(0)`, `time.Sleep(0)`, `setTimeout(r, 0)`) yields to other tasks; it does not wait. */
const YIELD = /^0*(\.0*)?([eE]\d+)?[lL]?(\s*\*\s*time\.\w+)?$/;

/** The delay argument of a sleep call, or undefined. */
function delayOf(call: Node, lang: Lang): Node | undefined {
  return call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment')[lang.delayArg(sleepCallName(call))];
}

/**
 * A delay written with names the file sets once to a number and never changes (Go's `const _backOffSeconds = 2`,
 * `delay = 5`), times a unit: `_backOffSeconds * time.Second` waits the same each time, whatever the name says.
 */
function constantExpression(d: string, text: string, known: Map<string, boolean>): boolean {
  if (!/^[\w.\s*()+]+$/.test(d)) return false;
  const names = d.match(/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/g) ?? [];
  return names.length > 0 && names.some((n) => !TIME_UNIT.test(n)) && names.every((n) => {
    if (TIME_UNIT.test(n)) return true;
    let once = known.get(n);
    if (once === undefined) known.set(n, (once = setOnceToNumber(n, text)));
    return once;
  });
}

function setOnceToNumber(name: string, text: string): boolean {
  if (name.includes('.')) return false;
  const e = name.replace(/\$/g, '\\$');
  const sets = [...text.matchAll(new RegExp(`(?:^|[^\\w.])${e}\\s*(?::\\s*[\\w.]+\\s*)?(?::=|=(?!=))\\s*([^\\n;]*)`, 'g'))];
  return sets.length === 1 && /^[\d_.]+(\s*\*\s*time\.\w+)?\s*(\/\/.*|#.*)?$/.test(sets[0][1].trim()) && !new RegExp(`\\b${e}\\s*(\\*=|\\+=|<<=|-=|\\+\\+)`).test(text);
}

const CONSTANT = /^[\d_.]+(e\d+)?(\s*\*\s*([\d_.]+|time\.(Second|Millisecond|Microsecond|Minute)|[A-Z][A-Z0-9_]*))?$|^time\.(Second|Millisecond|Minute)$|^[A-Z][A-Z0-9_]*$/;

/**
 * Whether a delay variable grows in the loop: `d *= 2`, `d <<= 1`, `d += step`, `d = d * 2`, `d = min(d * 2, cap)`,
 * or `d := base * attempt` (from the counter or a backoff word), or set from a name that grows that way.
 */
function grows(loop: Node, d: string, counter: string | undefined, depth = 0): boolean {
  const re = new RegExp(`\\b${d}\\s*(\\*=|<<=|\\+=|:=|=(?!=))\\s*([^;]{1,400})`, 'g');
  // `d * 2`, `2 * d`, and through a conversion (`time.Duration(float64(d) * factor)`).
  const fromItself = new RegExp(`\\b${d}\\b\\)*\\s*(\\*|\\+|<<)|(\\*|\\+)\\s*(?:[\\w.]+\\()*${d}\\b`);
  for (const m of loop.text.matchAll(re)) {
    if (m[1] !== ':=' && m[1] !== '=') return true;
    if (BACKOFF.test(m[2]) || fromItself.test(m[2]) || (counter && new RegExp(`\\b${counter}\\b`).test(m[2]))) return true;
    // Computed from a name that grows (`delay = min(current + jitter, cap)` with `current *= factor`): one step followed.
    if (depth === 0 && [...new Set(m[2].match(/\b[A-Za-z_]\w*\b/g) ?? [])].some((n) => n !== d && n.length > 2 && grows(loop, n, counter, 1))) return true;
  }
  return false;
}

const FAILURE = /\berr\b|error|fail|status|StatusCode|\b5\d\d\b|429|TooMany|!\s*ok\b|not\s+ok\b|exception/i;

/**
 * Whether a sleep in a loop waits between attempts of something that failed: it sits in an except/catch clause or
 * under an `if` that tests an error or a status, or the loop speaks of retries. Polling and UI timers do not count.
 */
function retryContext(sleep: Node, loop: Node): boolean {
  if (/retr(y|ies)|attempt|tries|backoff/i.test(loop.text)) return true;
  for (let n = sleep.parent; n && !n.equals(loop); n = n.parent) {
    if (n.type === 'except_clause' || n.type === 'catch_clause') return true;
    if (n.type === 'if_statement' && FAILURE.test(n.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

/**
 * Whether the loop leaves on a failure: every one of its catch/except clauses ends by throwing, breaking or returning
 * (`catch (e) { if (limited) break; throw e; }`), with no `continue`. No failure leads to another attempt: a wait in it
 * paces the work or delays a clean-up, it does not space retries.
 */
function leavesOnFailure(loop: Node): boolean {
  const clauses = [...loop.descendantsOfType('catch_clause'), ...loop.descendantsOfType('except_clause')].filter((c): c is Node => !!c);
  if (!clauses.length) return false;
  return clauses.every((c) => {
    const body = c.childForFieldName('body') ?? c.namedChildren.filter((x): x is Node => !!x).at(-1);
    const last = body?.namedChildren.filter((x): x is Node => !!x && x.type !== 'comment').at(-1);
    return !!last && /^(throw_statement|raise_statement|break_statement|return_statement)$/.test(last.type) && !/\bcontinue\b/.test(body!.text);
  });
}

/** A page cursor moved forward (`iterator = page.Iterator`, `cursor = resp.next_cursor`, `pageToken = ...`). */
const NEXT_PAGE = /\b\w*(iterator|cursor|page_?token|pagetoken|next_?page|nextpage|continuation(_?token)?|marker)\w*\s*(=|:=)(?!=)/i;

/**
 * Whether the wait sits beside a move to the next page (in the block that holds it, up to the loop): the loop pages
 * through a listing at a pace, after a success, and does not retry a failure.
 */
function pacesPages(sleep: Node, loop: Node): boolean {
  for (let n = sleep.parent; n && !n.equals(loop); n = n.parent) {
    if (n.type === 'except_clause' || n.type === 'catch_clause') return false;
    if (/block|statement_list|compound_statement|consequence/.test(n.type) && NEXT_PAGE.test(n.text)) return true;
  }
  return false;
}

/** A read that found nothing: no row yet, not found (`pgx.ErrNoRows`, `sql.ErrNoRows`, `DoesNotExist`, a 404). */
const NOT_FOUND = /\b(ErrNoRows|ErrNotFound|NotFound(Error|Exception)?|DoesNotExist|NoResultFound|StatusNotFound|HTTP_404_NOT_FOUND)\b|\bstatus(_?code)?\s*===?\s*404\b/;

/**
 * Whether the wait runs only when a read found nothing yet (`if errors.Is(err, pgx.ErrNoRows) { sleep }`, `except
 * DoesNotExist: sleep`): it waits for data another writer is adding, not for a failing dependency.
 */
function waitsForData(sleep: Node, loop: Node): boolean {
  for (let n = sleep.parent; n && !n.equals(loop); n = n.parent) {
    const condition = n.type === 'if_statement' ? (n.childForFieldName('condition')?.text ?? '') : '';
    if (NOT_FOUND.test(condition)) return true;
    // The read returned nothing (`wr == nil || wr.Run == nil`, `row is None`), with no error in the condition.
    if (/\b[a-z_]\w*(\.\w+)*\s*==\s*nil\b|\bis None\b/i.test(condition) && !/\berr(or)?\b|exception/i.test(condition)) return true;
    if ((n.type === 'except_clause' || n.type === 'catch_clause') && NOT_FOUND.test(n.text.split(/[:{]/)[0])) return true;
  }
  return false;
}

/** Signing a URL (`generate_presigned_url`, `PresignGetObject`, `generate_signed_url`) is local work: retrying it loads no dependency. */
const SIGNS_LOCALLY = /\b(generate_presigned_url|presigned_(get|put)_object|get_presigned_url|generate_signed_url|Presign\w*Object|getSignedUrl)\b/;

/** A loop that checks a job's progress (`status == "running"`, `switch resp.State { case "done": ... }`): it polls at an interval, it does not retry a failure. */
const POLLS = /\b(status|state|phase)\b[^\n]{0,60}?(==|!=|===|!==|\bin\b|equals\()\s*[\[({]?\s*[\w.]*?['"]?(running|pending|processing|in_progress|queued|started|waiting|completed|complete|done|finished|succeeded)\b|\bswitch\b[^\n{]{0,80}\b(status|state|phase)\b[^\n{]*\{[\s\S]{0,600}?\bcase\s+['"](running|pending|processing|in_progress|queued|done|completed|finished|succeeded)['"]/i;

const inHandler = (n: Node, loop: Node) => {
  for (let p = n.parent; p && !p.equals(loop); p = p.parent) if (p.type === 'except_clause' || p.type === 'catch_clause') return true;
  return false;
};

/**
 * Whether the loop also sleeps on its way through when nothing failed, and never leaves on a success (no return
 * or break outside its error handlers): it runs on a schedule, it does not retry.
 */
function sleepsOnSchedule(loop: Node, sleeps: Node[]): boolean {
  if (loop.descendantsOfType(['return_statement', 'break_statement']).some((n) => n && !inHandler(n, loop))) return false;
  return sleeps.some((sleep) => {
    for (let n = sleep.parent; n && !n.equals(loop); n = n.parent) {
      if (n.type === 'except_clause' || n.type === 'catch_clause' || n.type === 'if_statement' || n.type === 'else_clause' || n.type === 'elif_clause') return false;
    }
    return true;
  });
}

/** A loop's text without the bodies of the closures written inside it. */
function withoutClosures(loop: Node): string {
  const closures = loop.descendantsOfType(['func_literal', 'arrow_function', 'function_expression', 'lambda', 'lambda_expression']).filter((n): n is Node => !!n);
  if (!closures.length) return loop.text;
  let out = '';
  let at = loop.startIndex;
  for (const c of closures.sort((a, b) => a.startIndex - b.startIndex)) {
    if (c.startIndex < at) continue; // nested in one already left out
    out += loop.text.slice(at - loop.startIndex, c.startIndex - loop.startIndex);
    at = c.endIndex;
  }
  return out + loop.text.slice(at - loop.startIndex);
}

/** Code with its one-line string literals emptied. */
const withoutStrings = (code: string) => code.replace(/(["'`])(?:\\.|(?!\1)[^\\\n])*\1/g, '""');

/** The loop variable of `for x in range(...)`, `for (let x = 0; ...)`, `for x := 0; ...`. */
function loopVar(loop: Node, kind: string): string | undefined {
  if (kind === 'python') return loop.type === 'for_statement' && loop.childForFieldName('left')?.type === 'identifier' && /^range\(/.test(loop.childForFieldName('right')?.text ?? '') ? loop.childForFieldName('left')!.text : undefined;
  const m = kind === 'go' ? /^for\s+(\w+)\s*:=\s*\d/.exec(loop.text) : /^for\s*\(\s*(?:let|var)\s+(\w+)\s*=\s*\d/.exec(loop.text);
  return m?.[1];
}

/** A number, or a name set to one before the loop (`maxAttempts := 2`, a module's `ATTEMPT_TIME = 2`). */
function boundValue(bound: string, loop: Node, text: string): number | undefined {
  if (/^\d+$/.test(bound)) return Number(bound);
  if (!/^[A-Za-z_]\w*$/.test(bound)) return undefined;
  const values = [...text.slice(0, loop.startIndex).matchAll(new RegExp(`(?:^|[^\\w.])${bound}\\s*:?=(?!=)\\s*(\\d+)\\b`, 'gm'))].map((v) => v[1]);
  return new Set(values).size === 1 ? Number(values[0]) : undefined;
}

/**
 * How many times a counted loop runs (`for attempt in range(2)`, `range(ATTEMPTS)` with `ATTEMPTS = 2`,
 * `for (let i = 0; i < 2; i++)`, `for i := 0; i < maxAttempts; i++` with `maxAttempts := 2`), when its bound is known.
 */
function attemptCount(loop: Node, kind: string, text: string): number | undefined {
  if (kind === 'python') {
    const r = /^range\(\s*(?:(\w+)\s*,\s*)?(\w+)\s*\)$/.exec(loop.childForFieldName('right')?.text ?? '');
    if (!r) return undefined;
    const [from, to] = [r[1] === undefined ? 0 : boundValue(r[1], loop, text), boundValue(r[2], loop, text)];
    return from === undefined || to === undefined ? undefined : to - from;
  }
  const m = /^for\s*\(?\s*(?:(?:let|var)\s+)?(\w+)\s*:?=\s*(\d+)\s*;\s*\1\s*(<=?)\s*(\w+)\s*;/.exec(loop.text);
  if (!m) return undefined;
  const to = boundValue(m[4], loop, text);
  return to !== undefined ? to - Number(m[2]) + (m[3] === '<=' ? 1 : 0) : undefined;
}

function sleepCallName(call: Node): string {
  return (call.type === 'method_invocation' ? `${call.childForFieldName('object')?.text}.${call.childForFieldName('name')?.text}` : call.childForFieldName('function')?.text) ?? '';
}

function fixFor(ctx: RuleContext, kind: string, delay: Node, v: string): OffsetEdit[] | undefined {
  const eol = ctx.source.lines.eol;
  const text = ctx.source.text;
  if (kind === 'python') {
    const imp: OffsetEdit[] = /^import random\b/m.test(text) ? [] : [{ start: 0, end: 0, newText: `import random${eol}` }];
    return [{ ...span(delay), newText: `random.uniform(0, ${delay.text} * 2 ** ${v})` }, ...imp];
  }
  if (kind === 'typescript' || kind === 'javascript') return [{ ...span(delay), newText: `Math.random() * ${delay.text} * 2 ** ${v}` }];
  if (kind === 'go') {
    if (!/"math\/rand"/.test(text)) {
      const open = nodesOf(ctx, 'import_spec_list')[0]?.children.find((c) => c?.type === '(');
      if (!open) return undefined;
      return [{ ...span(delay), newText: `time.Duration(rand.Int63n(int64(${delay.text}) << ${v}))` }, { start: open.endIndex, end: open.endIndex, newText: `${eol}\t"math/rand"` }];
    }
    return [{ ...span(delay), newText: `time.Duration(rand.Int63n(int64(${delay.text}) << ${v}))` }];
  }
  return undefined;
}

/**
 * Retry loops that sleep between attempts without backoff, or without jitter. A delay that grows with the attempt
 * (linear or exponential) is backoff; missing jitter alone is information, and a bounded start-up loop a hint.
 */
/**
 * A JavaScript timer whose promise is not waited for on the way to the next attempt: `new Promise((r) => setTimeout(...))`
 * kept in a name that the loop never awaits alone (raced against the call with `Promise.race`: a timeout), never
 * awaited at all, or a timer set inside another callback (an event handler's deferred clean-up). Only a delay the loop awaits (`await new Promise(...)`, `await wait`) spaces its attempts.
 */
function notAwaitedTimer(call: Node, loop: Node): boolean {
  if (sleepCallName(call) !== 'setTimeout') return false;
  let promise: Node | null = call.parent;
  while (promise && promise.type !== 'new_expression' && promise.id !== loop.id) {
    // A timer set inside a callback that is no promise's executor (`res.on('finish', () => setTimeout(cleanup, 3000))`)
    // delays that callback's work, not the loop.
    if (/^(arrow_function|function_expression|function)$/.test(promise.type) && promise.parent?.parent?.type !== 'new_expression') return true;
    promise = promise.parent;
  }
  // A timer outside any promise (`setTimeout(() => controller.abort(), ms)`: a timeout) delays nothing the loop awaits,
  // unless it is the promise API's own (`await setTimeout(ms)` from node:timers/promises).
  if (!promise || promise.type !== 'new_expression') return call.parent?.type !== 'await_expression';
  let up: Node | null = promise.parent;
  while (up && (up.type === 'parenthesized_expression' || up.type === 'as_expression')) up = up.parent;
  if (!up || up.type === 'await_expression') return false;
  if (up.type !== 'variable_declarator') return false;
  const name = up.childForFieldName('name')?.text;
  return !!name && !new RegExp(`\\bawait\\s+${name}\\b`).test(loop.text);
}

export function retryLoops(ctx: RuleContext): Report[] {
  const lang = LANGS[ctx.source.kind];
  if (!lang || !/sleep|Sleep|setTimeout|delay|wait/.test(ctx.source.text)) return [];
  const out: Report[] = [];
  const seen = new Set<number>();
  // Names set once to a number, looked up once per file (a file may wait on the same constant in every loop).
  const setOnce = new Map<string, boolean>();
  // Functions of the file that compute a delay and randomize it.
  const jitteredCall = jitteredByHelper(ctx, JITTER);
  for (const loop of nodesOf(ctx, lang.loops)) {
    if (!lang.retries(loop) || POLLS.test(loop.text) || SIGNS_LOCALLY.test(loop.text)) continue;
    // A loop that runs once (`for _ in range(1)`) makes no second attempt: its wait only delays giving up.
    if (attemptCount(loop, ctx.source.kind, ctx.source.text) === 1) continue;
    const sleeps = loop.descendantsOfType(lang.call).filter((c): c is Node => !!c && lang.sleep.test(sleepCallName(c)) && !YIELD.test(delayOf(c, lang)?.text ?? 'x') && !notAwaitedTimer(c, loop));
    // A loop that sleeps between rounds anyway (a broadcast, a scheduler) waits again after an error: no retry.
    // In its strings only a word that says so counts ("retrying"), not a name in a log line ("[RetryWorker]").
    // Work the loop hands to a closure (`wp.Submit(func() {...})`) is not the loop's own: its retries are not the loop's.
    const own = withoutClosures(loop);
    const saysRetry = /retr(y|ies)|backoff/i.test(withoutStrings(own)) || /\b(retry(ing)?|retries|backing off)\b/i.test(own);
    if (!saysRetry && sleepsOnSchedule(loop, sleeps)) continue;
    // One finding per loop: each except clause that sleeps is the same retry (the others are its related locations).
    let first: Report | undefined;
    for (const call of loop.descendantsOfType(lang.call)) {
      if (!call || seen.has(call.startIndex)) continue;
      const name = sleepCallName(call);
      if (!lang.sleep.test(name)) continue;
      seen.add(call.startIndex);
      if (notAwaitedTimer(call, loop)) continue;
      const delay = delayOf(call, lang);
      if (!delay || YIELD.test(delay.text)) continue;
      const d = delay.text;
      // The server said how long to wait (Retry-After), directly or through a name set from it in the file.
      if (/retry.?after/i.test(d) || (delay.type === 'identifier' && new RegExp(`\\b${d}\\s*=[^=;\\n][^;\\n]*retry.?after`, 'i').test(ctx.source.text))) continue;
      const reassigned = delay.type === 'identifier' && grows(loop, d, loopVar(loop, ctx.source.kind));
      if (!retryContext(call, loop) || pacesPages(call, loop) || waitsForData(call, loop) || leavesOnFailure(loop)) continue;
      // The element of a loop over increasing delays (`for delay in (0.0, 0.5, 2.0)`) grows: backoff written out.
      const ladder = delay.type === 'identifier' && !reassigned && isDelayLadder(call, d, ctx.source.kind, ctx.source.text);
      // A name the loop never changes holds the same delay each time, whatever it says (`retry_sleep`, `backoff`),
      // unless it is the attempt counter itself (`sleep(attempt)`).
      const counter = COUNTER_NAME.test(d) || d === loopVar(loop, ctx.source.kind);
      // Go's conversion of a number (`time.Duration(1) * time.Second`) is that number.
      const plain = d.replace(/\btime\.Duration\(\s*([\d_.]+)\s*\)/g, '$1');
      const constant = !ladder && (CONSTANT.test(plain) || (delay.type === 'identifier' && !reassigned && !counter) || constantExpression(plain, ctx.source.text, setOnce));
      const jitter = JITTER.test(d) || (delay.type === 'identifier' && JITTER.test(loop.text)) || jitteredCall(d);
      if (!constant && jitter) continue;
      const missing = constant && !jitter ? 'no backoff and no jitter' : constant ? 'no backoff' : 'no jitter';
      if (first) {
        (first.related ??= []).push({ at: span(call), message: `This attempt waits ${d} too` });
        continue;
      }
      const v = loopVar(loop, ctx.source.kind);
      const edits = constant && !jitter && v ? fixFor(ctx, ctx.source.kind, delay, v) : undefined;
      const waitsForever = isUnboundedStartupWait(loop);
      const teardown = !waitsForever && !isBoundedStartupLoop(loop) && isBoundedTeardownLoop(loop);
      const single = !waitsForever && attemptCount(loop, ctx.source.kind, ctx.source.text) === 2;
      const startup = waitsForever || teardown || single || isBoundedStartupLoop(loop);
      const why = constant ? 'so clients retry in lockstep and pile onto a dependency that is trying to recover' : 'so clients that failed together retry together';
      const note = waitsForever ? ' (a start-up wait: a hint only; it never gives up, so give it a bound and let the platform restart the process)' : teardown ? ' (a few attempts to release a resource as it stops: a hint only)' : single ? ' (two attempts, one wait: a hint only)' : startup ? ' (a few attempts at start-up: a hint only)' : '';
      out.push(first = {
        message: `This retry loop waits ${constant ? `a constant delay (${d})` : `\`${d}\``} between attempts: ${missing}, ${why}${note}`,
        at: span(call),
        ...(startup ? { severity: 'hint' as const } : constant ? {} : { severity: JITTER_ONLY }),
        ...(edits ? { fix: { title: 'Use exponential backoff with full jitter', edits } } : {}),
      });
    }
  }
  return out;
}
