import type { Tree } from 'web-tree-sitter';

/** Node types of the four grammars that hold literal text: strings, template literals, Java text blocks. */
const LITERAL = /string|template|text_block|heredoc/;

/** Whether the offset falls inside a string literal of the parsed code (text that only looks like code there). */
export function insideStringLiteral(tree: Tree, offset: number): boolean {
  for (let n = tree.rootNode.descendantForIndex(offset); n; n = n.parent) {
    if (LITERAL.test(n.type)) return true;
  }
  return false;
}
