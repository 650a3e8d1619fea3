import type { DataNode } from '../../documents/tree';
import type { LineIndex } from '../../text/lineIndex';

/** A parsed manifest file: its text, line index and stream root (a sequence of its documents). */
export interface ManifestFile {
  path: string;
  text: string;
  lines: LineIndex;
  root: DataNode;
}
