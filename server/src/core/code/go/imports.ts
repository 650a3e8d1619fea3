import type { Node } from 'web-tree-sitter';
import type { OffsetEdit, RuleContext } from '../../rules/types';
import { nodesOf, stringValue } from '../common';

/** Local package names by import path (`"net/http"` -> http, `h "net/http"` -> h). Blank and dot imports are left out. */
export function goImports(ctx: RuleContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of nodesOf(ctx, 'import_spec')) {
    const path = stringValue(spec.childForFieldName('path'));
    if (!path) continue;
    const alias = spec.childForFieldName('name')?.text;
    if (alias === '_' || alias === '.') continue;
    out.set(path, alias ?? path.split('/').pop()!);
  }
  return out;
}

/** An edit that imports a package when the file does not yet (inside the first import block, or after the first import). */
export function addGoImport(ctx: RuleContext, imports: Map<string, string>, path: string): OffsetEdit[] {
  if (imports.has(path)) return [];
  const decl = nodesOf(ctx, 'import_declaration')[0];
  const eol = ctx.source.lines.eol;
  if (!decl) {
    const pkg = nodesOf(ctx, 'package_clause')[0];
    return pkg ? [{ start: pkg.endIndex, end: pkg.endIndex, newText: `${eol}${eol}import "${path}"` }] : [];
  }
  const list = decl.namedChildren.find((c) => c?.type === 'import_spec_list');
  const open = list?.children.find((c) => c?.type === '(');
  if (open) return [{ start: open.endIndex, end: open.endIndex, newText: `${eol}\t"${path}"` }];
  return [{ start: decl.endIndex, end: decl.endIndex, newText: `${eol}import "${path}"` }];
}
