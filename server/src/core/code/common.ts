import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import type { OffsetEdit, Report, RuleContext } from '../rules/types';
import { generatedReason } from '../documents/skip';
import { isMarkedGenerated } from '../documents/gitattributes';
import { isTestPath } from './testFiles';
import { hasGeneratedHeader } from './generatedHeader';

export { hasGeneratedHeader };
import { inBackendScope, isHandRunScript } from './scope';
import { hookArgumentRegions } from './componentHooks';
import { inRegion } from './breakerScopes';
import type { WorkspaceIndex } from '../workspace/index';

/** Node types the code rules ask for, per language: collected in one walk of the tree and shared by every rule. */
const WANTED: Record<string, string[]> = {
  python: ['call', 'assignment', 'as_pattern', 'import_statement', 'import_from_statement', 'string', 'for_statement', 'while_statement', 'decorated_definition'],
  typescript: ['call_expression', 'import_statement', 'string', 'template_string', 'for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'arrow_function', 'function_expression', 'function_declaration', 'method_definition', 'function'],
  go: ['call_expression', 'composite_literal', 'selector_expression', 'import_spec', 'import_declaration', 'import_spec_list', 'package_clause', 'interpreted_string_literal', 'raw_string_literal', 'for_statement', 'var_spec', 'function_declaration', 'func_literal', 'method_declaration', 'const_spec', 'short_var_declaration', 'assignment_statement', 'keyed_element', 'return_statement'],
  java: ['method_invocation', 'object_creation_expression', 'import_declaration', 'package_declaration', 'string_literal', 'for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement', 'field_declaration', 'method_declaration', 'class_declaration', 'interface_declaration'],
};
WANTED.javascript = WANTED.typescript;

const walks = new WeakMap<Tree, Map<string, Node[]>>();

/** Every node of these types in the tree (empty when there is no tree); one shared walk per tree. */
export function nodesOf(ctx: RuleContext, types: string | string[]): Node[] {
  const tree = ctx.tree;
  if (!tree) return [];
  const list = typeof types === 'string' ? [types] : types;
  const wanted = WANTED[ctx.source.kind];
  if (!wanted || !list.every((t) => wanted.includes(t))) return tree.rootNode.descendantsOfType(list).filter((n): n is Node => !!n);
  let byType = walks.get(tree);
  if (!byType) {
    byType = new Map(wanted.map((t) => [t, [] as Node[]]));
    for (const n of tree.rootNode.descendantsOfType(wanted)) if (n) byType.get(n.type)?.push(n);
    walks.set(tree, byType);
  }
  if (list.length === 1) return byType.get(list[0])!;
  return list.flatMap((t) => byType!.get(t)!).sort((a, b) => a.startIndex - b.startIndex);
}

export function rootOf(tree: Tree | undefined): Node | undefined {
  return tree?.rootNode ?? undefined;
}

/**
 * Generated code: minified or compiler output (documents/skip.ts: the editor and the CLI skip it with a note), or a
 * file whose header says a generator wrote it (Go's `// Code generated ... DO NOT EDIT.`, `@generated`, protoc's
 * banner), or that the repository marks `linguist-generated` in a `.gitattributes` (documents/gitattributes.ts). The
 * latter two are still read for their routes; the code rules leave them alone, since a fix belongs in the generator's
 * input or in the code that calls it.
 */
export function isGenerated(ctx: RuleContext): boolean {
  return generatedReason(ctx.source.path, ctx.source.text) !== undefined || hasGeneratedHeader(ctx.source.text) || isMarkedGenerated(ctx.source.path, scopeRoot(ctx));
}


/** Test code (see isTestPath), judged against the workspace model's root when there is one. */
export function isTestFile(ctx: RuleContext): boolean {
  return isTestPath(ctx.source.path, scopeRoot(ctx));
}

/**
 * Backend code, the only code the rules about outbound calls judge: not generated, and in the backend scope
 * (code/scope.ts) or put back in it by the config file's `scope.backend`.
 */
export function isBackendCode(ctx: RuleContext): boolean {
  let backend = backendByAnalysis.get(ctx);
  if (backend === undefined) {
    const ws = ctx.workspace as Partial<Pick<WorkspaceIndex, 'isForcedBackend'>> | undefined;
    backend = !isGenerated(ctx) && inBackendScope(ctx.source.path, ctx.source.text, scopeRoot(ctx), (p) => !!ws?.isForcedBackend?.(p));
    backendByAnalysis.set(ctx, backend);
  }
  return backend;
}

/**
 * The reports of a backend file that are not in code handed to a React hook (`useQuery({ queryFn })`,
 * `useCallback(fn)`): that code runs in the browser, even in a page file kept in scope for its SSR loader.
 */
export function outsideHookArguments(ctx: RuleContext, reports: Report[]): Report[] {
  if (ctx.source.kind !== 'typescript' && ctx.source.kind !== 'javascript') return reports;
  const hooks = reports.length ? hookArgumentRegions(ctx.source.text) : [];
  return hooks.length ? reports.filter((r) => !inRegion(hooks, r.at.start)) : reports;
}

/** A script a person runs by hand (code/scope.ts): out of the outbound-call rules, but its secrets still count. */
export function isHandRunScriptFile(ctx: RuleContext): boolean {
  return isHandRunScript(ctx.source.path, ctx.source.text, scopeRoot(ctx));
}

/** isBackendCode per analysis (every rule of a file shares one context): the scope's text tests run once. */
const backendByAnalysis = new WeakMap<RuleContext, boolean>();

/** The folder scope decisions are relative to: the workspace model's root, else the workspace folder. */
function scopeRoot(ctx: RuleContext): string | undefined {
  const model = (ctx.workspace as { model?: { root?: string; top?: string } } | undefined)?.model;
  return model?.top ?? model?.root;
}

/** The span of a node, for reports. */
export const span = (n: Node) => ({ start: n.startIndex, end: n.endIndex });

/** Seconds from milliseconds, as written in code: 10000 -> "10", 2500 -> "2.5". */
export function seconds(ms: number): string {
  return Number.isInteger(ms / 1000) ? String(ms / 1000) : (ms / 1000).toFixed(3).replace(/0+$/, '');
}

/** Whole seconds (at least 1), for APIs that take integers (Go `N * time.Second`, Java `Duration.ofSeconds(N)`). */
export function wholeSeconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000));
}

/** The text of a string literal without its quotes (JS/TS, Python, Go, Java). */
export function stringValue(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (!/string|interpreted_string_literal|raw_string_literal|template_string/.test(n.type)) return undefined;
  const text = n.text;
  if (n.type === 'template_string' && text.includes('${')) return undefined;
  if (/^[rRbBuU]*[fF]/.test(text) && text.includes('{')) return undefined; // Python f-string with interpolation
  return text.replace(/^[rRbBuUfF]*("""|'''|"|'|`)/, '').replace(/("""|'''|"|'|`)$/, '');
}

/**
 * Appends an argument (or property) after the last named child of a bracketed list (comments skipped):
 * keeps a trailing comma and a one-item-per-line layout. `open` is the length of the opening bracket.
 */
export function appendItem(ctx: RuleContext, list: Node, item: string): OffsetEdit {
  const items = list.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
  const last = items[items.length - 1];
  if (!last) return { start: list.endIndex - 1, end: list.endIndex - 1, newText: list.type === 'object' ? ` ${item} ` : item };
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
  if (!comma) return { start: last.endIndex, end: last.endIndex, newText: `, ${item}` };
  if (last.startPosition.row === list.startPosition.row) return { start: comma.endIndex, end: comma.endIndex, newText: ` ${item}` };
  const indent = /^\s*/.exec(ctx.source.lines.lineText(last.startPosition.row))![0];
  const at = ctx.source.lines.lineEnd(comma.endPosition.row);
  return { start: at, end: at, newText: `${ctx.source.lines.eol}${indent}${item},` };
}

/** A report helper: one finding with an optional single-edit fix. */
export function report(message: string, at: Node, fix?: { title: string; edits: OffsetEdit[] }, severity?: Report['severity']): Report {
  return { message, at: span(at), ...(fix ? { fix } : {}), ...(severity ? { severity } : {}) };
}

const queries = new Map<Language, Map<string, Query>>();

/**
 * Runs a tree-sitter query (compiled once per language and source) and returns its matches as capture maps.
 * Matching runs inside the parser's wasm, so one query is far cheaper than walking the tree from JavaScript.
 */
export function query(ctx: RuleContext, source: string, node?: Node): Map<string, Node>[] {
  const tree = ctx.tree;
  if (!tree) return [];
  let byLanguage = queries.get(tree.language);
  if (!byLanguage) queries.set(tree.language, (byLanguage = new Map()));
  let q = byLanguage.get(source);
  if (!q) byLanguage.set(source, (q = new Query(tree.language, source)));
  return q.matches(node ?? tree.rootNode).map((m) => new Map(m.captures.map((c) => [c.name, c.node])));
}
