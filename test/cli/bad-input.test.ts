import assert from 'node:assert/strict';
import { describe, it, after } from 'node:test';
import { PYTHON_WITHOUT_TIMEOUT, runJson, tempWorkspace } from './helpers';

describe('bad input', () => {
  const ws = tempWorkspace({
    'data.json': new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x00, 0x7d]),
    'latin1.py': new Uint8Array([...Buffer.from('# caf'), 0xe9, 0x0a]),
    'big.py': `# ${'x'.repeat(5 * 1024 * 1024 + 10)}\n`,
    'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    ports: [5432\n',
    'services/api/client.py': PYTHON_WITHOUT_TIMEOUT,
  });
  after(ws.cleanup);
  const r = runJson(['lint', '--format', 'json'], ws.dir);
  const byPath = new Map<string, any[]>(r.json.files.map((f: any) => [f.path, f.findings]));

  it('never crashes: every file is reported and the run ends with exit 1 for the parse error', () => {
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.json.summary.files, 5);
  });

  it('gives a binary file one information finding', () => {
    const f = byPath.get('data.json')!;
    assert.equal(f.length, 1);
    assert.deepEqual([f[0].ruleId, f[0].severity], ['skipped-file', 'information']);
    assert.match(f[0].message, /binary/);
  });

  it('gives a file that is not valid UTF-8 one information finding', () => {
    const f = byPath.get('latin1.py')!;
    assert.equal(f.length, 1);
    assert.deepEqual([f[0].ruleId, f[0].severity], ['skipped-file', 'information']);
    assert.match(f[0].message, /UTF-8/);
  });

  it('gives a file over the size limit one information finding', () => {
    const f = byPath.get('big.py')!;
    assert.equal(f.length, 1);
    assert.deepEqual([f[0].ruleId, f[0].severity], ['skipped-file', 'information']);
    assert.match(f[0].message, /larger than the 5120 KB limit/);
  });

  it('gives malformed YAML one parse-error finding at the error', () => {
    const f = byPath.get('docker-compose.yml')!;
    assert.equal(f.length, 1);
    assert.deepEqual([f[0].ruleId, f[0].severity], ['parse-error', 'error']);
    assert.ok(f[0].range.startLine >= 4, `at line ${f[0].range.startLine}`);
  });

  it('still analyzes the other files', () => {
    assert.ok(byPath.get('services/api/client.py')!.some((x: any) => x.ruleId === 'missing-timeout'));
  });
});
