import type { Node } from 'web-tree-sitter';
import { callsOf, stringsOf } from './syntax';
import type { BrokerFamily, CodeFile, Endpoint } from './types';

const SPRING_KAFKA = /\borg\.springframework\.kafka\b/;
const SPRING_AMQP = /\borg\.springframework\.amqp\b/;

const LISTENERS: Record<string, { broker: BrokerFamily; keys: string[] }> = {
  KafkaListener: { broker: 'kafka', keys: ['topics', 'value'] },
  RabbitListener: { broker: 'rabbitmq', keys: ['queues', 'value', 'queuesToDeclare'] },
};

/** The values of an annotation's element (`topics = {"a", "b"}`, or the single unnamed value). */
function element(f: CodeFile, annotation: Node, keys: string[]): string[] {
  const args = annotation.childForFieldName('arguments');
  for (const a of args?.namedChildren ?? []) {
    if (!a) continue;
    if (a.type === 'element_value_pair' && keys.includes(a.childForFieldName('key')?.text ?? '')) return annotationStrings(f, a.childForFieldName('value'));
    if (a.type !== 'element_value_pair' && keys.includes('value')) return annotationStrings(f, a);
  }
  return [];
}

/** Strings of an annotation value: literals, constants, arrays of them, and `@Queue("q")` inside. */
function annotationStrings(f: CodeFile, v: Node | null): string[] {
  if (!v) return [];
  if (v.type === 'annotation') return element(f, v, ['value', 'name']);
  if (v.type === 'element_value_array_initializer') {
    const parts = v.namedChildren.filter((n): n is Node => !!n).map((n) => annotationStrings(f, n));
    return parts.some((p) => !p.length) ? [] : parts.flat();
  }
  return stringsOf(f, v);
}

/** Spring listeners (`@KafkaListener`, `@RabbitListener`, listener containers) and templates. */
export function springEndpoints(f: CodeFile): Endpoint[] {
  if (f.kind !== 'java') return [];
  const kafka = SPRING_KAFKA.test(f.text);
  const amqp = SPRING_AMQP.test(f.text);
  if (!kafka && !amqp) return [];
  const out: Endpoint[] = [];
  for (const a of f.tree.rootNode.descendantsOfType(['annotation', 'marker_annotation'])) {
    const spec = LISTENERS[a?.childForFieldName('name')?.text ?? ''];
    if (!a || !spec || (spec.broker === 'kafka' ? !kafka : !amqp)) continue;
    const target = a.parent?.parent;
    if (target?.type !== 'method_declaration' && target?.type !== 'class_declaration') continue;
    let topics = element(f, a, spec.keys);
    if (spec.broker === 'rabbitmq' && !topics.length) topics = bindingQueues(f, a);
    out.push({ role: 'consumer', broker: spec.broker, library: `Spring @${a.childForFieldName('name')!.text}`, topics, at: a, handler: target });
  }
  const kafkaTemplates = templateNames(f.text, /KafkaTemplate/);
  const rabbitTemplates = templateNames(f.text, /RabbitTemplate|AmqpTemplate|RabbitOperations|AmqpOperations/);
  for (const c of callsOf(f)) {
    const recv = c.receiver?.text.replace(/^this\./, '') ?? '';
    if (kafka && c.name === 'send' && (/kafkaTemplate/i.test(recv) || kafkaTemplates.has(recv)) && c.args.length >= 2) out.push({ role: 'producer', broker: 'kafka', library: 'Spring KafkaTemplate', topics: stringsOf(f, c.args[0]), at: c.node });
    else if (amqp && /^(convertAndSend|convertSendAndReceive|send)$/.test(c.name) && (/rabbitTemplate|amqpTemplate/i.test(recv) || rabbitTemplates.has(recv)) && c.args.length >= 2) {
      const exchange = c.args.length >= 3 ? stringsOf(f, c.args[0]) : [];
      out.push({ role: 'producer', broker: 'rabbitmq', library: 'Spring RabbitTemplate', topics: exchange.length ? exchange : c.args.length === 2 ? stringsOf(f, c.args[0]) : stringsOf(f, c.args[1]), at: c.node });
    } else if (amqp && /^(setQueueNames|setQueues)$/.test(c.name) && /MessageListenerContainer/.test(f.text)) {
      out.push({ role: 'consumer', broker: 'rabbitmq', library: 'Spring listener container', topics: c.name === 'setQueueNames' ? c.args.flatMap((x) => stringsOf(f, x)) : [], at: c.node });
    }
  }
  return out;
}

/** `@RabbitListener(bindings = @QueueBinding(value = @Queue("q"), exchange = @Exchange("x")))`: the queue and exchange. */
function bindingQueues(f: CodeFile, a: Node): string[] {
  const out: string[] = [];
  for (const inner of a.descendantsOfType('annotation')) {
    const name = inner?.childForFieldName('name')?.text;
    if (inner && (name === 'Queue' || name === 'Exchange')) out.push(...element(f, inner, ['value', 'name']));
  }
  return out;
}

/** Fields, parameters and variables declared with a template type (`KafkaTemplate<Long, Order> template`). */
function templateNames(text: string, type: RegExp): Set<string> {
  const re = new RegExp(`\\b(?:${type.source})\\s*(?:<[^;(){}]*?>)?\\s+(\\w+)\\s*[;,)=]`, 'g');
  return new Set([...text.matchAll(re)].map((m) => m[1]));
}
