/** Cheap tests the Go extractor runs before reading a statement, and names it treats specially. */
import type { Node } from 'web-tree-sitter';

/** The statements the extractor reads, found in one walk of the parser. */
export type Step = [Node, string];
export const STEPS = ['call_expression', 'short_var_declaration', 'assignment_statement', 'var_spec', 'keyed_element', 'return_statement'];
/** Method names of router calls (registrations, middleware, chi scopes and mounts). */
export const ROUTER_CALLS = /^(Handle|HandleFunc|Handler|HandlerFunc|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any|Match|Add|Get|Post|Put|Patch|Delete|Head|Options|Method|MethodFunc|Route|Group|Use|Mount)$/;

/** Method names that make a router: constructors, groups, chi `With`, gorilla `Subrouter`. */
export const ROUTER_MAKERS = /^(New|Default|NewRouter|NewMux|NewServeMux|Group|With|Subrouter|StrictSlash|SkipClean|UseEncodedPath)$/;
export const MAKER_HINT = /\.(New|Default|NewRouter|NewMux|NewServeMux|Group|With|Subrouter|StrictSlash)\s*\(|DefaultServeMux/;
/** A call that may be a router call or hand a router to a registering function (a cheap test on its text). */
export const CALL_HINT = /\.(Handle|HandleFunc|Handler|HandlerFunc|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any|Match|Add|Get|Post|Put|Patch|Delete|Head|Options|Method|MethodFunc|Route|Group|Use|Mount)\s*\(/;
export const REGISTER_HINT = /(regist|route|setup|mount|bind|attach|init|api|endpoint|handlers)\w*\s*\(/i;

export function inLoop(n: Node): boolean {
  for (let p = n.parent; p && p.type !== 'function_declaration' && p.type !== 'method_declaration'; p = p.parent) if (p.type === 'for_statement') return true;
  return false;
}

export const args = (call: Node) => (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
export const short = (n: Node) => (n.text.length > 60 ? n.text.slice(0, 57) + '...' : n.text).replace(/\s+/g, ' ');
/** Packages whose functions take a router without declaring routes (servers, middleware wrappers). */
export const NOT_ROUTES = /^[^./]+(\/|$)|^github\.com\/(gorilla|gin-gonic|labstack|go-chi|rs|prometheus|urfave|justinas)\/|^(go\.opentelemetry\.io|golang\.org\/x|go\.uber\.org|google\.golang\.org)\//;
export const REGISTERS = /regist|route|setup|mount|bind|attach|init|api|endpoint|handlers$/i;
