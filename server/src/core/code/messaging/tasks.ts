import type { Node } from 'web-tree-sitter';
import { callsOf, functionOf, literal, stringsOf } from './syntax';
import type { CodeFile, Endpoint } from './types';

const CELERY = /^[ \t]*(?:import[ \t]+celery\b|from[ \t]+celery\b)/m;
const BULL = /['"](bullmq|bull)['"]/;

/** Celery tasks (consumers, named by their function) and their callers; BullMQ/Bull workers and queues. */
export function taskEndpoints(f: CodeFile): Endpoint[] {
  if (f.kind === 'python') return celery(f);
  if ((f.kind === 'typescript' || f.kind === 'javascript') && BULL.test(f.text)) return bull(f);
  return [];
}

function celery(f: CodeFile): Endpoint[] {
  const out: Endpoint[] = [];
  const imported = CELERY.test(f.text);
  for (const d of f.tree.rootNode.descendantsOfType('decorated_definition')) {
    const def = d?.childForFieldName('definition');
    if (!d || def?.type !== 'function_definition') continue;
    const deco = d.namedChildren.find((n) => n?.type === 'decorator' && /^@(shared_task|[\w.]+\.task)\b/.test(n.text));
    if (!deco || (!imported && !/^@shared_task/.test(deco.text))) continue;
    const nameArg = deco.descendantsOfType('keyword_argument').find((k) => k?.childForFieldName('name')?.text === 'name');
    const name = literal(nameArg?.childForFieldName('value')) ?? def.childForFieldName('name')!.text;
    out.push({ role: 'consumer', broker: 'celery', library: 'celery', topics: [name], at: deco, handler: def });
  }
  const taskImports = new Set([...f.text.matchAll(/^[ \t]*from[ \t]+[\w.]*tasks[ \t]+import[ \t]+\(?([\w, \t\n]+)\)?/gm)].flatMap((m) => m[1].split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!)));
  const defined = new Set(out.map((e) => e.topics[0]));
  for (const c of callsOf(f)) {
    const recv = c.receiver?.text ?? '';
    if ((c.name === 'delay' || c.name === 'apply_async') && /^\w+$/.test(recv) && (defined.has(recv) || taskImports.has(recv))) out.push({ role: 'producer', broker: 'celery', library: 'celery', topics: [recv], at: c.node });
    else if (c.name === 'send_task' && imported) out.push({ role: 'producer', broker: 'celery', library: 'celery', topics: stringsOf(f, c.args[0]), at: c.node });
  }
  return out;
}

function bull(f: CodeFile): Endpoint[] {
  const out: Endpoint[] = [];
  const library = /['"]bullmq['"]/.test(f.text) ? 'bullmq' : 'bull';
  const queues = new Map<string, Node>();
  for (const c of callsOf(f)) {
    const ctor = c.isNew ? (c.node.childForFieldName('constructor')?.text ?? '') : '';
    if (ctor === 'Worker' && c.args.length >= 2) out.push({ role: 'consumer', broker: 'bullmq', library, topics: stringsOf(f, c.args[0]), at: c.node, ...handlerOf(f, c.args[1]) });
    else if ((ctor === 'Queue' || ctor === 'Bull') && c.args.length >= 1) {
      const v = c.node.parent?.type === 'variable_declarator' ? c.node.parent.childForFieldName('name')?.text : undefined;
      if (v) queues.set(v, c.node);
      const used = v ? callsOf(f).filter((u) => u.receiver?.text.split('.').pop() === v) : [];
      if (used.some((u) => /^(add|addBulk)$/.test(u.name))) out.push({ role: 'producer', broker: 'bullmq', library, topics: stringsOf(f, c.args[0]), at: c.node });
      const process = used.find((u) => u.name === 'process');
      if (process) out.push({ role: 'consumer', broker: 'bullmq', library, topics: stringsOf(f, c.args[0]), at: process.node, ...handlerOf(f, process.args[process.args.length - 1]) });
    }
  }
  return out;
}

function handlerOf(f: CodeFile, n: Node | undefined): { handler?: Node } {
  const h = functionOf(f, n);
  return h ? { handler: h } : {};
}
