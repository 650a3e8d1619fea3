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

  it('says which spec belongs to which service and what was not compared with the code', async () => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'ba-brief-')));
    try {
      const files = {
        'compose.yaml': 'services:\n  orders:\n    build: ./orders\n',
        'orders/package.json': '{}',
        'orders/app.js': "const app = require('express')();\napp.get('/orders', (q, r) => r.end());\napp.delete('/orders/:id', (q, r) => r.end());\napp.listen(3000);\n",
        'orders/openapi.yaml': SPEC,
        'specs/petstore.yaml': SPEC.replace('title: Orders', 'title: Petstore'),
      };
      for (const [p, text] of Object.entries(files)) {
        mkdirSync(join(base, p, '..'), { recursive: true });
        writeFileSync(join(base, p), text);
      }
      const ws = await ChatWorkspace.open([base]);
      const a = await ws.architecture();
      assert.deepEqual(a.apis, [{ spec: 'orders/openapi.yaml', service: 'orders', via: 'folder', routes: 2, undocumented: 1, unimplemented: 1 }]);
      assert.deepEqual(a.notCompared?.map((x) => x.path), ['specs/petstore.yaml']);
      const md = architectureMarkdown(a);
      assert.match(md, /### API specs and the services that serve them \(1\)\n- orders\/openapi\.yaml -> orders \(by folder\): 2 routes in code, 1 not in a spec, 1 operations without a route/);
      assert.match(md, /### Not compared with the code \(1\)\n- specs\/petstore\.yaml: no service folder holds it/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
