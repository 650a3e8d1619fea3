import type { Node } from 'web-tree-sitter';

/** Local names bound to a module (`import requests`, `import requests as r`) and to its functions (`from requests import get`). */
export interface PythonImports {
  modules: Set<string>;
  functions: Map<string, string>;
}

export function importsOf(root: Node, moduleName: string, statements?: Node[]): PythonImports {
  const modules = new Set<string>();
  const functions = new Map<string, string>();
  for (const stmt of statements ?? root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!stmt) continue;
    if (stmt.type === 'import_statement') {
      for (const n of stmt.namedChildren) {
        if (n?.type === 'dotted_name' && n.text === moduleName) modules.add(moduleName);
        if (n?.type === 'aliased_import' && n.childForFieldName('name')?.text === moduleName) {
          const alias = n.childForFieldName('alias')?.text;
          if (alias) modules.add(alias);
        }
      }
    } else if (stmt.childForFieldName('module_name')?.text === moduleName) {
      for (const n of stmt.childrenForFieldName('name')) {
        if (n?.type === 'dotted_name') functions.set(n.text, n.text);
        if (n?.type === 'aliased_import') {
          const name = n.childForFieldName('name')?.text;
          const alias = n.childForFieldName('alias')?.text;
          if (name && alias) functions.set(alias, name);
        }
      }
    }
  }
  return { modules, functions };
}

/** The keyword argument `name=...` of a call's argument list, if present. */
export function keywordArg(args: Node | null, name: string): Node | undefined {
  for (const a of args?.namedChildren ?? []) {
    if (a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a;
  }
  return undefined;
}

export function hasKwargsSplat(args: Node | null): boolean {
  return (args?.namedChildren ?? []).some((a) => a?.type === 'dictionary_splat');
}
