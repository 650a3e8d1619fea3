import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { commitAll, git, initRepo } from './gitHelpers';
import { PYTHON_WITHOUT_TIMEOUT, runCli, runJson, tempWorkspace } from './helpers';

const TWENTY_LINES = '# moved down\n'.repeat(20);
const findingsOf = (json: any) => json.files.flatMap((f: any) => f.findings.map((x: any) => `${f.path}:${x.range.startLine} ${x.ruleId}`));

describe('lint --write-baseline and --baseline', () => {
  const ws = tempWorkspace({
    'svc one/client.py': PYTHON_WITHOUT_TIMEOUT,
    'naïve.py': 'import requests\nimport httpx\nrequests.get(u)\nhttpx.head(u, timeout=None)\n',
    'broken.yaml': 'openapi: 3.0.0\ninfo: [\n',
  });
  after(ws.cleanup);
  const baseline = join(ws.dir, 'baseline.json');

  it('writes every finding, sorted, and exits 0 even with error findings', () => {
    assert.equal(runCli(['lint'], ws.dir).code, 1, 'the parse error fails a plain run');
    const r = runCli(['lint', '--write-baseline', 'baseline.json'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wrote 4 findings to baseline\.json/);
    const written = JSON.parse(readFileSync(baseline, 'utf8'));
    assert.deepEqual(Object.keys(written), ['version', 'tool', 'findings']);
    assert.deepEqual(written.findings.map((f: any) => f.path), ['broken.yaml', 'naïve.py', 'naïve.py', 'svc one/client.py']);
    assert.ok(readFileSync(baseline, 'utf8').endsWith('}\n'));
  });

  it('then reports nothing, and exits 0', () => {
    const r = runJson(['lint', '--format', 'json', '--baseline', 'baseline.json'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json.files, []);
    assert.deepEqual(r.json.summary, { files: 4, problems: 0, errors: 0, warnings: 0, infos: 0, hints: 0, baseline: 4 });
    assert.match(r.stderr, /4 findings of the baseline not reported/);
  });

  it('reports no finding as new after 20 lines are inserted at the top of every file, only a new one', () => {
    for (const f of ['svc one/client.py', 'naïve.py']) writeFileSync(join(ws.dir, f), TWENTY_LINES + readFileSync(join(ws.dir, f), 'utf8'));
    writeFileSync(join(ws.dir, 'naïve.py'), readFileSync(join(ws.dir, 'naïve.py'), 'utf8') + 'import aiohttp; s = aiohttp.ClientSession()\n');
    const r = runJson(['lint', '--format', 'json', '--baseline', 'baseline.json'], ws.dir);
    assert.deepEqual(findingsOf(r.json), ['naïve.py:25 missing-timeout']);
    assert.equal(r.json.summary.baseline, 4, 'the summary counts what the baseline held back');
    writeFileSync(join(ws.dir, 'report.json'), r.stdout);
    const summary = runCli(['ci-summary', '--from', 'report.json'], ws.dir, { GITHUB_STEP_SUMMARY: '' });
    assert.match(summary.stdout, /New since the baseline: \*\*1\*\*; already in the baseline: 4\./);
  });

  it('carries the fingerprints in SARIF partialFingerprints, the same as in the baseline', () => {
    const r = runJson(['lint', '--format', 'sarif', 'broken.yaml'], ws.dir);
    const fp = r.json.runs[0].results[0].partialFingerprints['backendArchitect/v1'];
    const entry = JSON.parse(readFileSync(baseline, 'utf8')).findings[0];
    assert.equal(fp, entry.fingerprint);
  });

  for (const [name, text, pattern] of [
    ['missing', undefined, /baseline file none\.json does not exist/],
    ['corrupt', '{"version": 1, "findings": [', /is not valid JSON/],
    ['of a newer version', '{"version": 9, "findings": []}', /format version 9, newer than this backend-architect reads/],
  ] as const) {
    it(`exits 2 on a baseline file that is ${name}, and leaves it as it was`, () => {
      const file = join(ws.dir, 'none.json');
      if (text !== undefined) writeFileSync(file, text);
      const r = runCli(['lint', '--baseline', 'none.json'], ws.dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, pattern);
      assert.equal(r.stdout, '');
      if (text !== undefined) assert.equal(readFileSync(file, 'utf8'), text);
    });
  }

  it('refuses --write-baseline with --baseline or --changed-since', () => {
    for (const extra of [['--baseline', 'baseline.json'], ['--changed-since', 'HEAD']]) {
      const r = runCli(['lint', '--write-baseline', 'other.json', ...extra], ws.dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--write-baseline records every finding/);
    }
  });
});

describe('lint --fail-on and --max-warnings', () => {
  const ws = tempWorkspace({ 'a.py': PYTHON_WITHOUT_TIMEOUT, 'b.py': PYTHON_WITHOUT_TIMEOUT });
  after(ws.cleanup);
  const code = (...args: string[]) => runCli(['lint', ...args], ws.dir).code;

  it('fails on warnings only when asked', () => {
    assert.equal(code(), 0);
    assert.equal(code('--fail-on', 'error'), 0);
    assert.equal(code('--fail-on', 'warning'), 1);
    assert.equal(code('--fail-on', 'information'), 1);
    assert.equal(code('--fail-on', 'never'), 0);
  });

  it('fails with more warnings than --max-warnings', () => {
    assert.equal(code('--max-warnings', '2'), 0);
    assert.equal(code('--max-warnings', '1'), 1);
    assert.equal(code('--max-warnings', '0', '--fail-on', 'never'), 1);
  });

  it('exits 2 on a bad value', () => {
    for (const args of [['--fail-on', 'hint'], ['--max-warnings', '-1'], ['--max-warnings', 'x'], ['--max-warnings', '']]) {
      const r = runCli(['lint', ...args], ws.dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /--(fail-on|max-warnings)/);
    }
  });

  it('never fails on a parse error with --fail-on never', () => {
    const bad = tempWorkspace({ 'x.yaml': 'openapi: 3.0.0\ninfo: [\n' });
    try {
      assert.equal(runCli(['lint'], bad.dir).code, 1);
      assert.equal(runCli(['lint', '--fail-on', 'never'], bad.dir).code, 0);
    } finally {
      bad.cleanup();
    }
  });
});

describe('lint --changed-since', () => {
  const compose = 'services:\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n  orders:\n    image: orders:1.0.0\n    environment:\n      DATABASE_URL: postgres://db:5432/orders\n';
  const ws = tempWorkspace({
    'compose.yaml': compose,
    'svc one/kept.py': PYTHON_WITHOUT_TIMEOUT,
    'svc one/edited.py': 'import requests\n',
    'old name.py': PYTHON_WITHOUT_TIMEOUT,
  });
  after(ws.cleanup);
  initRepo(ws.dir);
  git(ws.dir, 'tag', 'base');
  writeFileSync(join(ws.dir, 'svc one/edited.py'), PYTHON_WITHOUT_TIMEOUT);
  commitAll(ws.dir, 'edit');
  renameSync(join(ws.dir, 'old name.py'), join(ws.dir, 'nouveau nom é.py'));
  writeFileSync(join(ws.dir, 'compose.payments.yaml'), 'services:\n  payments:\n    image: payments:1.0.0\n    environment:\n      DATABASE_URL: postgres://db:5432/orders\n');

  it('reports findings of changed, renamed and untracked files, and the finding a change caused elsewhere', () => {
    const r = runJson(['lint', '--format', 'json', '--changed-since', 'base'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(findingsOf(r.json), [
      'compose.payments.yaml:2 missing-resource-limits',
      'compose.payments.yaml:2 missing-restart-policy',
      // The new compose file makes db shared: reported on db, in the unchanged compose.yaml.
      'compose.yaml:2 shared-database',
      'nouveau nom é.py:3 missing-timeout',
      'svc one/edited.py:3 missing-timeout',
    ]);
  });

  it('reports nothing when nothing changed since the revision', () => {
    commitAll(ws.dir, 'all');
    const r = runJson(['lint', '--format', 'json', '--changed-since', 'HEAD'], ws.dir);
    assert.deepEqual(r.json.files, []);
  });

  it('exits 2 on an unknown revision, naming fetch-depth', () => {
    const r = runCli(['lint', '--changed-since', 'origin/main'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown git revision 'origin\/main'/);
    assert.match(r.stderr, /actions\/checkout with fetch-depth: 0/);
  });

  it('exits 2 outside a git repository', () => {
    const plain = tempWorkspace({ 'a.py': PYTHON_WITHOUT_TIMEOUT });
    try {
      const r = runCli(['lint', '--changed-since', 'HEAD'], plain.dir, { GIT_CEILING_DIRECTORIES: join(plain.dir, '..') });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /needs a git repository/);
    } finally {
      plain.cleanup();
    }
  });

  it('exits 2 without a revision', () => {
    assert.equal(runCli(['lint', '--changed-since'], ws.dir).code, 2);
    assert.equal(runCli(['lint', '--changed-since', ''], ws.dir).code, 2);
  });
});
