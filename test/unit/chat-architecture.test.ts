import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
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
