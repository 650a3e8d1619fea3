import { describe } from 'node:test';
import { runCases, type CodeCase } from '../code/table';
import { lines } from './helpers';

const RULE = 'unsafe-acknowledgement';

const cases: Record<string, [string, CodeCase[]]> = {
  JavaScript: ['worker.js', [
    { name: 'reports an amqplib consumer with noAck whose handler writes to the database', text: lines("const amqp = require('amqplib');", "ch.consume('orders', async (msg) => { await db.collection('orders').insertOne(JSON.parse(msg.content)); }, { noAck: true });"), expect: [{ at: 'true', message: 'acknowledges each message on delivery' }] },
    { name: 'does not report noAck when the handler only logs', text: lines("const amqp = require('amqplib');", "ch.consume('orders', (msg) => console.log(msg.content.toString()), { noAck: true });"), expect: [] },
    { name: 'does not report a manual-ack consumer that acknowledges after the write', text: lines("const amqp = require('amqplib');", "ch.consume('orders', async (msg) => { await orders.insertOne(JSON.parse(msg.content)); ch.ack(msg); });"), expect: [] },
    { name: 'reports a consumer that acknowledges before its write', text: lines("const amqp = require('amqplib');", "ch.consume('orders', async (msg) => { ch.ack(msg); await orders.insertOne(JSON.parse(msg.content)); });"), expect: [{ at: 'ch.ack(msg)', message: 'acknowledges the message before its handler' }] },
    { name: 'reports a kafkajs handler that starts async work without awaiting it', text: lines("import { Kafka } from 'kafkajs';", 'async function store(m) { await db.insert(m); }', "await consumer.subscribe({ topic: 'orders' });", 'await consumer.run({ eachMessage: async ({ message }) => { store(message); } });'), expect: [{ at: 'store(message)', message: 'without awaiting it' }] },
    { name: 'does not report a kafkajs handler that awaits its work (kafkajs commits after it resolves)', text: lines("import { Kafka } from 'kafkajs';", 'async function store(m) { await db.insert(m); }', "await consumer.subscribe({ topic: 'orders' });", 'await consumer.run({ eachMessage: async ({ message }) => { await store(message); } });'), expect: [] },
  ]],
  Python: ['consumer.py', [
    { name: 'reports pika auto_ack with a callback that inserts', text: lines('import pika', 'def on_message(ch, method, props, body):', '    session.add(Order(body))', '    session.commit()', "channel.basic_consume(queue='orders', on_message_callback=on_message, auto_ack=True)"), expect: [{ at: 'True', message: 'acknowledges each message on delivery' }] },
    { name: 'does not report pika with manual acknowledgement', text: lines('import pika', 'def on_message(ch, method, props, body):', '    session.add(Order(body))', '    ch.basic_ack(delivery_tag=method.delivery_tag)', "channel.basic_consume(queue='orders', on_message_callback=on_message)"), expect: [] },
    { name: 'reports a kafka-python loop that hands messages to a thread pool under auto-commit', text: lines('from kafka import KafkaConsumer', "consumer = KafkaConsumer('orders')", 'for msg in consumer:', '    pool.submit(handle, msg)'), expect: [{ at: 'pool.submit(handle, msg)', message: 'hands each message to another thread' }] },
    { name: 'reports an aio-pika consumer (through functools.partial) that acknowledges before it calls the callback it was given', text: lines('import aio_pika', 'from functools import partial', 'class Client:', '    async def consume(self, callback):', "        queue = await self.channel.declare_queue('billing')", '        await queue.consume(partial(self._process, callback=callback))', '    async def _process(self, message, callback):', '        async with message.process(ignore_processed=True):', '            await message.ack()', '            await callback(message)'), expect: [{ at: 'message.ack()', message: 'acknowledges the message before its handler calls callback()' }] },
    { name: 'does not report an aio-pika consumer that calls the callback before it acknowledges', text: lines('import aio_pika', 'from functools import partial', 'class Client:', '    async def consume(self, callback):', "        queue = await self.channel.declare_queue('billing')", '        await queue.consume(partial(self._process, callback=callback))', '    async def _process(self, message, callback):', '        await callback(message)', '        await message.ack()'), expect: [] },
    { name: 'does not report the hand-off when auto-commit is off', text: lines('from kafka import KafkaConsumer', "consumer = KafkaConsumer('orders', enable_auto_commit=False)", 'for msg in consumer:', '    pool.submit(handle, msg)'), expect: [] },
  ]],
  Go: ['main.go', [
    { name: 'reports amqp091-go autoAck with a loop that inserts', text: lines('package main', 'import amqp "github.com/rabbitmq/amqp091-go"', 'func run() {', '\tmsgs, _ := ch.Consume("orders", "", true, false, false, false, nil)', '\tfor d := range msgs {', '\t\tdb.Exec("INSERT INTO orders VALUES ($1)", d.Body)', '\t}', '}'), expect: [{ at: 'true', message: 'acknowledges each message on delivery' }] },
    { name: 'does not report autoAck when the loop only logs and traces', text: lines('package main', 'import amqp "github.com/streadway/amqp"', 'func run() {', '\tmsgs, _ := ch.Consume("orders", "", true, false, false, false, nil)', '\tfor d := range msgs {', '\t\tlog.Printf("%s", d.Body)', '\t\tgo createSpan(d.Headers)', '\t}', '}'), expect: [] },
    { name: 'reports a kafka-go reader that commits before the write', text: lines('package main', 'import "github.com/segmentio/kafka-go"', 'func run() {', '\tr := kafka.NewReader(kafka.ReaderConfig{Topic: "orders", GroupID: "g"})', '\tfor {', '\t\tm, _ := r.FetchMessage(ctx)', '\t\tr.CommitMessages(ctx, m)', '\t\trepo.Save(m.Value)', '\t}', '}'), expect: [{ at: 'r.CommitMessages(ctx, m)', message: 'commits the offset before' }] },
  ]],
  Java: ['Worker.java', [
    { name: 'reports a @KafkaListener that hands each record to an executor', text: lines('import org.springframework.kafka.annotation.KafkaListener;', 'class L {', '  @KafkaListener(topics = "orders")', '  void on(String m) { taskExecutor.execute(() -> repo.save(m)); }', '}'), expect: [{ at: 'taskExecutor.execute(() -> repo.save(m))', message: 'hands each message to another thread' }] },
    { name: 'does not report a @KafkaListener that calls a use case\'s execute (it runs in place)', text: lines('import org.springframework.kafka.annotation.KafkaListener;', 'class L {', '  @KafkaListener(topics = "orders")', '  void on(String m) { setAllUseCase.execute(m); redisTemplate.execute(script, keys, m); }', '}'), expect: [] },
    { name: 'does not report basicConsume with autoAck when the consumer is not in the file', text: lines('import com.rabbitmq.client.*;', 'class W { void run() { channel.basicConsume("orders", true, consumer); } }'), expect: [] },
  ]],
};

for (const [lang, [file, list]] of Object.entries(cases)) describe(`${RULE} in ${lang}`, () => runCases(RULE, file, list));
