import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, runJson, tempWorkspace } from './helpers';

const big = JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1', description: 'y'.repeat(3000) }, paths: { '/v1/a': { get: { responses: { '200': { description: 'ok' } } } } } });

describe('lint --max-file-size', () => {
  it('skips a file over the default-sized limit it is given, and analyzes it when the limit is raised', (t) => {
    const ws = tempWorkspace({ 'api.json': big });
    t.after(ws.cleanup);
    const small = runJson(['lint', '--format', 'json', '--max-file-size', '2', 'api.json'], ws.dir);
    assert.deepEqual(small.json.files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['skipped-file']);
    const raised = runJson(['lint', '--format', 'json', '--max-file-size', '10', 'api.json'], ws.dir);
    assert.ok(raised.json.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'missing-auth'), raised.stdout);
  });

  it('exits 2 on a limit that is not a whole number of KB', (t) => {
    const ws = tempWorkspace({ 'api.json': big });
    t.after(ws.cleanup);
    const r = runCli(['lint', '--max-file-size', 'lots', 'api.json'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-file-size needs a whole number/);
  });
});
