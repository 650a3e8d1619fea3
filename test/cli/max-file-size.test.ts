import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, runJson, tempWorkspace } from './helpers';

const big = JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1', description: 'y'.repeat(3000) }, paths: { '/v1/a': { get: { responses: { '200': { description: 'ok' } } } } } });

describe('lint --max-file-size', () => {
  it('skips a file of the walk over the limit, and analyzes it when the limit is raised', (t) => {
    const ws = tempWorkspace({ 'api/openapi.json': big });
    t.after(ws.cleanup);
    const small = runJson(['lint', '--format', 'json', '--max-file-size', '2', 'api'], ws.dir);
    assert.deepEqual(small.json.files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['skipped-file']);
    const raised = runJson(['lint', '--format', 'json', '--max-file-size', '10', 'api'], ws.dir);
    assert.ok(raised.json.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'missing-auth'), raised.stdout);
  });

  it('analyzes a file named on the command line whatever the limit of the walk', (t) => {
    const ws = tempWorkspace({ 'api.json': big });
    t.after(ws.cleanup);
    const named = runJson(['lint', '--format', 'json', '--max-file-size', '2', 'api.json'], ws.dir);
    assert.ok(named.json.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'missing-auth'), named.stdout);
  });

  it('refuses a named file over 32 MB with the reason and how to raise the limit', (t) => {
    const ws = tempWorkspace({ 'huge.json': '{"a": "' + 'x'.repeat(33 * 1024 * 1024) + '"}' });
    t.after(ws.cleanup);
    const r = runJson(['lint', '--format', 'json', 'huge.json'], ws.dir);
    const [f] = r.json.files[0].findings;
    assert.equal(f.ruleId, 'skipped-file');
    assert.match(f.message, /larger than the 32768 KB limit.*--max-file-size/);
  });

  it('exits 2 on a limit that is not a whole number of KB', (t) => {
    const ws = tempWorkspace({ 'api.json': big });
    t.after(ws.cleanup);
    const r = runCli(['lint', '--max-file-size', 'lots', 'api.json'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-file-size needs a whole number/);
  });
});
