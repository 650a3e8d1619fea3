import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeRoute } from '../../../server/src/core/code/routes/types';
import { makeSource } from '../../../server/src/core/documents/source';
import { parseJson } from '../../../server/src/core/documents/json';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { toPlain } from '../../../server/src/core/documents/tree';
import { summarizeSpec } from '../../../server/src/core/workspace/specs/spec';
import { openApiPath, pathItemStub } from '../../../server/src/core/workspace/specs/stub';

const route = (method: CodeRoute['method'], path: string): CodeRoute => ({ method, path, framework: 'express', file: '/w/app.js', at: { start: 0, end: 1 }, auth: [] });

function apply(path: string, text: string, r: CodeRoute): string {
  const source = makeSource(path, text, 'openapi');
  const doc = path.endsWith('.json') ? parseJson(text) : parseYaml(text);
  const fix = pathItemStub(summarizeSpec(source, doc.root)!, r)!;
  assert.equal(fix.file?.path, path);
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const plain = (yaml: string): any => toPlain(parseYaml(yaml).root);

const YAML = `openapi: 3.0.3
info:
  title: Orders
  version: '1'
servers:
  - url: /v1
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        '200':
          description: OK
`;

describe('the path item stub of undocumented-route', () => {
  it('adds a path item with operationId, path parameters and a response to a YAML spec, under its server path', () => {
    const out = apply('/w/openapi.yaml', YAML, route('GET', '/v1/orders/:id'));
    const op = plain(out).paths['/orders/{id}'].get;
    assert.equal(op.operationId, 'getOrdersById');
    assert.deepEqual(op.parameters, [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    assert.deepEqual(Object.keys(op.responses), ['200']);
  });

  it('adds a method to a path item the spec already has', () => {
    const out = apply('/w/openapi.yaml', YAML, route('POST', '/orders'));
    const item = plain(out).paths['/orders'];
    assert.deepEqual(Object.keys(item), ['get', 'post']);
    assert.equal(item.post.operationId, 'postOrders');
  });

  it('writes JSON into a JSON spec', () => {
    const json = JSON.stringify({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'OK' } } } } } }, null, 2);
    const out = JSON.parse(apply('/w/swagger.json', json, route('DELETE', '/a/<int:aid>')));
    assert.deepEqual(out.paths['/a/{aid}'].delete.parameters, [{ name: 'aid', in: 'path', required: true, type: 'string' }]);
  });

  it('writes route templates in OpenAPI syntax', () => {
    assert.equal(openApiPath('/a/:id/b/<int:n>/{x:[0-9]+}/'), '/a/{id}/b/{n}/{x}');
  });
});
