import type { Node } from 'web-tree-sitter';
import type { Report, RuleContext } from '../rules/types';
import { nodesOf, span } from './common';
import { requestHandlers } from './handlers';
import { jsImports, moduleName, propertyOf } from './js/imports';

interface Container {
  name: string;
  at: Node;
  /** The declaration's text (its type arguments say what it holds). */
  declared: string;
}

/**
 * Handles of work running in this process (`Map<string, AbortController>`, `map[string]context.CancelFunc`, open
 * sockets, timers, SSE emitters): they cannot be kept in Redis, and each replica holds its own by design.
 */
const PROCESS_HANDLE = /\b(?:AbortController|CancelFunc|WebSocket\w*|\w*Socket|Socket\w*|NodeJS\.Timeout|Timer|ChildProcess|Worker|SseEmitter|ServerResponse|Subscription|EventEmitter|Conn)\b|\bchan\b/;

const JS_CONTAINER = /^(new\s+(Map|Set)\b[^]*|\{\s*\}|\[\s*\])$/;
const PY_CONTAINER = /^(\{\s*\}|\[\s*\]|dict\(\s*\)|set\(\s*\)|list\(\s*\)|(collections\.)?(defaultdict|OrderedDict|Counter)\([^]*\))$/;
const JAVA_CONTAINER = /^new\s+(HashMap|ConcurrentHashMap|LinkedHashMap|TreeMap|ArrayList|HashSet|CopyOnWriteArrayList|LinkedList)\b/;

/** Containers declared at module level (package level in Go, fields in Java). */
function containers(ctx: RuleContext): Container[] {
  const root = ctx.tree?.rootNode;
  if (!root) return [];
  const out: Container[] = [];
  const kind = ctx.source.kind;
  if (kind === 'typescript' || kind === 'javascript') {
    for (const stmt of root.namedChildren) {
      const decl = stmt?.type === 'export_statement' ? stmt.namedChildren.find((c) => c?.type === 'lexical_declaration' || c?.type === 'variable_declaration') : stmt;
      if (decl?.type !== 'lexical_declaration' && decl?.type !== 'variable_declaration') continue;
      for (const d of decl.namedChildren) {
        const name = d?.childForFieldName('name');
        const value = d?.childForFieldName('value');
        if (name?.type === 'identifier' && value && JS_CONTAINER.test(value.text)) out.push({ name: name.text, at: name, declared: d!.text });
      }
    }
  } else if (kind === 'python') {
    for (const stmt of root.namedChildren) {
      const a = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
      const right = a?.childForFieldName('right');
      if (left?.type === 'identifier' && right && PY_CONTAINER.test(right.text)) out.push({ name: left.text, at: left, declared: a!.text });
    }
  } else if (kind === 'go') {
    for (const spec of nodesOf(ctx, 'var_spec')) {
      if (spec.parent?.parent?.type !== 'source_file' && spec.parent?.type !== 'var_declaration') continue;
      if (spec.parent?.type === 'var_declaration' && spec.parent.parent?.type !== 'source_file') continue;
      if (spec.parent?.type === 'var_spec_list' && spec.parent.parent?.parent?.type !== 'source_file') continue;
      const name = spec.childForFieldName('name');
      if (name && /map\[|sync\.Map/.test(spec.text)) out.push({ name: name.text, at: name, declared: spec.text });
    }
  } else if (kind === 'java') {
    for (const field of nodesOf(ctx, 'field_declaration')) {
      const d = field.childForFieldName('declarator');
      const name = d?.childForFieldName('name');
      const value = d?.childForFieldName('value');
      const cls = field.parent?.parent;
      const annotations = cls?.namedChildren.find((c) => c?.type === 'modifiers')?.text ?? '';
      if (name && value && JAVA_CONTAINER.test(value.text) && /@(RestController|Controller|Service|Component)\b/.test(annotations)) out.push({ name: name.text, at: name, declared: field.text });
    }
  }
  return out;
}

function writePattern(kind: string, name: string): RegExp {
  const n = name.replace(/\$/g, '\\$');
  const index = `\\b${n}\\[[^\\]]+\\]\\s*=[^=]`;
  switch (kind) {
    case 'python':
      return new RegExp(`${index}|\\b${n}\\.(append|update|setdefault|add|extend|insert)\\(`);
    case 'go':
      return new RegExp(`${index}|\\b${n}\\.Store\\(|\\b${n}\\s*=\\s*append\\(`);
    case 'java':
      return new RegExp(`\\b${n}\\.(put|add|putIfAbsent|computeIfAbsent|merge|compute|addAll|putAll)\\(`);
    default:
      return new RegExp(`${index}|\\b${n}\\.(set|push|add|unshift)\\(`);
  }
}

/** express-session without a store keeps sessions in its MemoryStore. */
function expressSessions(ctx: RuleContext): Report[] {
  if (!ctx.source.text.includes('express-session') || !ctx.tree) return [];
  const imports = jsImports(ctx);
  const out: Report[] = [];
  for (const call of nodesOf(ctx, 'call_expression')) {
    const fn = call.childForFieldName('function');
    const b = fn?.type === 'identifier' ? imports.get(fn.text) : undefined;
    if (!b || moduleName(b.module) !== 'express-session') continue;
    const opts = call.childForFieldName('arguments')?.namedChildren[0];
    if (opts && (opts.type !== 'object' || propertyOf(opts, 'store') !== undefined)) continue;
    out.push({ message: 'express-session has no store: sessions live in its MemoryStore, which leaks, is lost on every restart and is not shared between replicas; use a shared store (Redis, a database)', at: span(fn!) });
  }
  return out;
}

/** Per-user state kept in the memory of a service: module-level containers written by request handlers, express-session's MemoryStore. */
export function inMemoryState(ctx: RuleContext): Report[] {
  const out = expressSessions(ctx);
  const vars = containers(ctx);
  if (!vars.length) return out;
  const handlers = requestHandlers(ctx);
  for (const v of vars) {
    if (PROCESS_HANDLE.test(v.declared)) continue;
    const re = writePattern(ctx.source.kind, v.name);
    const writer = handlers.find((h) => re.test(h.text));
    if (!writer) continue;
    const session = /session|login|auth|token/i.test(v.name);
    out.push({
      message: `${v.name} keeps ${session ? 'log-in sessions' : 'state'} in process memory and request handlers write to it: it is lost on restart and each replica sees its own copy; keep it in a shared store (Redis, a database) so the service stays stateless`,
      at: span(v.at),
      ...(session ? {} : { severity: 'information' as const }),
      related: [{ at: span(writer), message: `written by this request handler` }],
    });
  }
  return out;
}
