import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markedGenerated } from '../../../server/src/core/documents/gitattributes';

describe('.gitattributes linguist-generated', () => {
  it('reads folder globs, names at any depth, anchored paths and a bare attribute', () => {
    const text = ['# generated clients and specs', 'docs/openapi/** linguist-generated=true', '*.gen.yaml linguist-generated', '/api/openapi.json text linguist-generated=true', 'sdk/** -diff'].join('\n');
    assert.equal(markedGenerated(text, 'docs/openapi/2026-04.openapi.json'), true);
    assert.equal(markedGenerated(text, 'services/shop/shop.gen.yaml'), true);
    assert.equal(markedGenerated(text, 'api/openapi.json'), true);
    assert.equal(markedGenerated(text, 'docs/api/openapi.json'), false, 'an anchored path matches only from the folder of the file');
    assert.equal(markedGenerated(text, 'openapi/shop.yaml'), false);
    assert.equal(markedGenerated(text, 'sdk/openapi.yaml'), false, 'another attribute says nothing');
  });
  it('lets a later line unset the mark, as git does', () => {
    const text = ['docs/** linguist-generated=true', 'docs/openapi/hand.yaml -linguist-generated'].join('\n');
    assert.equal(markedGenerated(text, 'docs/openapi/hand.yaml'), false);
    assert.equal(markedGenerated(text, 'docs/openapi/other.yaml'), true);
  });
});

describe('code the repository marks linguist-generated', () => {
  it('gets no finding of the code rules, while the same code elsewhere does', async () => {
    const { diskFindings } = await import('../rules/serviceHelpers');
    const server = 'import express from "express";\nconst app = express();\napp.get("/", async (_req, res) => res.json(await (await fetch("http://orders:8080/orders")).json()));\napp.listen(3000);\n';
    const files = { '.gitattributes': 'examples/** linguist-generated=true\n', 'package.json': '{"dependencies": {"express": "4.21.0"}}', 'examples/server.ts': server, 'src/server.ts': server };
    assert.deepEqual(await diskFindings(['missing-timeout'], files), ['src/server.ts']);
  });
});
