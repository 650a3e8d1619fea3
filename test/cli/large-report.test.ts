import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI, FIXTURES, runCli, tempWorkspace } from './helpers';

const FILES = 20;
const CALLS = 200;

/** FILES Python files of CALLS hardcoded passwords, each its own value (one finding each): 4,000 findings, a report of megabytes. */
function manyFindings() {
  const call = (j: number) => `db_password = "Qz8hT3pL9xV2-${String(j).padStart(4, '0')}-k7Wm"\n`;
  const source = `import requests\n\n${Array.from({ length: CALLS }, (_, j) => call(j)).join('')}`;
  return tempWorkspace(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`client${String(i).padStart(2, '0')}.py`, source])));
}

describe('a report of thousands of findings', () => {
  const ws = manyFindings();
  after(ws.cleanup);
  // A config given with --config that makes the findings errors (kept outside the linted folder).
  const configDir = mkdtempSync(join(tmpdir(), 'ba-strict-'));
  after(() => rmSync(configDir, { recursive: true, force: true }));
  const strict = join(configDir, 'strict.yaml');
  writeFileSync(strict, 'rules:\n  hardcoded-secret: error\n');

  it('is the same JSON document, byte for byte, as JSON.stringify of it', () => {
    const r = runCli(['lint', '--format', 'json'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(r.stdout, `${JSON.stringify(doc, null, 2)}\n`);
    assert.deepEqual(doc.summary, { files: FILES, problems: FILES * CALLS, errors: 0, warnings: FILES * CALLS, infos: 0, hints: 0 });
    assert.deepEqual(doc.files.map((f: any) => f.findings.length), Array(FILES).fill(CALLS));
    assert.deepEqual(doc.files.at(-1).findings.at(-1).range.startLine, CALLS + 2);
  });

  it('is the same SARIF log, byte for byte, as JSON.stringify of it', () => {
    const r = runCli(['lint', '--format', 'sarif'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.equal(r.stdout, `${JSON.stringify(log, null, 2)}\n`);
    assert.equal(log.runs[0].results.length, FILES * CALLS);
  });

  it('is the same GitLab Code Quality report, byte for byte, as JSON.stringify of it, and one annotation per finding', () => {
    const gitlab = runCli(['lint', '--format', 'gitlab'], ws.dir);
    assert.equal(gitlab.code, 0, gitlab.stderr);
    const issues = JSON.parse(gitlab.stdout);
    assert.equal(gitlab.stdout, `${JSON.stringify(issues, null, 2)}\n`);
    assert.equal(new Set(issues.map((i: any) => i.fingerprint)).size, FILES * CALLS);
    assert.equal(runCli(['lint', '--format', 'github'], ws.dir).stdout.split('\n').length, FILES * CALLS + 1);
  });

  it('ends the text with the summary line', () => {
    const r = runCli(['lint'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    // One row per finding (long messages continue on indented lines), a header and a blank line per file.
    assert.equal(r.stdout.split('\n').filter((l) => /^ +\d+:\d+ /.test(l)).length, FILES * CALLS);
    assert.equal(r.stdout.split('\n').filter((l) => /^\S/.test(l) && !l.startsWith('✖')).length, FILES);
    assert.ok(r.stdout.endsWith('\n✖ 4000 problems (0 errors, 4000 warnings, 0 infos)\n'));
  });

  it('piped into `head -c 100` ends quietly, with the exit status of its findings', { skip: process.platform === 'win32' }, () => {
    const errors = join(ws.dir, 'stderr.txt');
    for (const format of ['json', 'sarif', 'text', 'gitlab', 'junit', 'github']) {
      for (const [config, code] of [[[], '0'], [['--config', strict], '1']] as const) {
        const command = [process.execPath, CLI, 'lint', '--format', format, ...config].map((a) => `'${a}'`).join(' ');
        const r = spawnSync('bash', ['-c', `${command} 2>'${errors}' | head -c 100; echo " status=\${PIPESTATUS[0]}"`], { cwd: ws.dir, encoding: 'utf8' });
        assert.equal(r.stdout.length, 100 + ` status=${code}\n`.length, r.stdout);
        assert.ok(r.stdout.endsWith(` status=${code}\n`), `${format} ${config.join(' ')}: ${r.stdout}`);
        assert.equal(readFileSync(errors, 'utf8'), '', `${format} ${config.join(' ')}`);
      }
    }
  });
});

describe('--debug', () => {
  it('is in the help', () => {
    assert.match(runCli(['--help'], FIXTURES).stdout, /\n {2}--debug {16}Print the stack trace of an internal error\n/);
  });

  it('is accepted by lint and changes nothing when nothing fails', () => {
    const dir = join(FIXTURES, 'findings');
    const r = runCli(['lint', '--debug', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, runCli(['lint', '--format', 'json'], dir).stdout);
  });
});
