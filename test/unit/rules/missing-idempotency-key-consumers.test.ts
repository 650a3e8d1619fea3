import { describe } from 'node:test';
import { runCases, type CodeCase } from '../code/table';
import { lines } from './helpers';

const RULE = 'missing-idempotency-key';

const cases: Record<string, [string, CodeCase[]]> = {
  JavaScript: ['consumer.js', [
    { name: 'reports a kafkajs consumer that inserts without a de-duplication key', text: lines("const { Kafka } = require('kafkajs');", "await consumer.subscribe({ topic: 'payments' });", 'await consumer.run({ eachMessage: async ({ message }) => { await Payment.create(JSON.parse(message.value)); } });'), expect: [{ at: "consumer.subscribe({ topic: 'payments' })", message: 'inserts data (Payment.create())', severity: 'information' }] },
    { name: 'does not report a consumer that upserts by the event id', text: lines("const { Kafka } = require('kafkajs');", "await consumer.subscribe({ topic: 'payments' });", 'await consumer.run({ eachMessage: async ({ message }) => { const e = JSON.parse(message.value); await payments.updateOne({ eventId: e.id }, { $set: e }, { upsert: true }); } });'), expect: [] },
    { name: 'does not report an amqplib consumer with noAck (delivered at most once)', text: lines("const amqp = require('amqplib');", "ch.consume('orders', async (msg) => { await orders.insertOne(JSON.parse(msg.content)); }, { noAck: true });"), expect: [] },
  ]],
  Python: ['worker.py', [
    { name: 'reports a pika consumer whose callback inserts with SQL', text: lines('import pika', 'def on_message(ch, method, props, body):', '    cur.execute("INSERT INTO orders (body) VALUES (%s)", (body,))', '    ch.basic_ack(delivery_tag=method.delivery_tag)', "channel.basic_consume(queue='orders', on_message_callback=on_message)"), expect: [{ at: "channel.basic_consume(queue='orders', on_message_callback=on_message)", message: 'no de-duplication key' }] },
    { name: 'does not report an insert with ON CONFLICT DO NOTHING', text: lines('import pika', 'def on_message(ch, method, props, body):', '    cur.execute("INSERT INTO orders (id, body) VALUES (%s, %s) ON CONFLICT DO NOTHING", (i, body))', "channel.basic_consume(queue='orders', on_message_callback=on_message)"), expect: [] },
    { name: 'does not report a Celery task that inserts when tasks are acknowledged on receipt (the default)', text: lines('from celery import shared_task', '@shared_task', 'def record(order):', '    Order.objects.create(**order)'), expect: [] },
    { name: 'reports a Celery task that inserts when acks_late is on', text: lines('from celery import shared_task', '@shared_task(acks_late=True)', 'def record(order):', '    Order.objects.create(**order)'), expect: [{ at: '@shared_task(acks_late=True)', message: 'inserts data (Order.objects.create())' }] },
  ]],
  Go: ['main.go', [
    { name: 'reports a sarama claim handler that inserts', text: lines('package main', 'import "github.com/IBM/sarama"', 'func run() { group.Consume(ctx, []string{"orders"}, h) }', 'func (h handler) ConsumeClaim(s sarama.ConsumerGroupSession, c sarama.ConsumerGroupClaim) error {', '\tfor m := range c.Messages() {', '\t\tdb.Exec("INSERT INTO orders VALUES ($1)", m.Value)', '\t\ts.MarkMessage(m, "")', '\t}', '\treturn nil', '}'), expect: [{ at: 'group.Consume(ctx, []string{"orders"}, h)', message: 'Kafka delivers a message again' }] },
  ]],
  Java: ['Listener.java', [
    { name: 'reports a @KafkaListener that saves a new entity', text: lines('import org.springframework.kafka.annotation.KafkaListener;', 'class L {', '  @KafkaListener(topics = "orders")', '  void on(OrderEvent e) { repository.save(new Order(e)); }', '}'), expect: [{ at: '@KafkaListener(topics = "orders")', message: 'repository.save()' }] },
    { name: 'does not report a listener that checks the event id first', text: lines('import org.springframework.kafka.annotation.KafkaListener;', 'class L {', '  @KafkaListener(topics = "orders")', '  void on(OrderEvent e) { if (repository.existsByEventId(e.id())) return; repository.save(new Order(e)); }', '}'), expect: [] },
  ]],
};

for (const [lang, [file, list]] of Object.entries(cases)) describe(`${RULE} for message consumers in ${lang}`, () => runCases(RULE, file, list));
