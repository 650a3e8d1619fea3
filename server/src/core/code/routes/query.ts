import { Query, type Node, type Tree } from 'web-tree-sitter';

const compiled = new Map<object, Map<string, Query>>();

/**
 * The nodes captured as `@hit` by a tree-sitter query, in document order. Matching runs inside the parser's wasm:
 * far cheaper than visiting every call of a large file from JavaScript.
 */
export function hits(tree: Tree, source: string): Node[] {
  let byLanguage = compiled.get(tree.language);
  if (!byLanguage) compiled.set(tree.language, (byLanguage = new Map()));
  let q = byLanguage.get(source);
  if (!q) byLanguage.set(source, (q = new Query(tree.language, source)));
  const out: Node[] = [];
  for (const m of q.matches(tree.rootNode)) for (const c of m.captures) if (c.name === 'hit') out.push(c.node);
  return out.sort((a, b) => a.startIndex - b.startIndex);
}
