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

/** Routes read from a syntax tree, with the text they were read from: a rule and the consistency index share one reading. */
const byTree = new WeakMap<Tree, { text: string; routes: FileRoutes }>();

/** The routes, mounts and unresolved routes one file of service code declares (read once per syntax tree). */
export function extractRoutes(source: SourceFile, tree: Tree | undefined): FileRoutes {
  const extractor = EXTRACTORS[source.kind];
  if (!extractor || !tree) return EMPTY;
  const known = byTree.get(tree);
  if (known?.text === source.text) return known.routes;
  const routes = extractor(source, tree);
  byTree.set(tree, { text: source.text, routes });
  return routes;
}
