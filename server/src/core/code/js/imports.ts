import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../rules/types';
import { nodesOf, stringValue } from '../common';

/** What a local name is bound to: a module's default/namespace (`*`) or one of its named exports. */
export interface Binding {
  module: string;
  name: string;
}

/** Local names bound by `import` statements and `require()` calls (top level and nested), keyed by local name. */
export function jsImports(ctx: RuleContext): Map<string, Binding> {
  const out = new Map<string, Binding>();
  for (const stmt of nodesOf(ctx, 'import_statement')) {
    const module = stringValue(stmt?.childForFieldName('source'));
    const clause = stmt?.namedChildren.find((c) => c?.type === 'import_clause');
    if (!module || !clause) continue;
    for (const c of clause.namedChildren) {
      if (c?.type === 'identifier') out.set(c.text, { module, name: 'default' });
      else if (c?.type === 'namespace_import') {
        const id = c.namedChildren.find((x) => x?.type === 'identifier');
        if (id) out.set(id.text, { module, name: '*' });
      } else if (c?.type === 'named_imports') {
        for (const s of c.namedChildren) {
          if (s?.type !== 'import_specifier') continue;
          const name = s.childForFieldName('name')?.text;
          const alias = s.childForFieldName('alias')?.text;
          if (name) out.set(alias ?? name, { module, name });
        }
      }
    }
  }
  for (const call of nodesOf(ctx, 'call_expression')) {
    if (!call.text.startsWith('require') || call.childForFieldName('function')?.text !== 'require') continue;
    const module = stringValue(call.childForFieldName('arguments')?.namedChildren[0]);
    let decl = call.parent;
    let member: string | undefined;
    if (decl?.type === 'member_expression') {
      member = decl.childForFieldName('property')?.text;
      decl = decl.parent;
    }
    if (!module || decl?.type !== 'variable_declarator') continue;
    const target = decl.childForFieldName('name');
    if (target?.type === 'identifier') out.set(target.text, { module, name: member ?? '*' });
    else if (target?.type === 'object_pattern') {
      for (const p of target.namedChildren) {
        if (p?.type === 'shorthand_property_identifier_pattern') out.set(p.text, { module, name: p.text });
        else if (p?.type === 'pair_pattern') {
          const key = p.childForFieldName('key')?.text;
          const value = p.childForFieldName('value');
          if (key && value?.type === 'identifier') out.set(value.text, { module, name: key });
        }
      }
    }
  }
  return out;
}

/** Strips the `node:` prefix, so `node:http` and `http` read the same. */
export const moduleName = (m: string) => m.replace(/^node:/, '');

/** The value of property `key` in an object literal; 'spread' when a spread may carry it; undefined when absent. */
export function propertyOf(obj: Node, key: string): Node | 'spread' | undefined {
  let spread = false;
  for (const p of obj.namedChildren) {
    if (p?.type === 'pair') {
      const k = p.childForFieldName('key');
      const name = k?.type === 'string' ? stringValue(k) : k?.text;
      if (name === key) return p.childForFieldName('value') ?? p;
    } else if (p?.type === 'shorthand_property_identifier' && p.text === key) return p;
    else if (p?.type === 'spread_element') spread = true;
  }
  return spread ? 'spread' : undefined;
}
