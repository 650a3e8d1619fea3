// `backend-architect graph`: the services, datastores and edges of a workspace, as Mermaid or JSON, from dist/cli.js.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, runJson, tempWorkspace, ROOT } from './helpers';

const SHOP = join(ROOT, 'examples', 'shop');

describe('graph', () => {
  it('prints a Mermaid flowchart of examples/shop with the shared database on the arrows', () => {
    const r = runCli(['graph'], SHOP);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'flowchart LR');
    assert.ok(lines.includes('  postgres[("postgres<br/>postgres: shop")]'), r.stdout);
    assert.ok(lines.includes('  orders -->|shop| postgres'));
    assert.ok(lines.includes('  users -->|shop| postgres'));
    assert.ok(lines.includes('  gateway --> orders'));
  });

  it('prints the model as JSON with relative paths, 1-based positions and no environment values', () => {
    const r = runJson<any>(['graph', 'examples/shop', '--format', 'json'], ROOT);
    assert.equal(r.code, 0, r.stderr);
    const pg = r.json.services.find((s: any) => s.id === 'postgres');
    assert.deepEqual(pg.datastore, { kind: 'postgres', category: 'database', via: 'image' });
    assert.deepEqual(pg.location, { path: 'examples/shop/docker-compose.yml', line: 49, column: 3 });
    const edge = r.json.edges.find((e: any) => e.from === 'orders' && e.to === 'postgres' && e.source === 'environment');
    assert.deepEqual(edge, { from: 'orders', to: 'postgres', source: 'environment', via: 'DATABASE_URL', database: 'shop', location: { path: 'examples/shop/docker-compose.yml', line: 21, column: 7 } });
    assert.ok(!r.stdout.includes('shop-dev-2024'), 'never prints a password from the environment');
    assert.deepEqual(r.json.projects.map((p: any) => p.main), ['examples/shop/docker-compose.yml']);
  });

  it('lists which spec belongs to which service, and each skipped spec with its reason, once', () => {
    const spec = (title: string) => `openapi: 3.0.3\ninfo:\n  title: ${title}\n  version: '1'\npaths:\n  /orders:\n    get:\n      responses:\n        '200':\n          description: OK\n`;
    const { dir, cleanup } = tempWorkspace({
      'compose.yaml': 'services:\n  orders:\n    build: ./orders\n',
      'orders/package.json': '{}',
      'orders/app.js': "const app = require('express')();\napp.get('/orders', (q, r) => r.end());\napp.listen(3000);\n",
      'orders/openapi.yaml': spec('Orders'),
      'specs/petstore.yaml': spec('Petstore'),
    });
    try {
      const r = runJson<any>(['graph', '--format', 'json'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.json.specs, [{ spec: 'orders/openapi.yaml', service: 'orders', via: 'folder' }]);
      assert.deepEqual(r.json.skipped.map((s: any) => s.path), ['specs/petstore.yaml']);
      assert.match(r.json.skipped[0].reason, /neither its file name nor its title names a service/);
      const m = runCli(['graph'], dir);
      assert.ok(m.stdout.includes('%% spec orders/openapi.yaml belongs to orders (folder)\n'), m.stdout);
      assert.equal(m.stdout.split('\n').filter((l) => l.startsWith('%% not compared with code: specs/petstore.yaml')).length, 1);
    } finally {
      cleanup();
    }
  });

  it('follows an override file and a service config file in a temporary workspace', () => {
    const { dir, cleanup } = tempWorkspace({
      'compose.yaml': 'services:\n  api:\n    build: ./api\n  db:\n    image: mariadb:11\n',
      'compose.override.yaml': 'services:\n  worker:\n    build: ./worker\n    environment:\n      DB_HOST: db\n      DB_NAME: jobs\n',
      'api/config/application.yml': 'spring:\n  datasource:\n    url: jdbc:mariadb://db:3306/api\n',
    });
    const r = runCli(['graph'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /api -->\|api\| db/);
    assert.match(r.stdout, /worker -->\|jobs\| db/);
    cleanup();
  });

  it('draws producer -> topic -> consumer through the broker, and leaves a topic that is not a literal unresolved', () => {
    const { dir, cleanup } = tempWorkspace({
      'compose.yaml': 'services:\n  orders:\n    build: ./orders\n  mailer:\n    build: ./mailer\n  audit:\n    build: ./audit\n  rabbitmq:\n    image: rabbitmq:3\n',
      'orders/app.js': "const amqp = require('amqplib');\nch.sendToQueue('order-created', Buffer.from('x'));\nch.sendToQueue(process.env.AUDIT_QUEUE, Buffer.from('x'));\n",
      'mailer/worker.py': "import pika\ndef on_message(ch, method, props, body):\n    ch.basic_ack(delivery_tag=method.delivery_tag)\nchannel.basic_consume(queue='order-created', on_message_callback=on_message)\n",
      'audit/main.go': 'package main\nimport "github.com/nats-io/nats.go"\nfunc main() { nc.Subscribe("audit.>", func(m *nats.Msg) {}) }\n',
    });
    const r = runCli(['graph'], dir);
    const j = runJson<any>(['graph', '--format', 'json'], dir);
    cleanup();
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('  topic_rabbitmq_order_created[/"order-created<br/>rabbitmq"/]'), r.stdout);
    assert.ok(lines.includes('  orders --> topic_rabbitmq_order_created'), r.stdout);
    assert.ok(lines.includes('  topic_rabbitmq_order_created --> mailer'), r.stdout);
    assert.ok(lines.includes('  orders -.->|rabbitmq| rabbitmq'), 'an unresolved queue is a dotted arrow to the broker');
    assert.ok(lines.includes('  topic_nats_audit__[/"audit.#gt;<br/>nats"/]'), 'a broker with no service in the model still gets its topic (its name escaped for Mermaid)');
    const consumer = j.json.messaging.find((m: any) => m.service === 'mailer');
    assert.deepEqual(consumer, { service: 'mailer', role: 'consumer', broker: 'rabbitmq', library: 'pika', topic: 'order-created', brokerService: 'rabbitmq', location: { path: 'mailer/worker.py', line: 4, column: 1 } });
    assert.ok(j.json.messaging.some((m: any) => m.service === 'orders' && m.topic === null && m.brokerService === 'rabbitmq'));
  });

  it('notes on stderr when there is no compose service, and still prints an empty graph', () => {
    const { dir, cleanup } = tempWorkspace({ 'app.py': 'print(1)\n' });
    const r = runCli(['graph'], dir);
    cleanup();
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'flowchart LR\n');
    assert.match(r.stderr, /no compose service or Kubernetes workload found/);
  });

  it('exits 2 on an unknown format or a missing directory', () => {
    assert.equal(runCli(['graph', '--format', 'dot'], SHOP).code, 2);
    const r = runCli(['graph', 'nope'], SHOP);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such directory: nope/);
  });

  it('prints its own help', () => {
    const r = runCli(['graph', '--help'], SHOP);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /graph \[path\] \[--format mermaid\|json\]/);
  });
});
