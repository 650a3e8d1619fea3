import type { Node } from 'web-tree-sitter';
import { hasKwargsSplat, importsOf, keywordArg } from './python';
import type { OffsetEdit, Report, Rule, RuleContext } from './types';

const REQUESTS_CALLS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const SESSION_FACTORIES = new Set(['Session', 'session']);

/** Variables assigned a requests Session (`s = requests.Session()`, `with requests.Session() as s`). */
function sessionNames(root: Node, modules: Set<string>, fromImports: Map<string, string>): Set<string> {
  const names = new Set<string>();
  const isFactory = (call: Node | null) => {
    const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
    if (fn?.type === 'attribute') return modules.has(fn.childForFieldName('object')?.text ?? '') && SESSION_FACTORIES.has(fn.childForFieldName('attribute')?.text ?? '');
    return fn?.type === 'identifier' && SESSION_FACTORIES.has(fromImports.get(fn.text) ?? '');
  };
  for (const a of root.descendantsOfType('assignment')) {
    const left = a?.childForFieldName('left');
    if (a && left?.type === 'identifier' && isFactory(a.childForFieldName('right'))) names.add(left.text);
  }
  for (const w of root.descendantsOfType('as_pattern')) {
    const target = w?.childForFieldName('alias');
    if (w && isFactory(w.namedChildren[0]) && target) names.add(target.text.replace(/^\W+/, ''));
  }
  return names;
}

/** Adds `timeout=N` after the last argument (comments skipped), keeping a trailing comma and one-argument-per-line layouts. */
function insertTimeout(ctx: RuleContext, args: Node, value: string): OffsetEdit {
  const kw = `timeout=${value}`;
  const list = args.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
  const last = list[list.length - 1];
  if (!last) return { start: args.endIndex - 1, end: args.endIndex - 1, newText: kw };
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
  if (!comma) return { start: last.endIndex, end: last.endIndex, newText: `, ${kw}` };
  if (last.startPosition.row === args.startPosition.row) return { start: comma.endIndex, end: comma.endIndex, newText: ` ${kw}` };
  const indent = /^\s*/.exec(ctx.source.lines.lineText(last.startPosition.row))![0];
  const at = ctx.source.lines.lineEnd(comma.endPosition.row);
  return { start: at, end: at, newText: `${ctx.source.lines.eol}${indent}${kw},` };
}

function formatSeconds(ms: number): string {
  return Number.isInteger(ms / 1000) ? String(ms / 1000) : (ms / 1000).toFixed(3).replace(/0+$/, '');
}

function checkPython(ctx: RuleContext): Report[] {
  const root = ctx.tree?.rootNode;
  if (!root || !/\brequests\b/.test(ctx.source.text)) return [];
  const { modules, functions } = importsOf(root, 'requests');
  if (!modules.size && !functions.size) return [];
  const sessions = sessionNames(root, modules, functions);
  const seconds = formatSeconds(ctx.options.defaultTimeoutMs);
  const reports: Report[] = [];
  for (const call of root.descendantsOfType('call')) {
    if (!call) continue;
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments');
    if (!fn || args?.type !== 'argument_list') continue;
    let name: string | undefined;
    if (fn.type === 'attribute') {
      const obj = fn.childForFieldName('object')?.text ?? '';
      const attr = fn.childForFieldName('attribute')?.text ?? '';
      if ((modules.has(obj) || sessions.has(obj)) && REQUESTS_CALLS.has(attr)) name = `${obj}.${attr}`;
    } else if (fn.type === 'identifier' && REQUESTS_CALLS.has(functions.get(fn.text) ?? '')) name = fn.text;
    if (!name) continue;
    const timeout = keywordArg(args, 'timeout');
    const value = timeout?.childForFieldName('value');
    if (timeout && value?.type !== 'none') continue;
    if (!timeout && hasKwargsSplat(args)) continue;
    if (timeout && value) {
      reports.push({
        message: `${name}() passes timeout=None, which waits forever for a slow or dead server`,
        at: { start: value.startIndex, end: value.endIndex },
        fix: { title: `Set timeout=${seconds}`, edits: [{ start: value.startIndex, end: value.endIndex, newText: seconds }] },
      });
    } else {
      reports.push({
        message: `${name}() has no timeout: requests waits forever for a slow or dead server, holding a worker and cascading the failure`,
        at: { start: fn.startIndex, end: fn.endIndex },
        fix: { title: `Add timeout=${seconds}`, edits: [insertTimeout(ctx, args, seconds)] },
      });
    }
  }
  return reports;
}

export const missingTimeout: Rule = {
  id: 'missing-timeout',
  kinds: ['python'],
  defaultSeverity: 'warning',
  title: 'An outbound call has no timeout',
  description:
    'Every external call needs a timeout. Without one, a slow or unreachable dependency holds the caller\'s worker forever, exhausting the pool and turning one failure into an outage. Pass an explicit timeout (and add retries with backoff and a circuit breaker).',
  check(ctx) {
    return ctx.source.kind === 'python' ? checkPython(ctx) : [];
  },
};
