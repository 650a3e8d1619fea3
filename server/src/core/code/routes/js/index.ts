import type { Node, Tree } from 'web-tree-sitter';
import type { SourceFile } from '../../../documents/source';
import type { FileRoutes } from '../types';
import { Bindings } from './bindings';
import { JsCalls } from './calls';
import { nestGlobalGuardProviders, nestRoutes, nestServiceWide } from './nest';

const NAMES = /^(get|post|put|patch|delete|del|head|options|all|use|route|register|on|openapi|addHook|prefix|setGlobalPrefix|useGlobalGuards|forRoutes|enableVersioning)$/;

/** Calls that may register a route, a mount or auth: by method name, or a function given the app. */
function candidate(call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'member_expression') return NAMES.test(fn.childForFieldName('property')?.text ?? '');
  return fn?.type === 'identifier' || fn?.type === 'call_expression' || fn?.type === 'subscript_expression';
}

/** A cheap test: files that name no server framework and no router-like call are not walked. */
const MAYBE = /express|fastify|koa|hono|@nestjs|restify|polka|\.(get|post|put|patch|delete|all|route|use|register)\s*\(/;

/** Routes, mounts and skipped registrations of a JavaScript or TypeScript file. */
export function extractJsRoutes(source: SourceFile, tree: Tree): FileRoutes {
  const out: FileRoutes = { routes: [], mounts: [], skipped: [], apps: [] };
  if (!MAYBE.test(source.text)) return out;
  if (/@nestjs\//.test(source.text)) nestRoutes(tree, source.path, out);
  if (/\bAPP_GUARD\b/.test(source.text)) nestGlobalGuardProviders(tree, source.path, out);
  const b = new Bindings(source.path, tree);
  const calls = tree.rootNode.descendantsOfType('call_expression').filter((c): c is Node => !!c && candidate(c));
  const js = new JsCalls(b, out);
  js.collectAuth(calls);
  for (const call of calls) {
    js.visit(call);
    if (/\.(setGlobalPrefix|useGlobalGuards|forRoutes|enableVersioning)$/.test(call.childForFieldName('function')?.text ?? '')) nestServiceWide(call, source.path, out);
  }
  return out;
}
