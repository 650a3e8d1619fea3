import type { Node } from 'web-tree-sitter';
import { callsOf, isTrue, type Call } from './syntax';
import type { CodeFile, Endpoint } from './types';

/** A call that puts a failed message back on its queue (RabbitMQ nack/reject with requeue, JetStream Nak). */
export function requeueCall(f: CodeFile, e: Endpoint): Node | undefined {
  const within = (c: Call) => !e.handler || (c.node.startIndex >= e.handler.startIndex && c.node.endIndex <= e.handler.endIndex);
  for (const c of callsOf(f)) {
    if (!within(c)) continue;
    if (e.broker === 'rabbitmq' && requeues(f, c)) return c.node;
    if (e.broker === 'nats' && /^(Nak|nak|NakWithDelay)$/.test(c.name)) return c.node;
  }
  return undefined;
}

/**
 * aio-pika's `message.process()` without `requeue=True`: when the block raises it rejects the message without
 * requeue, a default that drops a failing message unless the queue dead-letters it (an explicit nack or reject
 * without requeue is a choice the code states, and is not reported).
 */
export function discardCall(f: CodeFile, e: Endpoint): Node | undefined {
  if (e.library !== 'aio-pika') return undefined;
  const within = (c: Call) => !e.handler || (c.node.startIndex >= e.handler.startIndex && c.node.endIndex <= e.handler.endIndex);
  const calls = callsOf(f).filter(within);
  const process = calls.find((c) => c.name === 'process' && !isTrue(c.kw.get('requeue')));
  // With ignore_processed=True, a message the handler acknowledges itself is not settled again by process().
  if (!process || (isTrue(process.kw.get('ignore_processed')) && calls.some((c) => c.name === 'ack'))) return undefined;
  return process.node;
}

function requeues(f: CodeFile, c: Call): boolean {
  const a = c.args;
  switch (c.name) {
    case 'nack': // amqplib nack(msg, allUpTo = false, requeue = true); aio-pika nack(requeue=True)
      if (f.kind === 'python') return !c.kw.has('requeue') || isTrue(c.kw.get('requeue'));
      return a.length === 1 || (a.length >= 3 && isTrue(a[2]));
    case 'reject': // amqplib reject(msg, requeue = true); aio-pika reject(requeue=False)
      if (f.kind === 'python') return isTrue(c.kw.get('requeue'));
      return a.length === 1 || (a.length >= 2 && isTrue(a[1]));
    case 'basic_nack':
      return !c.kw.has('requeue') ? a.length < 3 || isTrue(a[2]) : isTrue(c.kw.get('requeue'));
    case 'basic_reject':
      return !c.kw.has('requeue') ? a.length < 2 || isTrue(a[1]) : isTrue(c.kw.get('requeue'));
    case 'Nack': // amqp091-go d.Nack(multiple, requeue)
      return a.length === 2 && isTrue(a[1]);
    case 'Reject':
      return a.length === 1 && isTrue(a[0]);
    case 'basicNack':
      return a.length === 3 && isTrue(a[2]);
    case 'basicReject':
      return a.length === 2 && isTrue(a[1]);
  }
  return false;
}

/** The code counts deliveries itself (x-death, redelivered flags, a retry header) and can stop. */
export const COUNTS_DELIVERIES = /x-death|x-delivery-count|x-retry|redelivered|Redelivered|delivery_count|deliveryCount|NumDelivered|num_delivered|retry_?count|retryCount|attempts?Made|max_?retries|maxRetries/;

/** A kafkajs handler whose work sits in a try whose catch does not rethrow: a failing message is skipped. */
export function catchesAll(handler: Node): boolean {
  const body = handler.childForFieldName('body') ?? handler;
  return body.descendantsOfType('try_statement').some((t) => {
    const handlerClause = t?.namedChildren.find((n) => n?.type === 'catch_clause');
    return !!handlerClause && !/\bthrow\b/.test(handlerClause.text);
  });
}

