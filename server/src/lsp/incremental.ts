import type { Edit, Tree } from 'web-tree-sitter';
import { changedSpan } from '../core/text/changedSpan';

interface Kept {
  tree: Tree;
  text: string;
  kind: string;
}

/** Row and column (UTF-16) of an offset, counting from a known point. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The one edit that turns `before` into `after`, as tree-sitter takes it (offsets and row/column points). */
export function diffEdit(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const { start, oldEnd, newEnd } = changedSpan(before, after);
  const startPosition = pointAt(before, start);
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  } as Edit;
}

/**
 * The last syntax tree of each open document, so the next analysis re-parses incrementally: the tree is edited
 * with the difference between the text it was parsed from and the new text (TextDocuments has already applied the
 * LSP changes, so they are recomputed here), then handed to the parser as the old tree.
 */
export class TreeCache {
  private readonly trees = new Map<string, Kept>();

  /** The document's previous tree, edited to match `text`; the caller owns it (and deletes it after parsing). */
  take(uri: string, text: string, kind: string): Tree | undefined {
    const kept = this.trees.get(uri);
    if (!kept) return undefined;
    this.trees.delete(uri);
    if (kept.kind !== kind) {
      kept.tree.delete();
      return undefined;
    }
    const edit = diffEdit(kept.text, text);
    if (edit) kept.tree.edit(edit);
    return kept.tree;
  }

  /** Keeps the tree parsed from `text` for the next analysis of this document. */
  keep(uri: string, text: string, kind: string, tree: Tree): void {
    this.trees.get(uri)?.tree.delete();
    this.trees.set(uri, { tree, text, kind });
  }

  drop(uri: string): void {
    this.trees.get(uri)?.tree.delete();
    this.trees.delete(uri);
  }

  dispose(): void {
    for (const k of this.trees.values()) k.tree.delete();
    this.trees.clear();
  }
}
