import type { Node } from 'web-tree-sitter';
import { callsWithin, hasEffect, type CallSite } from './effects';
import { functionOf } from './syntax';
import type { CodeFile, Endpoint } from './types';

const ACK = /^(ack|Ack|basic_ack|basicAck|commit|commitSync|commitAsync|commitOffsets|CommitMessages|CommitRecords|CommitUncommittedOffsets|MarkMessage|store_offsets|acknowledge)$/;
/** Calls that run work on another thread or task, by name; `submit` and `execute` only on an executor (a use case's `execute` runs in place). */
const HANDOFF = /^(create_task|ensure_future|runAsync|supplyAsync|start_new_thread|apply_async)$/;
const onExecutor = (c: CallSite) => (c.name === 'run_in_executor' || (c.name === 'execute' && /executor/i.test(c.receiver)) || (c.name === 'submit' && /executor|pool|scheduler|workers?\b/i.test(c.receiver)));
const AUTO_COMMIT_OFF = /enable[._]auto[._]commit["']?\s*[:=,]\s*["']?(false|False)|ENABLE_AUTO_COMMIT_CONFIG\s*,\s*"?false|autoCommit\s*:\s*false|setEnableAutoCommit\(\s*false/;

export interface UnsafeAck {
  at: Node;
  message: string;
  related?: { at: Node; message: string }[];
}

const inside = (n: Node, outer: Node) => n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
const firstEffect = (calls: CallSite[]) => calls.find(hasEffect);

/** How a consumer acknowledges before its work is done, if it clearly does; undefined otherwise. */
export function unsafeAck(f: CodeFile, e: Endpoint): UnsafeAck | undefined {
  if (e.role !== 'consumer' || !e.handler) return undefined;
  const calls = callsWithin(f, e.handler);
  if (e.autoAck) {
    // The work: a write or a call elsewhere, or the callback the enclosing function was given (`handler(key, value)`).
    const given = parameterNames(enclosingFunction(e.handler) ?? e.handler);
    const effect = firstEffect(calls) ?? calls.find((c) => !c.receiver && given.has(c.name) && inside(c.node, e.handler!));
    if (!effect) return undefined;
    if (e.library === 'segmentio/kafka-go') return { at: e.autoAck, message: `The consumer of ${topics(e)} reads with ReadMessage in a consumer group, which commits each offset as it returns the message, and then ${describe(effect)}: if the process crashes or the handler fails, the message is gone. Read with FetchMessage and call CommitMessages after the work.`, related: [{ at: effect.node, message: 'the work done after the commit' }] };
    return { at: e.autoAck, message: `The consumer of ${topics(e)} acknowledges each message on delivery (${e.autoAck.parent?.text.replace(/\s+/g, ' ').slice(0, 40) ?? e.autoAck.text}) and its handler then ${describe(effect)}: if the process crashes or the handler fails, the message is gone. Acknowledge after the work is done (manual acknowledgement).`, related: [{ at: effect.node, message: 'the work done after the acknowledgement' }] };
  }
  const direct = calls.filter((c) => inside(c.node, e.handler!));
  const ack = direct.find((c) => ACK.test(c.name) && !inCatchOrBranch(c.node, e.handler!));
  if (ack) {
    const block = enclosingBlock(ack.node);
    const given = parameterNames(e.handler);
    const effect = block && direct.find((c) => c.node.startIndex > ack.node.endIndex && inside(c.node, block) && (hasEffect(c) || localEffect(f, c) || (!c.receiver && given.has(c.name))));
    if (effect) return { at: ack.node, message: `The consumer of ${topics(e)} ${ack.name.toLowerCase().includes('commit') ? 'commits the offset' : 'acknowledges the message'} before its handler ${describe(effect)}: if the process crashes in between, the message is lost. Acknowledge (commit) after the write.`, related: [{ at: effect.node, message: 'the write done after the acknowledgement' }] };
  }
  if (e.broker === 'kafka' && !AUTO_COMMIT_OFF.test(f.text)) {
    const handoff = direct.find((c) => (HANDOFF.test(c.name) || onExecutor(c) || /^(Thread|threading\.Thread)$/.test(c.name)) && c.receiver !== 'self');
    if (handoff && f.kind !== 'go') return { at: handoff.node, message: `The consumer of ${topics(e)} hands each message to another thread or task (${handoff.name}) and does not wait, while the offsets are committed automatically: a crash loses the messages still being processed. Process the message before the next poll, or disable auto-commit and commit after the work.` };
    if (e.library === 'kafkajs') {
      const floating = floatingPromise(f, e.handler);
      if (floating) return { at: floating, message: `The kafkajs handler of ${topics(e)} starts asynchronous work without awaiting it: kafkajs commits the offset when the handler returns, so a crash loses the message. Await the work (or return its promise).` };
    }
  }
  return undefined;
}

const topics = (e: Endpoint) => (e.topics.length ? e.topics.join(', ') : 'its queue');

function describe(c: CallSite): string {
  const what = `${c.receiver ? `${c.receiver.split('\n')[0].slice(0, 30)}.` : ''}${c.name}()`;
  return `calls ${what}`;
}

/** Whether `node` is under a catch clause, an if or an except between it and the handler. */
function inCatchOrBranch(node: Node, handler: Node): boolean {
  for (let p = node.parent; p && !p.equals(handler); p = p.parent) if (/^(catch_clause|except_clause|if_statement|elif_clause|else_clause|if_clause|select_statement|case_clause|communication_case|expression_case|conditional_expression|ternary_expression)$/.test(p.type)) return true;
  return false;
}

/** The run of statements holding a node: a later call in it runs after the node. */
function enclosingBlock(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (/^(statement_block|block|program|module)$/.test(p.type)) return p;
  return undefined;
}

/** The function holding a node (the loop of a consumer is its handler; the function around it takes the callback). */
function enclosingFunction(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (/^(function_declaration|method_declaration|func_literal|function_definition|method_definition|arrow_function|function_expression)$/.test(p.type)) return p;
  return undefined;
}

/** The names of a function's parameters: calling one runs the work its caller handed over (a callback). */
function parameterNames(fn: Node): Set<string> {
  const params = fn.childForFieldName('parameters');
  const names = new Set<string>();
  for (const p of params?.namedChildren ?? []) {
    const id = p?.type === 'identifier' ? p : (p?.childForFieldName('name') ?? p?.childForFieldName('pattern') ?? p?.namedChildren.find((c) => c?.type === 'identifier'));
    if (id?.type === 'identifier' && !/^(self|cls|this)$/.test(id.text)) names.add(id.text);
  }
  return names;
}

/** A call to a function of this file whose body writes (one level down). */
function localEffect(f: CodeFile, c: CallSite): boolean {
  if (c.receiver && !/^(this|self)$/.test(c.receiver)) return false;
  const def = functionOf(f, c.node.childForFieldName('function') ?? c.node.childForFieldName('name') ?? undefined);
  return !!def && callsWithin(f, def, 0).some(hasEffect);
}

/** A statement that calls an async function of this file (or `.then(...)`) without awaiting or returning it. */
function floatingPromise(f: CodeFile, handler: Node): Node | undefined {
  const asyncNames = new Set<string>();
  for (const d of f.tree.rootNode.descendantsOfType(['function_declaration', 'method_definition', 'variable_declarator'])) {
    if (!d) continue;
    const value = d.type === 'variable_declarator' ? d.childForFieldName('value') : d;
    if (value && /^async\b/.test(value.text)) asyncNames.add(d.childForFieldName('name')?.text ?? '');
  }
  const body = handler.childForFieldName('body') ?? handler;
  for (const s of body.descendantsOfType('expression_statement')) {
    const call = s?.namedChildren[0];
    if (call?.type !== 'call_expression') continue;
    const fn = call.childForFieldName('function');
    const name = (fn?.type === 'member_expression' ? fn.childForFieldName('property') : fn)?.text ?? '';
    if (asyncNames.has(name) || name === 'then') return call;
  }
  return undefined;
}
