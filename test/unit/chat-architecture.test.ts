import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { architectureMarkdown } from '../../server/src/chat/architecture';
import { ChatWorkspace } from '../../server/src/chat/workspace';

const SPEC = `openapi: 3.0.3
info: { title: Orders, version: "2.1" }
servers: [{ url: https://api.example.com/v2 }]
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
paths:
  /orders:
    get: { responses: { "200": { description: ok } } }
    post: { responses: { "201": { description: created } } }
`;

describe('the chat brief of a workspace', () => {
  it('lists each topic with the services that produce to it and consume from it', async () => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'ba-brief-')));
    try {
      const files = { 'compose.yaml': 'services:\n  orders:\n    build: ./orders\n  mailer:\n    build: ./mailer\n  kafka:\n    image: bitnami/kafka:3.7\n', 'orders/app.js': "import { Kafka } from 'kafkajs';\nawait producer.send({ topic: 'order-created', messages });\n", 'mailer/worker.py': "from kafka import KafkaConsumer\nconsumer = KafkaConsumer('order-created')\n" };
      for (const [p, text] of Object.entries(files)) {
        mkdirSync(join(base, p, '..'), { recursive: true });
        writeFileSync(join(base, p), text);
      }
      const ws = await ChatWorkspace.open([base]);
      const md = architectureMarkdown(await ws.architecture());
      assert.match(md, /### Topics and queues \(1\)\n- kafka order-created: produced by orders; consumed by mailer/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('summarizes each OpenAPI spec of each folder (summaries taken during the analysis, specs not kept)', async () => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'ba-brief-')));
    try {
      for (const [p, text] of [['a/api/openapi.yaml', SPEC], ['b/spec.json', JSON.stringify({ swagger: '2.0', info: { title: 'Legacy', version: '1' }, paths: { '/x': { get: { responses: { 200: { description: 'ok' } } } } } })], ['b/broken.yaml', 'openapi: 3.0.3\npaths: [\n']] as const) {
        mkdirSync(join(base, p, '..'), { recursive: true });
        writeFileSync(join(base, p), text);
      }
      const ws = await ChatWorkspace.open([join(base, 'a'), join(base, 'b')]);
      const { specs } = await ws.architecture();
      assert.deepEqual(
        specs.map((s) => ({ ...s, file: s.file.replace(/\\/g, '/') })),
        [
          { file: 'a/api/openapi.yaml', title: 'Orders', version: '2.1', operations: 2, securitySchemes: ['bearer'], servers: ['https://api.example.com/v2'] },
          { file: 'b/spec.json', title: 'Legacy', version: '1', operations: 1, securitySchemes: [], servers: [] },
        ],
      );
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
