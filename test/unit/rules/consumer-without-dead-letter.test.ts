import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { classify } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { runCases, type CodeCase } from '../code/table';
import { lines } from './helpers';

const RULE = 'consumer-without-dead-letter';

const local: Record<string, [string, CodeCase[]]> = {
  JavaScript: ['worker.js', [
    { name: 'reports an amqplib consumer that nacks failed messages back onto the queue', text: lines("const amqp = require('amqplib');", "ch.consume('orders', async (msg) => {", '  try { await handle(msg); ch.ack(msg); } catch (e) { ch.nack(msg); }', '});'), expect: [{ at: "ch.consume('orders', async (msg) => {", message: 'is redelivered forever' }] },
    { name: 'does not report a nack without requeue (dead-lettered or dropped)', text: lines("const amqp = require('amqplib');", "ch.consume('orders', async (msg) => {", '  try { await handle(msg); ch.ack(msg); } catch (e) { ch.nack(msg, false, false); }', '});'), expect: [] },
    { name: 'does not report a requeue bounded by the x-death count', text: lines("const amqp = require('amqplib');", "ch.consume('orders', async (msg) => {", "  const deaths = msg.properties.headers['x-death'];", '  try { await handle(msg); ch.ack(msg); } catch (e) { ch.nack(msg); }', '});'), expect: [] },
  ]],
  Python: ['consumer.py', [
    { name: 'reports pika basic_nack that requeues by default', text: lines('import pika', 'def on_message(ch, method, props, body):', '    try:', '        handle(body)', '    except Exception:', '        ch.basic_nack(delivery_tag=method.delivery_tag)', "channel.basic_consume(queue='orders', on_message_callback=on_message)"), expect: [{ at: "channel.basic_consume(queue='orders', on_message_callback=on_message)", message: 'puts a failed message back on the queue' }] },
    { name: "reports aio-pika's message.process() (a failure rejects without requeue) as information when no dead-letter exchange is declared", text: lines('import aio_pika', 'async def run(channel):', "    queue = await channel.declare_queue('billing')", '    await queue.consume(on_message)', 'async def on_message(message):', '    async with message.process():', '        await handle(message.body)'), expect: [{ at: 'queue.consume(on_message)', message: 'discarded without a trace', severity: 'information' }] },
    { name: 'does not report message.process(ignore_processed=True) around a handler that acknowledges itself (its settling is the handler\'s)', text: lines('import aio_pika', 'async def run(channel):', "    queue = await channel.declare_queue('billing')", '    await queue.consume(on_message)', 'async def on_message(message):', '    async with message.process(ignore_processed=True):', '        await handle(message.body)', '        await message.ack()'), expect: [] },
    { name: 'does not report message.process() on a queue declared with a dead-letter exchange', text: lines('import aio_pika', 'async def run(channel):', "    queue = await channel.declare_queue('billing', arguments={'x-dead-letter-exchange': 'dlx'})", '    await queue.consume(on_message)', 'async def on_message(message):', '    async with message.process():', '        await handle(message.body)'), expect: [] },
    { name: 'does not report a queue declared with a dead-letter exchange', text: lines('import pika', "channel.queue_declare(queue='orders', arguments={'x-dead-letter-exchange': 'dlx'})", 'def on_message(ch, method, props, body):', '    ch.basic_nack(delivery_tag=method.delivery_tag)', "channel.basic_consume(queue='orders', on_message_callback=on_message)"), expect: [] },
  ]],
  Go: ['main.go', [
    { name: 'reports amqp091-go Nack with requeue in the delivery loop', text: lines('package main', 'import amqp "github.com/rabbitmq/amqp091-go"', 'func run() {', '\tmsgs, _ := ch.Consume("orders", "", false, false, false, false, nil)', '\tfor d := range msgs {', '\t\tif err := handle(d); err != nil {', '\t\t\td.Nack(false, true)', '\t\t}', '\t}', '}'), expect: [{ at: 'ch.Consume("orders", "", false, false, false, false, nil)', message: 'redelivered forever' }] },
    { name: 'does not report an auto-ack consumer (nothing is redelivered)', text: lines('package main', 'import amqp "github.com/rabbitmq/amqp091-go"', 'func run() {', '\tmsgs, _ := ch.Consume("orders", "", true, false, false, false, nil)', '\tfor d := range msgs {', '\t\thandle(d)', '\t}', '}'), expect: [] },
  ]],
};

for (const [lang, [file, list]] of Object.entries(local)) describe(`${RULE} in ${lang}`, () => runCases(RULE, file, list));

const COMPOSE = lines('services:', '  orders:', '    build: ./orders', '  rabbitmq:', '    image: rabbitmq:3-management', '  kafka:', '    image: bitnami/kafka:3.7');

/** The rule's messages on the code files of a workspace with a compose file building ./orders. */
async function inWorkspace(files: Record<string, string>): Promise<string[]> {
  const all = { '/w/compose.yaml': COMPOSE, ...files };
  const workspace = new WorkspaceIndex({ root: '/w', fs: memoryFs(all) });
  workspace.model.fileChanged('/w/compose.yaml');
  const out: string[] = [];
  for (const path of Object.keys(files).sort()) {
    const kind = classify(path, files[path]);
    if (!kind || kind === 'compose') continue;
    const result = await analyzeSource({ source: makeSource(path, files[path], kind), config: new EffectiveConfig(DEFAULT_SETTINGS), workspace });
    out.push(...result.findings.filter((f) => f.ruleId === RULE).map((f) => `${f.severity}: ${f.message}`));
  }
  return out;
}

const LISTENER = lines('package shop;', 'import org.springframework.amqp.rabbit.annotation.RabbitListener;', 'class Orders {', '  @RabbitListener(queues = "orders") void on(Order o) { repo.save(o); }', '}');
const KAFKAJS = (body: string) => lines("import { Kafka } from 'kafkajs';", "await consumer.subscribe({ topic: 'orders' });", `await consumer.run({ eachMessage: async ({ message }) => { ${body} } });`);

describe(`${RULE} with the service's other files`, () => {
  it('reports a Spring @RabbitListener when no file of its service bounds retries or sets a dead-letter exchange', async () => {
    const found = await inWorkspace({ '/w/orders/src/Orders.java': LISTENER });
    assert.equal(found.length, 1);
    assert.match(found[0], /^warning: .*requeues the message by default/);
  });
  it('does not report it when application.yml enables listener retries', async () => {
    const yml = lines('spring:', '  rabbitmq:', '    listener:', '      simple:', '        retry:', '          enabled: true');
    assert.deepEqual(await inWorkspace({ '/w/orders/src/Orders.java': LISTENER, '/w/orders/src/main/resources/application.yml': yml }), []);
  });
  it('does not report it when another file declares the queue with a dead-letter exchange', async () => {
    const config = lines('package shop;', 'class Config { Queue q() { return QueueBuilder.durable("orders").deadLetterExchange("dlx").build(); } }');
    assert.deepEqual(await inWorkspace({ '/w/orders/src/Orders.java': LISTENER, '/w/orders/src/Config.java': config }), []);
  });
  it('reports a kafkajs handler that lets errors escape, with no dead-letter topic', async () => {
    const found = await inWorkspace({ '/w/orders/consumer.js': KAFKAJS('await save(JSON.parse(message.value));') });
    assert.equal(found.length, 1);
    assert.match(found[0], /blocks its partition/);
  });
  it('does not report a kafkajs handler that catches its errors', async () => {
    assert.deepEqual(await inWorkspace({ '/w/orders/consumer.js': KAFKAJS('try { await save(JSON.parse(message.value)); } catch (e) { log(e); }') }), []);
  });
  it('does not report a Spring @KafkaListener (the default error handler retries a bounded number of times)', async () => {
    const kafka = lines('import org.springframework.kafka.annotation.KafkaListener;', 'class A { @KafkaListener(topics = "orders") void on(String m) { repo.save(m); } }');
    assert.deepEqual(await inWorkspace({ '/w/orders/A.java': kafka }), []);
  });
  it('reports an SQS receive loop without a redrive policy in the repository as information', async () => {
    const sqs = lines('import boto3', 'while True:', "    for m in sqs.receive_message(QueueUrl=URL).get('Messages', []):", '        handle(m)', "        sqs.delete_message(QueueUrl=URL, ReceiptHandle=m['ReceiptHandle'])");
    const found = await inWorkspace({ '/w/orders/worker.py': sqs });
    assert.equal(found.length, 1);
    assert.match(found[0], /^information: .*redrive policy/);
  });
  it('does not report a Spring listener outside any service (its configuration cannot be seen)', async () => {
    assert.deepEqual(await inWorkspace({ '/w/elsewhere/Orders.java': LISTENER }), []);
  });
});
