import type { ComposeFile } from '../compose/project';
import { isReadable, type DataNode } from '../documents/tree';
import { parseYaml, parseYamlStream } from '../documents/yaml';
import { LineIndex } from '../text/lineIndex';

export type DeploymentKind = 'compose' | 'kubernetes';

/** A file parsed for the model, by the text it was parsed from; `clean`: parsed here without any problem. */
interface Entry {
  text: string;
  file: ComposeFile | undefined;
  clean?: boolean;
}

/** The compose files and manifests the model reads, parsed once per text (a compose file is one document, a manifest a stream). */
export class ParsedFiles {
  private readonly byKind: Record<DeploymentKind, Map<string, Entry>> = { compose: new Map(), kubernetes: new Map() };

  /** A tree the engine parsed (an open document's or the disk's): kept for the model, never offered back (see cleanTree). */
  keep(kind: DeploymentKind, path: string, text: string, root: DataNode, lines?: LineIndex): void {
    const cache = this.byKind[kind];
    if (cache.get(path)?.text !== text) cache.set(path, { text, file: { path, text, lines: lines ?? new LineIndex(text), root } });
  }

  /** The file parsed from `text`, cached by that text; undefined when it does not parse cleanly. */
  read(kind: DeploymentKind, path: string, text: string): ComposeFile | undefined {
    const cache = this.byKind[kind];
    const cached = cache.get(path);
    if (cached?.text === text) return cached.file;
    const doc = kind === 'compose' ? parseYaml(text) : parseYamlStream(text);
    const file = isReadable(doc) ? { path, text, lines: new LineIndex(text), root: doc.root } : undefined;
    cache.set(path, { text, file, clean: !doc.problems.length && !doc.shared && !path.toLowerCase().endsWith('.json') });
    return file;
  }

  /**
   * The tree parsed here from exactly `text`, when the parse found no problem at all: the engine analyzing the same
   * file then need not parse it again (a CLI run reads each file for the model first). Trees the engine handed in
   * are not offered back: an open document's tree may be patched in place.
   */
  cleanTree(kind: DeploymentKind, path: string, text: string): DataNode | undefined {
    const cached = this.byKind[kind].get(path);
    return cached?.clean && cached.text === text ? cached.file?.root : undefined;
  }

  forget(path: string): void {
    this.byKind.compose.delete(path);
    this.byKind.kubernetes.delete(path);
  }
}
