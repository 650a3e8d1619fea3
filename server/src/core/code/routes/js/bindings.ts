import type { Node, Tree } from 'web-tree-sitter';
import { stringValue } from '../../common';
import { jsImport, routerKey } from '../keys';

/** Where a name comes from: a relative import (module + exported name) or a package (`express`). */
export interface Imported {
  module?: string;
  pkg?: string;
  name: string;
}

/** Imports, exports and declarations of one JS/TS file: what router keys and mount targets are built from. */
export class Bindings {
  readonly imports = new Map<string, Imported>();
  /** Local name -> exported name (`default` for a default export). */
  readonly exports = new Map<string, string>();
  /** Local name (or `this.x`) -> the value it is declared or assigned with, first one wins. */
  readonly values = new Map<string, Node>();
  /** Packages imported or required. */
  readonly packages = new Set<string>();
  /** Functions exported as default without a name (`module.exports = function (app) {}`). */
  readonly defaultFunctions = new Set<number>();

  constructor(readonly file: string, tree: Tree) {
    for (const n of tree.rootNode.descendantsOfType(['import_statement', 'variable_declarator', 'assignment_expression', 'export_statement', 'function_declaration'])) {
      if (!n) continue;
      if (n.type === 'import_statement') this.importStatement(n);
      else if (n.type === 'function_declaration') this.values.set(n.childForFieldName('name')?.text ?? '', n);
      else if (n.type === 'variable_declarator') this.declarator(n);
      else if (n.type === 'assignment_expression') this.assignment(n);
      else this.exportStatement(n);
    }
  }

  /** A relative module or a package named by `require('x')` / `require('x').y`. */
  private required(value: Node | null): Imported | undefined {
    if (!value) return undefined;
    if (value.type === 'member_expression') {
      const inner = this.required(value.childForFieldName('object'));
      return inner && { ...inner, name: value.childForFieldName('property')!.text };
    }
    if (value.type === 'await_expression') return this.required(value.namedChild(0));
    if (value.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') return undefined;
    const spec = stringValue(value.childForFieldName('arguments')?.namedChild(0));
    if (spec === undefined) return undefined;
    this.packages.add(spec);
    const module = jsImport(this.file, spec);
    return module ? { module, name: 'default' } : { pkg: spec, name: 'default' };
  }

  private importStatement(n: Node): void {
    const spec = stringValue(n.childForFieldName('source'));
    if (spec === undefined) return;
    this.packages.add(spec);
    const module = jsImport(this.file, spec);
    const from = (name: string): Imported => (module ? { module, name } : { pkg: spec, name });
    const clause = n.namedChildren.find((c) => c?.type === 'import_clause');
    for (const c of clause?.namedChildren ?? []) {
      if (c?.type === 'identifier') this.imports.set(c.text, from('default'));
      else if (c?.type === 'namespace_import') this.imports.set(c.namedChild(0)?.text ?? '', from('*'));
      else if (c?.type === 'named_imports')
        for (const s of c.namedChildren) {
          const name = s?.childForFieldName('name')?.text;
          if (name) this.imports.set(s!.childForFieldName('alias')?.text ?? name, from(name));
        }
    }
  }

  private declarator(n: Node): void {
    const name = n.childForFieldName('name');
    const value = n.childForFieldName('value');
    if (!name || !value) return;
    const req = this.required(value);
    if (name.type === 'identifier') {
      if (req) this.imports.set(name.text, req);
      else if (!this.values.has(name.text)) this.values.set(name.text, value);
    } else if (name.type === 'object_pattern' && req) {
      for (const p of name.namedChildren) {
        if (p?.type === 'shorthand_property_identifier_pattern') this.imports.set(p.text, { ...req, name: p.text });
        else if (p?.type === 'pair_pattern') this.imports.set(p.childForFieldName('value')?.text ?? '', { ...req, name: p.childForFieldName('key')?.text ?? '' });
      }
    }
  }

  private assignment(n: Node): void {
    const left = n.childForFieldName('left')?.text ?? '';
    const right = n.childForFieldName('right');
    if (!right) return;
    if (/^this\.\w+$/.test(left) && !this.values.has(left)) this.values.set(left, right);
    const exported = left === 'module.exports' ? 'default' : /^(?:module\.)?exports\.(\w+)$/.exec(left)?.[1];
    if (!exported) return;
    if (right.type === 'identifier') this.exports.set(right.text, exported);
    else if (right.type === 'object' && exported === 'default')
      for (const p of right.namedChildren) {
        if (p?.type === 'shorthand_property_identifier') this.exports.set(p.text, p.text);
        else if (p?.type === 'pair' && p.childForFieldName('value')?.type === 'identifier') this.exports.set(p.childForFieldName('value')!.text, p.childForFieldName('key')!.text);
      }
    else this.defaultFunctions.add(right.startIndex);
  }

  private exportStatement(n: Node): void {
    const isDefault = n.children.some((c) => c?.type === 'default');
    const decl = n.childForFieldName('declaration');
    const value = n.childForFieldName('value');
    if (decl) {
      const name = decl.childForFieldName('name')?.text;
      if (name) this.exports.set(name, isDefault ? 'default' : name);
      for (const d of decl.namedChildren) if (d?.type === 'variable_declarator') this.exports.set(d.childForFieldName('name')?.text ?? '', d.childForFieldName('name')?.text ?? '');
    } else if (value?.type === 'identifier') this.exports.set(value.text, 'default');
    else if (value) this.defaultFunctions.add(value.startIndex);
    for (const c of n.namedChildren)
      if (c?.type === 'export_clause')
        for (const s of c.namedChildren) {
          const name = s?.childForFieldName('name')?.text;
          if (name) this.exports.set(name, s!.childForFieldName('alias')?.text ?? name);
        }
  }

  /** The router key of a local name: its export, else its own name. */
  keyOf(name: string): string {
    return routerKey(this.file, this.exports.get(name) ?? name);
  }

  /** The router key a name imported from a relative module stands for. */
  importKey(name: string): string | undefined {
    const i = this.imports.get(name);
    return i?.module && i.name !== '*' ? `${i.module}#${i.name}` : undefined;
  }

  /** The package a name was imported from (`express` for `Router` of `import { Router } from 'express'`). */
  packageOf(name: string): string | undefined {
    return this.imports.get(name)?.pkg;
  }
}
