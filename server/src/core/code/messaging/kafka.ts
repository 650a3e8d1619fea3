import type { Node } from 'web-tree-sitter';
import { assignedName, callsOf, functionOf, literal, loopOver, prop, stringsOf, type Call } from './syntax';
import type { CodeFile, Endpoint } from './types';

const KAFKAJS = /['"]kafkajs['"]/;
const RDKAFKA = /['"]node-rdkafka['"]/;
const KAFKA_NODE = /['"]kafka-node['"]/;
const PY_KAFKA = /^[ \t]*(?:from|import)[ \t]+(kafka|confluent_kafka|aiokafka)\b/m;
const GO_KAFKA = /"github\.com\/(?:(?:Shopify|IBM)\/sarama|segmentio\/kafka-go|twmb\/franz-go\/pkg\/kgo|confluentinc\/confluent-kafka-go(?:\/v2)?\/kafka)"/;
const JAVA_KAFKA = /\borg\.apache\.kafka\.clients\b/;

const producer = (library: string, at: Node, topics: string[]): Endpoint => ({ role: 'producer', broker: 'kafka', library, topics, at });
const consumer = (library: string, at: Node, topics: string[], handler?: Node): Endpoint => ({ role: 'consumer', broker: 'kafka', library, topics, at, ...(handler ? { handler } : {}) });

/** Kafka producers and consumers of the client libraries (Spring Kafka is in spring.ts). */
export function kafkaEndpoints(f: CodeFile): Endpoint[] {
  switch (f.kind) {
    case 'typescript':
    case 'javascript':
      return [...(KAFKAJS.test(f.text) ? kafkajs(f) : []), ...(RDKAFKA.test(f.text) ? rdkafka(f) : []), ...(KAFKA_NODE.test(f.text) ? kafkaNode(f) : [])];
    case 'python':
      return PY_KAFKA.test(f.text) ? python(f) : [];
    case 'go':
      return GO_KAFKA.test(f.text) ? go(f) : [];
    case 'java':
      return JAVA_KAFKA.test(f.text) ? java(f) : [];
  }
}

function kafkajs(f: CodeFile): Endpoint[] {
  const out: Endpoint[] = [];
  const calls = callsOf(f);
  for (const c of calls) {
    const opts = c.args[0];
    if (opts?.type !== 'object') continue;
    if (c.name === 'send' && prop(opts, 'messages')) out.push(producer('kafkajs', c.node, stringsOf(f, prop(opts, 'topic'))));
    else if (c.name === 'sendBatch' && prop(opts, 'topicMessages')) out.push(producer('kafkajs', c.node, []));
    else if (c.name === 'subscribe' && (prop(opts, 'topic') || prop(opts, 'topics'))) {
      const run = calls.find((r) => r.name === 'run' && r.receiver?.text === c.receiver?.text && r.args[0]?.type === 'object');
      const each = run && (prop(run.args[0], 'eachMessage') ?? prop(run.args[0], 'eachBatch'));
      out.push(consumer('kafkajs', c.node, stringsOf(f, prop(opts, 'topic') ?? prop(opts, 'topics')), functionOf(f, each)));
    }
  }
  return out;
}

function rdkafka(f: CodeFile): Endpoint[] {
  const out: Endpoint[] = [];
  const calls = callsOf(f);
  for (const c of calls) {
    if (c.name === 'produce' && c.args.length >= 3) out.push(producer('node-rdkafka', c.node, stringsOf(f, c.args[0])));
    else if (c.name === 'subscribe' && c.args[0]?.type === 'array') {
      const on = calls.find((r) => r.name === 'on' && r.receiver?.text === c.receiver?.text && literal(r.args[0]) === 'data');
      out.push(consumer('node-rdkafka', c.node, stringsOf(f, c.args[0]), functionOf(f, on?.args[1])));
    }
  }
  return out;
}

/** The topics of kafka-node payloads (`[{ topic: 'orders', partition: 0 }]`) or topic lists (`['orders']`). */
function payloadTopics(f: CodeFile, n: Node | undefined): string[] {
  if (n?.type !== 'array') return stringsOf(f, n);
  return n.namedChildren.flatMap((i) => (i?.type === 'object' ? stringsOf(f, prop(i, 'topic')) : stringsOf(f, i)));
}

/** kafka-node: `new Consumer(client, payloads, options)`, `new ConsumerGroup(options, topics)` with `.on('message', ...)`; `producer.send([{ topic, messages }])`. */
function kafkaNode(f: CodeFile): Endpoint[] {
  const out: Endpoint[] = [];
  const calls = callsOf(f);
  for (const c of calls) {
    const isNew = c.node.type === 'new_expression';
    if (isNew && /^(Consumer|ConsumerGroup|ConsumerGroupStream)$/.test(c.name)) {
      const topics = payloadTopics(f, c.name === 'Consumer' ? c.args[1] : c.args[1]);
      const name = assignedName(c.node);
      const on = name ? calls.find((r) => r.name === 'on' && r.receiver?.text === name && literal(r.args[0]) === 'message') : undefined;
      out.push(consumer('kafka-node', c.node, topics, functionOf(f, on?.args[1])));
    } else if (!isNew && c.name === 'send' && c.args[0]?.type === 'array' && c.args[0].namedChildren.some((i) => i?.type === 'object' && prop(i, 'topic') && prop(i, 'messages'))) {
      out.push(producer('kafka-node', c.node, payloadTopics(f, c.args[0])));
    }
  }
  return out;
}

function python(f: CodeFile): Endpoint[] {
  const out: Endpoint[] = [];
  const lib = (name: string) => (/AIOKafka/.test(name) || /aiokafka/.test(f.text) ? 'aiokafka' : /confluent_kafka/.test(f.text) ? 'confluent-kafka' : 'kafka-python');
  const calls = callsOf(f);
  for (const c of calls) {
    if (/^(KafkaConsumer|AIOKafkaConsumer)$/.test(c.name) && !c.receiver) {
      const topics = c.args.filter((a) => literal(a) !== undefined || a.type === 'identifier').flatMap((a) => stringsOf(f, a));
      const subscribe = calls.find((s) => s.name === 'subscribe');
      if (!c.args.length && subscribe) continue; // the subscribe call is the consumer
      out.push(consumer(lib(c.name), c.node, c.args.length ? topics : [], loopOver(f, c.node)));
    } else if (c.name === 'subscribe' && (c.args[0] || c.kw.get('topics')) && /\b(Consumer|KafkaConsumer|AIOKafkaConsumer)\(/.test(f.text)) {
      out.push(consumer(lib(f.text), c.node, stringsOf(f, c.args[0] ?? c.kw.get('topics')), loopOver(f, c.node)));
    } else if (/^(send|send_and_wait)$/.test(c.name) && /\b(KafkaProducer|AIOKafkaProducer)\b/.test(f.text) && (c.args[0] || c.kw.get('topic'))) {
      out.push(producer(lib(f.text), c.node, stringsOf(f, c.args[0] ?? c.kw.get('topic'))));
    } else if (c.name === 'produce' && /\bProducer\(/.test(f.text) && (c.args[0] || c.kw.get('topic'))) {
      out.push(producer('confluent-kafka', c.node, stringsOf(f, c.args[0] ?? c.kw.get('topic'))));
    }
  }
  return out;
}

function go(f: CodeFile): Endpoint[] {
  const out: Endpoint[] = [];
  const lib = /sarama"/.test(f.text) ? 'sarama' : /segmentio\/kafka-go"/.test(f.text) ? 'segmentio/kafka-go' : /franz-go/.test(f.text) ? 'franz-go' : 'confluent-kafka-go';
  for (const lit of f.tree.rootNode.descendantsOfType('composite_literal')) {
    const type = lit?.childForFieldName('type')?.text ?? '';
    const topic = () => stringsOf(f, prop(lit, 'Topic'));
    if (/\b(ProducerMessage|Record)$/.test(type)) out.push(producer(lib, lit!, topic()));
    else if (/\b(Writer|WriterConfig)$/.test(type) && lib === 'segmentio/kafka-go') out.push(producer(lib, lit!, topic()));
    else if (/\bReaderConfig$/.test(type) && lib === 'segmentio/kafka-go') out.push(kafkaGoReader(f, lit!, [...topic(), ...stringsOf(f, prop(lit, 'GroupTopics'))]));
  }
  for (const c of callsOf(f)) {
    if (c.name === 'ConsumePartition' && c.args.length >= 3) out.push(consumer(lib, c.node, stringsOf(f, c.args[0]), loopOver(f, c.node)));
    else if (c.name === 'Consume' && c.args.length === 3 && lib === 'sarama') out.push(consumer(lib, c.node, stringsOf(f, c.args[1]), goMethod(f, 'ConsumeClaim')));
    else if (c.name === 'ConsumeTopics' && lib === 'franz-go') out.push(consumer(lib, c.node, c.args.flatMap((a) => stringsOf(f, a)), loopOver(f, c.node)));
    else if (/^(SubscribeTopics|Subscribe)$/.test(c.name) && lib === 'confluent-kafka-go' && c.args.length === 2) out.push(consumer(lib, c.node, stringsOf(f, c.args[0]), loopOver(f, c.node)));
    else if (c.name === 'Produce' && lib === 'confluent-kafka-go' && c.args.length === 2) out.push(producer(lib, c.node, []));
  }
  return out;
}

/**
 * A kafka-go reader. In a consumer group (`GroupID` set), `ReadMessage` commits the offset as it returns the message
 * (at once, or on the next tick of `CommitInterval`), before the loop's work: the read call is its acknowledgement.
 * `FetchMessage` with `CommitMessages` after the work is the safe form.
 */
function kafkaGoReader(f: CodeFile, config: Node, topics: string[]): Endpoint {
  const loop = loopOver(f, config);
  const e = consumer('segmentio/kafka-go', config, topics, loop);
  const read = prop(config, 'GroupID') && loop ? loop.descendantsOfType('call_expression').find((c) => c?.childForFieldName('function')?.childForFieldName('field')?.text === 'ReadMessage') : undefined;
  return read ? { ...e, autoAck: read } : e;
}

function goMethod(f: CodeFile, name: string): Node | undefined {
  return f.tree.rootNode.descendantsOfType('method_declaration').find((m) => m?.childForFieldName('name')?.text === name) ?? undefined;
}

function java(f: CodeFile): Endpoint[] {
  const out: Endpoint[] = [];
  for (const c of callsOf(f) as Call[]) {
    if (c.isNew && /^ProducerRecord/.test(c.node.childForFieldName('type')?.text ?? '')) out.push(producer('kafka-clients', c.node, stringsOf(f, c.args[0])));
    else if (c.name === 'subscribe' && c.args.length >= 1 && /KafkaConsumer/.test(f.text)) out.push(consumer('kafka-clients', c.node, stringsOf(f, c.args[0]), loopOver(f, c.node)));
  }
  return out;
}
