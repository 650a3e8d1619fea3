import type { Node, Tree } from 'web-tree-sitter';
import type { OffsetEdit, Report, RuleContext } from '../rules/types';

/** Every node of these types in the tree (empty when there is no tree). */
export function nodesOf(ctx: RuleContext, types: string | string[]): Node[] {
  const root = ctx.tree?.rootNode;
  if (!root) return [];
  return root.descendantsOfType(types).filter((n): n is Node => !!n);
}

export function rootOf(tree: Tree | undefined): Node | undefined {
  return tree?.rootNode ?? undefined;
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
  if (n.type === 'template_string' && n.namedChildren.some((c) => c?.type === 'template_substitution')) return undefined;
  if (n.type === 'string' && n.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return n.text.replace(/^[rRbBuUfF]*("""|'''|"|'|`)/, '').replace(/("""|'''|"|'|`)$/, '');
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
