import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../rules/types';
import { nodesOf } from './common';

const JS_ROUTE = /^(app|router|server|fastify|api|routes|r)\.(get|post|put|patch|delete|all|use|route|options|head)$/;
const JS_FUNCS = ['arrow_function', 'function_expression', 'function_declaration', 'method_definition', 'function'];

/** Functions that handle HTTP requests: route callbacks, `(req, res)` functions, decorated Python views, Go handlers, Spring mappings. */
export function requestHandlers(ctx: RuleContext): Node[] {
  switch (ctx.source.kind) {
    case 'typescript':
    case 'javascript':
      return nodesOf(ctx, JS_FUNCS).filter((f) => {
        const params = f.childForFieldName('parameters')?.text ?? f.childForFieldName('parameter')?.text ?? '';
        if (/^\(\s*(req|request|_req)\b[^,]*,\s*(res|reply|response|_res)\b/.test(params)) return true;
        const call = f.parent?.type === 'arguments' ? f.parent.parent : undefined;
        return call?.type === 'call_expression' && JS_ROUTE.test(call.childForFieldName('function')?.text ?? '');
      });
    case 'python':
      return nodesOf(ctx, 'decorated_definition')
        .filter((d) => d.namedChildren.some((c) => c?.type === 'decorator' && /\.(route|get|post|put|patch|delete|api_route|websocket)\(/.test(c.text)))
        .map((d) => d.childForFieldName('definition'))
        .filter((d): d is Node => !!d);
    case 'go':
      return nodesOf(ctx, ['function_declaration', 'func_literal', 'method_declaration']).filter((f) => /http\.ResponseWriter|\*gin\.Context|echo\.Context|\*fiber\.Ctx/.test(f.childForFieldName('parameters')?.text ?? ''));
    case 'java':
      return nodesOf(ctx, 'method_declaration').filter((m) => /@(Get|Post|Put|Patch|Delete|Request)Mapping/.test(m.namedChildren.find((c) => c?.type === 'modifiers')?.text ?? ''));
  }
  return [];
}
