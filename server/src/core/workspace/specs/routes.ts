/**
 * Routes of one code file, read from its text (parsed on demand, cached by text) or from the syntax tree the
 * engine just parsed; a cheap text test spares parsing files that declare no route.
 */
import type { Tree } from 'web-tree-sitter';
import { CODE_LANGUAGES, classify, type CodeLanguage } from '../../documents/classify';
import { makeSource, type SourceFile } from '../../documents/source';
import { grammarOf, parseCode } from '../../documents/treeSitter';
import { extractRoutes } from '../../code/routes/index';
import type { FileRoutes } from '../../code/routes/types';

const EMPTY: FileRoutes = { routes: [], mounts: [], skipped: [] };

/** Route registrations of the frameworks the extractors read (a file without any is not parsed). */
const MAY_ROUTE = /\.(?:get|post|put|patch|delete|all|route|use|register|mount|group|handle|handlefunc|any|on|add_url_rule|add_api_route)\s*\(|@(?:\w+\.)?(?:route|get|post|put|patch|delete|api_route|\w*mapping|path|controller|restcontroller)\b|urlpatterns|include_router|apirouter|blueprint|APP_GUARD/i;

/** A Python package re-exporting a router (`from .feeds import router as feeds_router`). */
const PY_RE_EXPORT = /^from\s+\S+\s+import\s[^\n]*\b(router|bp|\w+_router|\w+_bp)\b/m;

export function mayDeclareRoutes(text: string, kind?: string): boolean {
  return MAY_ROUTE.test(text) || (kind === 'python' && PY_RE_EXPORT.test(text));
}

/** Routes a library makes at run time from a declaration the extractors do not read (Spring Data REST repositories). */
const RUNTIME_ROUTES = /@RepositoryRestResource\b/;

export function routesFromTree(source: SourceFile, tree: Tree | undefined): FileRoutes {
  const m = RUNTIME_ROUTES.exec(source.text);
  const runtime = m ? [{ file: source.path, at: { start: m.index, end: m.index + m[0].length }, reason: 'Spring Data REST serves this repository\'s routes, made at run time' }] : [];
  if (!tree || !mayDeclareRoutes(source.text, source.kind)) return runtime.length ? { ...EMPTY, skipped: runtime } : EMPTY;
  try {
    const found = extractRoutes(source, tree);
    return runtime.length ? { ...found, skipped: [...found.skipped, ...runtime] } : found;
  } catch {
    return EMPTY; // an extractor that fails on odd code must not stop the analysis
  }
}

/** The routes of a file not analyzed yet; `keep` takes the syntax tree (the caller then owns it), else it is freed. */
export async function routesFromText(path: string, text: string, keep?: (tree: Tree) => void): Promise<FileRoutes> {
  const kind = classify(path, text);
  if (!kind || !CODE_LANGUAGES.includes(kind as CodeLanguage) || (!mayDeclareRoutes(text, kind) && !RUNTIME_ROUTES.test(text))) return EMPTY;
  let tree: Tree | undefined;
  try {
    tree = await parseCode(grammarOf(kind as CodeLanguage, path), text);
    return routesFromTree(makeSource(path, text, kind), tree);
  } catch {
    return EMPTY;
  } finally {
    if (tree && keep) keep(tree);
    else tree?.delete();
  }
}
