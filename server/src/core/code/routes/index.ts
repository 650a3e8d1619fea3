import type { Tree } from 'web-tree-sitter';
import type { SourceFile } from '../../documents/source';
import type { FileRoutes } from './types';
import { extractJsRoutes } from './js';
import { extractPythonRoutes } from './python';
import { goRoutes } from './go';
import { javaRoutes } from './java';

export type RouteExtractor = (source: SourceFile, tree: Tree) => FileRoutes;

/** One extractor per language (routes/<language>.ts), registered here. */
const EXTRACTORS: Partial<Record<string, RouteExtractor>> = {
  typescript: extractJsRoutes,
  javascript: extractJsRoutes,
  python: extractPythonRoutes,
  go: goRoutes,
  java: javaRoutes,
};

const EMPTY: FileRoutes = { routes: [], mounts: [], skipped: [] };

/** The routes, mounts and unresolved routes one file of service code declares. */
export function extractRoutes(source: SourceFile, tree: Tree | undefined): FileRoutes {
  const extractor = EXTRACTORS[source.kind];
  return extractor && tree ? extractor(source, tree) : EMPTY;
}
