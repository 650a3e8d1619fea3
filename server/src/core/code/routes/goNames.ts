/** What a Go file names: its package, imported router packages by alias, and string constants (for paths). */
import type { Node } from 'web-tree-sitter';
import { stringValue } from '../common';
import { FRAMEWORK_IMPORTS, ROUTER_TYPES, type GoFramework } from './goRouters';

/** The last element of an import path without a major-version suffix (`echo/v4` -> echo). */
const lastElement = (path: string) => path.split('/').filter((s) => !/^v\d+$/.test(s)).pop()!;

export class GoNames {
  pkg = 'main';
  readonly frameworks = new Map<string, GoFramework>();
  readonly importPaths = new Map<string, string>();
  private readonly consts = new Map<string, string | null>();

  constructor(root: Node) {
    for (const n of root.namedChildren) {
      if (n?.type === 'package_clause') this.pkg = n.namedChildren[0]?.text ?? 'main';
      if (n?.type === 'import_declaration') this.imports(n);
    }
    if (this.frameworks.size) for (const spec of root.descendantsOfType('const_spec')) this.constant(spec!);
  }

  private imports(decl: Node): void {
    for (const spec of decl.descendantsOfType('import_spec')) {
      const path = stringValue(spec!.childForFieldName('path'));
      if (!path) continue;
      const alias = spec!.childForFieldName('name')?.text ?? lastElement(path);
      this.importPaths.set(alias, path);
      const fw = FRAMEWORK_IMPORTS.find(([re]) => re.test(path))?.[1];
      if (fw) this.frameworks.set(alias, fw);
    }
  }

  /** A constant defined twice with different values (in two functions) is unknown. */
  private constant(spec: Node): void {
    const name = spec.childForFieldName('name')?.text;
    const v = this.pathValue(spec.childForFieldName('value')?.namedChildren[0]);
    if (name && v !== undefined) this.consts.set(name, this.consts.has(name) && this.consts.get(name) !== v ? null : v);
  }

  /** A path written as literals and constants of this file; undefined when built at run time. */
  pathValue(n: Node | null | undefined): string | undefined {
    if (!n) return undefined;
    if (n.type === 'interpreted_string_literal' || n.type === 'raw_string_literal') return stringValue(n);
    if (n.type === 'identifier') return this.consts.get(n.text) ?? undefined;
    if (n.type === 'parenthesized_expression') return this.pathValue(n.namedChildren[0]);
    if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
      const l = this.pathValue(n.childForFieldName('left'));
      const r = l === undefined ? undefined : this.pathValue(n.childForFieldName('right'));
      return r === undefined ? undefined : l! + r;
    }
    return undefined;
  }

  /** The package name an import alias stands for, as the package's own files declare it (by convention). */
  packageOf(alias: string): string {
    return lastElement(this.importPaths.get(alias)!).replace(/[-.]/g, '_');
  }

  /** The framework of a router type (`*gin.RouterGroup`, `chi.Router`, `*mux.Router`). */
  routerType(t: Node | null | undefined): GoFramework | undefined {
    const m = t && /^\*?(\w+)\.(\w+)$/.exec(t.text);
    const fw = m ? this.frameworks.get(m[1]) : undefined;
    return fw && ROUTER_TYPES[fw].includes(m![2]) ? fw : undefined;
  }

  /** True for a function returning a router or an `http.Handler`. */
  returnsRouter(decl: Node): boolean {
    const result = decl.childForFieldName('result');
    const types = result?.type === 'parameter_list' ? result.namedChildren.map((p) => p?.childForFieldName('type') ?? null) : [result];
    const http = [...this.frameworks].find(([, f]) => f === 'net/http')?.[0];
    return types.some((t) => !!this.routerType(t) || (!!http && t?.text === `${http}.Handler`));
  }
}
