import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runJson, tempWorkspace } from './helpers';

const SPEC = { swagger: '2.0', info: { title: 'orders', version: '1.0' }, paths: { '/v1/orders': { get: { responses: { '200': { description: 'ok' } } } } } };
const YAML = ['swagger: "2.0"', 'info:', '  title: orders', '  version: "1.0"', 'paths:', '  /v1/orders:', '    get:', '      responses:', "        '200':", '          description: ok', ''].join('\n');

interface Report {
  files: { path: string; findings: { ruleId: string; related?: { path: string; message: string }[] }[] }[];
}

describe('lint: copies of one API contract', () => {
  it('reports a spec written as JSON and YAML, and again in another folder, once: on the first copy, naming the others', (t) => {
    const ws = tempWorkspace({ 'api/orders/swagger.json': JSON.stringify(SPEC, null, 2), 'api/orders/swagger.yaml': YAML, 'internal/orders/docs/swagger.json': JSON.stringify(SPEC) });
    t.after(ws.cleanup);
    const r = runJson<Report>(['lint', '--format', 'json'], ws.dir);
    assert.deepEqual(r.json.files.map((f) => f.path), ['api/orders/swagger.json']);
    const first = r.json.files[0].findings;
    assert.ok(first.length > 0);
    for (const f of first) assert.deepEqual(f.related?.filter((x) => /copy of this API/.test(x.message)).map((x) => x.path), ['api/orders/swagger.yaml', 'internal/orders/docs/swagger.json'], f.ruleId);
  });

  it('reports two different contracts each, and a spec whose operations are all in another of its title (an older snapshot) on that one', (t) => {
    const other = { ...SPEC, paths: { ...SPEC.paths, '/v1/orders/{id}': { delete: { responses: { '204': { description: 'gone' } } } } } };
    const ws = tempWorkspace({ 'a/swagger.json': JSON.stringify(SPEC), 'b/swagger.json': JSON.stringify(other), 'c/swagger.json': JSON.stringify({ ...SPEC, info: { title: 'users', version: '1.0' } }) });
    t.after(ws.cleanup);
    const r = runJson<Report>(['lint', '--format', 'json'], ws.dir);
    assert.deepEqual(r.json.files.map((f) => f.path), ['b/swagger.json', 'c/swagger.json']);
    assert.ok(r.json.files.every((f) => f.findings.every((x) => !x.related?.some((rel) => /copy of this API/.test(rel.message)))));
    assert.ok(r.json.files[0].findings.some((x) => x.related?.some((rel) => rel.path === 'a/swagger.json' && /a part of this API contract/.test(rel.message))));
  });
});
