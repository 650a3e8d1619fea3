import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, PYTHON_WITHOUT_TIMEOUT, runJson, runCli, tempWorkspace } from './helpers';

const findings = join(FIXTURES, 'findings');
const pathsOf = (json: any): string[] => json.files.map((f: any) => f.path);

describe('which files lint reads', () => {
  it('honours the ignore globs of the config file', () => {
    const r = runJson(['lint', '--format', 'json'], findings);
    assert.ok(!pathsOf(r.json).includes('legacy/old_client.py'));
  });

  it('reads the same tree without the ignore globs when the config file is not in the current directory', () => {
    const r = runJson(['lint', '--format', 'json', 'findings'], FIXTURES);
    assert.ok(pathsOf(r.json).includes('findings/legacy/old_client.py'));
  });

  it('skips files ignored by .gitignore', () => {
    const r = runJson(['lint', '--format', 'json'], findings);
    assert.ok(!pathsOf(r.json).some((p) => p.startsWith('generated/')));
  });

  it('honours a .gitignore above a named sub-directory', (t) => {
    const ws = tempWorkspace({ '.gitignore': 'src/generated/\n', 'src/generated/client.py': PYTHON_WITHOUT_TIMEOUT, 'src/app/client.py': PYTHON_WITHOUT_TIMEOUT });
    t.after(ws.cleanup);
    const r = runJson(['lint', '--format', 'json', 'src'], ws.dir);
    assert.deepEqual(pathsOf(r.json), ['src/app/client.py']);
  });

  it('skips the default excludes such as node_modules', (t) => {
    const ws = tempWorkspace({ 'node_modules/lib/client.py': PYTHON_WITHOUT_TIMEOUT, 'client.py': PYTHON_WITHOUT_TIMEOUT });
    t.after(ws.cleanup);
    assert.deepEqual(pathsOf(runJson(['lint', '--format', 'json'], ws.dir).json), ['client.py']);
  });

  it('analyzes a file named explicitly even when it is ignored', () => {
    const r = runJson(['lint', '--format', 'json', 'legacy/old_client.py', 'generated/client.py'], findings);
    assert.deepEqual(pathsOf(r.json), ['generated/client.py', 'legacy/old_client.py']);
  });

  it('lints only the named paths', () => {
    const r = runJson(['lint', '--format', 'json', 'worker', 'docker-compose.yml'], findings);
    assert.deepEqual(pathsOf(r.json), ['docker-compose.yml', 'worker/client.py']);
    assert.equal(r.json.summary.files, 2);
  });

  it('reports each file once when the paths overlap', () => {
    const r = runJson(['lint', '--format', 'json', '.', 'worker', 'worker/client.py'], findings);
    assert.equal(pathsOf(r.json).filter((p) => p === 'worker/client.py').length, 1);
    assert.equal(r.json.summary.problems, 3);
  });

  it('reports paths outside the current directory relative to it', () => {
    const r = runJson(['lint', '--format', 'json', '../findings/worker'], join(FIXTURES, 'clean'));
    assert.deepEqual(pathsOf(r.json), ['../findings/worker/client.py']);
  });

  it('notes on stderr when a named directory has nothing to analyze', () => {
    const r = runCli(['lint', 'generated'], findings);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /nothing to analyze in generated/);
    assert.match(r.stdout, /No problems \(0 files checked\)/);
  });
});
