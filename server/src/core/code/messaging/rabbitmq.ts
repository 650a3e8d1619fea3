import type { Node } from 'web-tree-sitter';
import { assignedName, callsOf, loopOver, functionOf, isTrue, literal, prop, stringsOf, type Call } from './syntax';
import type { CodeFile, Endpoint } from './types';

const AMQPLIB = /['"](amqplib(\/callback_api)?|amqp-connection-manager)['"]|\.(assertQueue|sendToQueue|bindQueue|assertExchange)\(/;
const PIKA = /^[ \t]*(?:import[ \t]+pika\b|from[ \t]+pika\b)/m;
const AIO_PIKA = /^[ \t]*(?:import|from)[ \t]+aio_pika\b/m;
const GO_AMQP = /"github\.com\/(rabbitmq\/amqp091-go|streadway\/amqp)"/;
const JAVA_AMQP = /\bcom\.rabbitmq\.client\b/;

const endpoint = (role: Endpoint['role'], library: string, at: Node, topics: string[], extra: Partial<Endpoint> = {}): Endpoint => ({ role, broker: 'rabbitmq', library, topics, at, ...extra });

/** The exchange a message is published to, or the routing key (a queue) when it goes to the default exchange. */
function target(f: CodeFile, exchange: Node | undefined, key: Node | undefined): string[] {
  const ex = exchange ? stringsOf(f, exchange) : [];
  if (ex.length) return ex;
  return exchange && literal(exchange) === undefined && !/^(None|nil|null)$/.test(exchange.text) ? [] : stringsOf(f, key);
}

/** Exchanges a queue is bound to in this file (`queue_bind`, `QueueBind`, `bindQueue`), with the queue. */
function withBindings(f: CodeFile, queues: string[]): string[] {
  const out = [...queues];
  for (const c of callsOf(f)) {
    let q: Node | undefined, ex: Node | undefined;
    if (c.name === 'bindQueue' || c.name === 'QueueBind') [q, ex] = c.name === 'QueueBind' ? [c.args[0], c.args[2]] : [c.args[0], c.args[1]];
    else if (c.name === 'queue_bind') [q, ex] = [c.kw.get('queue') ?? c.args[0], c.kw.get('exchange') ?? c.args[1]];
    else continue;
    const qs = stringsOf(f, q).length ? stringsOf(f, q) : declaredQueue(f, q);
    if (qs.some((x) => queues.includes(x))) out.push(...stringsOf(f, ex));
  }
  return [...new Set(out)];
}

/** The queue a variable holds: `q, _ := ch.QueueDeclare("orders", ...)`, then `q.Name`. */
function declaredQueue(f: CodeFile, n: Node | undefined): string[] {
  const name = /^(\w+)(?:\.(?:Name|name|queue))?$/.exec(n?.text ?? '')?.[1];
  if (!name) return [];
  const declare = callsOf(f).find((d) => /^(QueueDeclare|queue_declare|assertQueue|declare_queue)$/.test(d.name) && assignedName(d.node.parent?.type === 'await' || d.node.parent?.type === 'await_expression' ? d.node.parent : d.node) === name);
  return declare ? stringsOf(f, declare.args[0] ?? declare.kw.get('queue')) : [];
}

/** RabbitMQ producers and consumers of the client libraries (Spring AMQP is in spring.ts). */
export function rabbitEndpoints(f: CodeFile): Endpoint[] {
  const lib = f.kind === 'python' ? (AIO_PIKA.test(f.text) ? 'aio-pika' : PIKA.test(f.text) ? 'pika' : '') : f.kind === 'go' ? (GO_AMQP.test(f.text) ? 'amqp091-go' : '') : f.kind === 'java' ? (JAVA_AMQP.test(f.text) ? 'amqp-client' : '') : AMQPLIB.test(f.text) ? 'amqplib' : '';
  if (!lib) return [];
  const out: Endpoint[] = [];
  for (const c of callsOf(f)) {
    const e = lib === 'amqplib' ? amqplib(f, c) : lib === 'pika' ? pika(f, c) : lib === 'aio-pika' ? aioPika(f, c) : lib === 'amqp091-go' ? goAmqp(f, c) : javaAmqp(f, c);
    if (e) out.push(e);
  }
  return out;
}

function amqplib(f: CodeFile, c: Call): Endpoint | undefined {
  if (!c.receiver) return undefined; // a local function named like a channel method
  if (c.name === 'consume' && c.args.length >= 2) {
    const noAck = prop(c.args[2], 'noAck');
    return endpoint('consumer', 'amqplib', c.node, withBindings(f, stringsOf(f, c.args[0])), { handler: functionOf(f, c.args[1]), ...(isTrue(noAck) ? { autoAck: noAck } : {}) });
  }
  if (c.name === 'sendToQueue' && c.args.length >= 2) return endpoint('producer', 'amqplib', c.node, stringsOf(f, c.args[0]));
  if (c.name === 'publish' && c.args.length >= 3) return endpoint('producer', 'amqplib', c.node, target(f, c.args[0], c.args[1]));
  return undefined;
}

function pika(f: CodeFile, c: Call): Endpoint | undefined {
  if (c.name === 'basic_consume') {
    const queue = c.kw.get('queue') ?? c.args.find((a) => literal(a) !== undefined);
    const callback = c.kw.get('on_message_callback') ?? c.kw.get('consumer_callback') ?? c.args.find((a) => literal(a) === undefined);
    const ack = c.kw.get('auto_ack') ?? c.kw.get('no_ack');
    return endpoint('consumer', 'pika', c.node, withBindings(f, stringsOf(f, queue)), { handler: functionOf(f, callback), ...(isTrue(ack) ? { autoAck: ack } : {}) });
  }
  if (c.name === 'basic_publish') return endpoint('producer', 'pika', c.node, target(f, c.kw.get('exchange') ?? c.args[0], c.kw.get('routing_key') ?? c.args[1]));
  return undefined;
}

function aioPika(f: CodeFile, c: Call): Endpoint | undefined {
  if ((c.name === 'consume' && c.args.length >= 1) || c.name === 'iterator') {
    const queueVar = c.receiver?.text;
    const declare = callsOf(f).find((d) => d.name === 'declare_queue' && assignedName(d.node.parent?.type === 'await' ? d.node.parent : d.node) === queueVar);
    const ack = c.kw.get('no_ack');
    const handler = c.name === 'consume' ? functionOf(f, c.args[0]) : loopOver(f, c.node);
    return endpoint('consumer', 'aio-pika', c.node, withBindings(f, stringsOf(f, declare?.args[0] ?? declare?.kw.get('name'))), { ...(handler ? { handler } : {}), ...(isTrue(ack) ? { autoAck: ack } : {}) });
  }
  if (c.name === 'publish' && (c.kw.has('routing_key') || c.args.length >= 2)) {
    const key = c.kw.get('routing_key') ?? c.args[1];
    return endpoint('producer', 'aio-pika', c.node, /default_exchange/.test(c.receiver?.text ?? '') ? stringsOf(f, key) : []);
  }
  return undefined;
}

function goAmqp(f: CodeFile, c: Call): Endpoint | undefined {
  if (c.name === 'Consume' && c.args.length === 7) {
    const loop = goRangeOver(f, c.node);
    return endpoint('consumer', 'amqp091-go', c.node, withBindings(f, stringsOf(f, c.args[0])), { ...(loop ? { handler: loop } : {}), ...(isTrue(c.args[2]) ? { autoAck: c.args[2] } : {}) });
  }
  if (c.name === 'Publish' && c.args.length === 5) return endpoint('producer', 'amqp091-go', c.node, target(f, c.args[0], c.args[1]));
  if ((c.name === 'PublishWithContext' || c.name === 'PublishWithDeferredConfirmWithContext') && c.args.length === 6) return endpoint('producer', 'amqp091-go', c.node, target(f, c.args[1], c.args[2]));
  return undefined;
}

/** The body of `for d := range msgs` where msgs is what the call returned. */
function goRangeOver(f: CodeFile, call: Node): Node | undefined {
  const name = assignedName(call);
  if (!name) return undefined;
  for (const loop of f.tree.rootNode.descendantsOfType('for_statement')) {
    const range = loop?.namedChildren.find((n) => n?.type === 'range_clause');
    if (range?.childForFieldName('right')?.text === name) return loop!.childForFieldName('body') ?? loop!;
  }
  return undefined;
}

function javaAmqp(f: CodeFile, c: Call): Endpoint | undefined {
  if (c.name === 'basicConsume' && c.args.length >= 2) {
    const autoAck = c.args.length >= 3 && isTrue(c.args[1]) ? c.args[1] : undefined;
    return endpoint('consumer', 'amqp-client', c.node, withBindings(f, stringsOf(f, c.args[0])), autoAck ? { autoAck } : {});
  }
  if (c.name === 'basicPublish' && c.args.length >= 4) return endpoint('producer', 'amqp-client', c.node, target(f, c.args[0], c.args[1]));
  return undefined;
}
