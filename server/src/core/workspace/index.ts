import type { FileKind } from '../documents/classify';
import type { DataNode } from '../documents/tree';

export interface IndexedFile {
  path: string;
  kind: FileKind;
  /** Parsed root of data files (OpenAPI, compose), for cross-file rules. */
  data?: DataNode;
}

/** What the analyzer knows about the whole workspace; cross-file rules query it. */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();

  update(file: IndexedFile): void {
    this.files.set(file.path, file);
  }

  remove(path: string): void {
    this.files.delete(path);
  }

  get(path: string): IndexedFile | undefined {
    return this.files.get(path);
  }

  ofKind(kind: FileKind): IndexedFile[] {
    return [...this.files.values()].filter((f) => f.kind === kind);
  }

  get size(): number {
    return this.files.size;
  }
}
