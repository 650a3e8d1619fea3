import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, runCli, tempWorkspace } from './helpers';

const findings = join(FIXTURES, 'findings');
const ESC = '\u001b[';

describe('lint --format text', () => {
  it('prints each file with aligned line:col, severity, message and rule id, then a summary line', () => {
    const r = runCli(['lint'], findings);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'api/openapi.yaml');
    assert.match(lines[1], /^ {2}1:1 {2}warning {2}No security scheme is defined: all 2 operations are callable without authentication {2}missing-auth$/);
    assert.ok(lines.includes('docker-compose.yml'));
    assert.match(r.stdout, /\n {2}6:3 {2}warning {2}Postgres datastore 'db' has no healthcheck: .+ {2}missing-healthcheck\n/);
    assert.match(r.stdout, /\nworker\/client\.py\n {2}5:26 {2}warning {2}requests\.get\(\) has no timeout: .+ {2}missing-timeout\n/);
    assert.equal(lines.at(-2), '✖ 3 problems (0 errors, 3 warnings, 0 infos)');
    assert.equal(lines.at(-1), '');
  });

  it('aligns the columns of one file as a table', (t) => {
    const ws = tempWorkspace({
      'client.py': 'import requests\nimport httpx\nrequests.get("a")\n\n\n\n\n\n\n\n\n        httpx.post("b", timeout=None)\n',
    });
    t.after(ws.cleanup);
    const r = runCli(['lint', '--config', join(FIXTURES, 'findings', 'ci-strict.yaml')], ws.dir);
    const rows = r.stdout.split('\n').filter((l) => /^ +\d+:\d+ /.test(l));
    assert.deepEqual(rows.map((l) => l.slice(0, 19)), ['   3:1   error  req', '  12:33  error  htt']);
    assert.deepEqual(rows.map((l) => l.indexOf('missing-timeout')), [rows[0].indexOf('missing-timeout'), rows[0].indexOf('missing-timeout')]);
  });

  it('keeps every line within 120 columns when stdout is not a terminal, wrapping long messages at spaces', () => {
    const r = runCli(['lint'], findings);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.filter((l) => [...l].length > 120), []);
    assert.deepEqual(lines.filter((l) => / {3,}$/.test(l)), [], 'no line ends in padding');
    const at = lines.findIndex((l) => l.includes('requests.get() has no timeout'));
    assert.match(lines[at], /missing-timeout$/);
    assert.match(lines[at + 1], /^ {10,}\S/, 'the rest of the message continues on an indented line');
  });

  it('prints a no-problems line with the number of files checked on a clean tree', () => {
    const r = runCli(['lint'], join(FIXTURES, 'clean'));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '✔ No problems (4 files checked)\n');
  });

  it('writes no color codes when stdout is not a terminal', () => {
    assert.ok(!runCli(['lint'], findings).stdout.includes(ESC));
  });

  it('colors the output when FORCE_COLOR is set, and never when NO_COLOR is set', () => {
    const forced = runCli(['lint'], findings, { FORCE_COLOR: '1' });
    assert.ok(forced.stdout.includes(`${ESC}33mwarning${ESC}0m`));
    const off = runCli(['lint'], findings, { FORCE_COLOR: '1', NO_COLOR: '1' });
    assert.ok(!off.stdout.includes(ESC));
  });

  it('escapes control characters that come from file contents instead of sending them to the terminal', (t) => {
    const ws = tempWorkspace({ 'compose.yaml': 'services:\n  "db\\e[2J":\n    image: postgres:16\n  api:\n    build: .\n' });
    t.after(ws.cleanup);
    const r = runCli(['lint'], ws.dir);
    assert.ok(!r.stdout.includes('\u001b'), r.stdout);
    assert.match(r.stdout, /datastore 'db\\u001b\[2J' has no healthcheck/);
  });
});
