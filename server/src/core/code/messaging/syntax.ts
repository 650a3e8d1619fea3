import type { Node } from 'web-tree-sitter';
import type { CodeFile } from './types';

/** A call or constructor, alike in every language: `receiver.name(args)`, `name(args)`, `new Name(args)`. */
export interface Call {
  node: Node;
  name: string;
  receiver?: Node;
  args: Node[];
  /** Python keyword arguments. */
  kw: Map<string, Node>;
  isNew: boolean;
}

const CALL_TYPES: Record<string, string[]> = {
  typescript: ['call_expression', 'new_expression'],
  javascript: ['call_expression', 'new_expression'],
  python: ['call'],
  go: ['call_expression'],
  java: ['method_invocation', 'object_creation_expression'],
};

const callCache = new WeakMap<CodeFile, Call[]>();

/** Every call of the file, normalised (one walk per file). */
export function callsOf(f: CodeFile): Call[] {
  let out = callCache.get(f);
  if (out) return out;
  out = [];
  for (const n of f.tree.rootNode.descendantsOfType(CALL_TYPES[f.kind])) if (n) out.push(toCall(n));
  callCache.set(f, out);
  return out;
}

function toCall(node: Node): Call {
  const isNew = node.type === 'new_expression' || node.type === 'object_creation_expression';
  let fn = node.childForFieldName(isNew ? (node.type === 'new_expression' ? 'constructor' : 'type') : 'function');
  let receiver: Node | undefined;
  let name = '';
  if (node.type === 'method_invocation') {
    receiver = node.childForFieldName('object') ?? undefined;
    name = node.childForFieldName('name')?.text ?? '';
  } else if (fn) {
    if (fn.type === 'member_expression' || fn.type === 'attribute' || fn.type === 'selector_expression') {
      receiver = (fn.childForFieldName('object') ?? fn.childForFieldName('operand')) ?? undefined;
      fn = fn.childForFieldName('property') ?? fn.childForFieldName('attribute') ?? fn.childForFieldName('field');
    }
    name = (fn?.text ?? '').replace(/<.*$/s, '').split('.').pop()!;
  }
  const list = node.childForFieldName('arguments');
  const args: Node[] = [];
  const kw = new Map<string, Node>();
  for (const a of list?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'keyword_argument') {
      const k = a.childForFieldName('name')?.text;
      const v = a.childForFieldName('value');
      if (k && v) kw.set(k, v);
    } else args.push(a);
  }
  return { node, name, receiver, args, kw, isNew };
}

const STRING = /^(string|string_literal|interpreted_string_literal|raw_string_literal|template_string)$/;

/** The text of a string literal, without quotes; undefined for anything else or an interpolated string. */
export function literal(n: Node | null | undefined): string | undefined {
  if (!n || !STRING.test(n.type)) return undefined;
  const t = n.text;
  if ((n.type === 'template_string' && t.includes('${')) || (/^[rRbBuU]*[fF]/.test(t) && t.includes('{'))) return undefined;
  const v = t.replace(/^[rRbBuUfF]*("""|'''|"|'|`)/, '').replace(/("""|'''|"|'|`)$/, '');
  // Spring placeholders and SpEL are resolved at run time.
  return /\$\{|#\{/.test(v) ? undefined : v;
}

/**
 * The string values a node stands for: a literal, a constant assigned one literal in this file (also
 * `self.X`/`this.X`/`Cls.X`), or a list of them. Empty when any part is not resolved.
 */
export function stringsOf(f: CodeFile, n: Node | null | undefined): string[] {
  if (!n) return [];
  if (n.type === 'literal_element' || n.type === 'parenthesized_expression') return stringsOf(f, n.namedChildren[0]);
  const lit = literal(n);
  if (lit !== undefined) return lit ? [lit] : [];
  if (/^(array|list|tuple|element_value_array_initializer|composite_literal|literal_value|set)$/.test(n.type)) {
    const items = n.type === 'composite_literal' ? (n.childForFieldName('body')?.namedChildren ?? []) : n.namedChildren;
    const out = items.filter((i): i is Node => !!i && i.type !== 'comment').map((i) => stringsOf(f, i));
    return out.some((o) => !o.length) ? [] : out.flat();
  }
  if (/^(identifier|member_expression|attribute|selector_expression|field_access|scoped_identifier)$/.test(n.type)) {
    const name = n.text.split('.').pop()!;
    const v = constantValue(f.text, name);
    return v ? [v] : [];
  }
  // Java `Arrays.asList("a")`, `List.of("a")`, Python `["a"]` handled above; a call with literal arguments.
  if (/call|method_invocation/.test(n.type) && /\b(asList|of|singletonList)\s*\(/.test(n.text)) {
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    const out = args.filter((a): a is Node => !!a).map((a) => stringsOf(f, a));
    return out.some((o) => !o.length) ? [] : out.flat();
  }
  return [];
}

const constants = new Map<string, Map<string, string | undefined>>();

/** The literal a name is assigned in this file, when it is assigned exactly one (a constant). */
export function constantValue(text: string, name: string): string | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  let byName = constants.get(text);
  if (!byName) {
    if (constants.size > 64) constants.clear();
    constants.set(text, (byName = new Map()));
  }
  if (byName.has(name)) return byName.get(name);
  const n = name.replace(/\$/g, '\\$');
  const lhs = `(?<![\\w$.])(?:this\\.|self\\.)?${n}\\s*(?::\\s*[\\w.\\[\\]<>|]+\\s*)?(?::=|=)(?!=)\\s*`;
  const literals = [...text.matchAll(new RegExp(`${lhs}(["'\`])([^"'\`\\n$]*)\\1`, 'g'))];
  const values = new Set(literals.map((m) => m[2]));
  const assignments = [...text.matchAll(new RegExp(lhs, 'g'))].length;
  const v = values.size === 1 && assignments === literals.length ? [...values][0] : undefined;
  byName.set(name, v || undefined);
  return v || undefined;
}

/** A property of an object literal (JS object, Python dict, Go keyed literal), by key. */
export function prop(obj: Node | null | undefined, key: string): Node | undefined {
  if (!obj) return undefined;
  if (obj.type === 'unary_expression' || obj.type === 'literal_element') return prop(obj.namedChildren[obj.namedChildren.length - 1], key);
  const body = obj.type === 'composite_literal' ? obj.childForFieldName('body') : obj;
  for (const p of body?.namedChildren ?? []) {
    if (!p) continue;
    if (p.type === 'pair' || p.type === 'keyed_element') {
      const k = p.childForFieldName('key');
      const name = k?.type === 'literal_element' ? k.text : (literal(k) ?? k?.text);
      if (name === key) {
        const v = p.childForFieldName('value');
        return v?.type === 'literal_element' ? (v.namedChildren[0] ?? undefined) : (v ?? undefined);
      }
    } else if (p.type === 'shorthand_property_identifier' && p.text === key) return p;
  }
  return undefined;
}

/** The function a handler argument stands for: the function itself, or one named in this file. */
export function functionOf(f: CodeFile, n: Node | undefined): Node | undefined {
  if (!n) return undefined;
  if (/^(arrow_function|function_expression|function|lambda|func_literal|method_reference)$/.test(n.type)) return n;
  // functools.partial(handler, ...) calls the handler with the arguments it binds.
  if (n.type === 'call' && /^(functools\.)?partial$/.test(n.childForFieldName('function')?.text ?? '')) return functionOf(f, n.childForFieldName('arguments')?.namedChildren[0] ?? undefined);
  const name = n.text.split('.').pop()!;
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  const defs = f.tree.rootNode.descendantsOfType(['function_declaration', 'function_definition', 'method_definition', 'method_declaration', 'variable_declarator']);
  for (const d of defs) {
    if (d?.childForFieldName('name')?.text !== name) continue;
    if (d.type === 'variable_declarator') return functionOf(f, d.childForFieldName('value') ?? undefined);
    return d;
  }
  return undefined;
}

/** Whether a node is the boolean `true` of its language. */
export const isTrue = (n: Node | undefined) => !!n && /^(true|True)$/.test(n.text);

/** The enclosing function (declaration, method or literal) of a node. */
export function enclosingFunction(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (/^(function_declaration|function_definition|method_definition|method_declaration|arrow_function|function_expression|func_literal|lambda)$/.test(p.type)) return p;
  return undefined;
}

/** The name a call's result is assigned to (`consumer = KafkaConsumer(...)`, `c := kafka.NewReader(...)`). */
export function assignedName(n: Node): string | undefined {
  const p = n.parent;
  if (p?.type === 'assignment') return p.childForFieldName('left')?.text;
  if (p?.type === 'expression_list' && p.parent?.type === 'short_var_declaration') return p.parent.childForFieldName('left')?.namedChildren[0]?.text;
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  return undefined;
}

/** The loop that reads a consumer's messages: `for msg in consumer`, or the loop around a poll/read call. */
export function loopOver(f: CodeFile, at: Node): Node | undefined {
  const name = assignedName(at) ?? (at.type === 'call' ? at.childForFieldName('function')?.childForFieldName('object')?.text : undefined);
  for (const loop of f.tree.rootNode.descendantsOfType('for_statement')) {
    const range = loop?.namedChildren.find((c) => c?.type === 'range_clause');
    const right = (range ?? loop)?.childForFieldName('right');
    if (loop && name && right && (right.text === name || right.text === `self.${name}`)) return loop.childForFieldName('body') ?? loop;
  }
  for (let p = at.parent; p; p = p.parent) if (/^(for_statement|while_statement)$/.test(p.type)) return p.childForFieldName('body') ?? p;
  const poll = callsOf(f).find((c) => /^(poll|getone|getmany|consume|ReadMessage|FetchMessage|PollFetches|ReadMessage)$/.test(c.name));
  for (let p = poll?.node.parent; p; p = p.parent) if (/^(for_statement|while_statement)$/.test(p.type)) return p.childForFieldName('body') ?? p;
  return undefined;
}
