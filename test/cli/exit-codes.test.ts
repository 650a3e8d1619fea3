import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI, FIXTURES, PYTHON_WITHOUT_TIMEOUT, ROOT, runCli, tempWorkspace } from './helpers';

const findings = join(FIXTURES, 'findings');

describe('exit codes and usage', () => {
  it('exits 0 on a clean tree', () => {
    assert.equal(runCli(['lint'], join(FIXTURES, 'clean')).code, 0);
  });

  it('exits 0 when every finding is a warning', () => {
    const r = runCli(['lint'], findings);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /3 warnings/);
  });

  it('exits 1 when the config file in the current directory sets a rule to error', (t) => {
    const ws = tempWorkspace({ 'client.py': PYTHON_WITHOUT_TIMEOUT, '.backend-architect.yaml': 'rules:\n  missing-timeout: error\n' });
    t.after(ws.cleanup);
    const r = runCli(['lint'], ws.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /3:1 {2}error {2}requests\.get\(\) has no timeout/);
  });

  it('exits 1 when the file given with --config sets a rule to error, and applies its other settings', () => {
    const r = runCli(['lint', '--config', 'ci-strict.yaml'], findings);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /error {2}requests\.get\(\) has no timeout/);
    assert.ok(!r.stdout.includes('missing-healthcheck'), 'missing-healthcheck is off in ci-strict.yaml');
    assert.match(r.stdout, /✖ 2 problems \(1 error, 1 warning, 0 infos\)/);
  });

  it('exits 1 on a parse error, which has severity error', () => {
    assert.equal(runCli(['lint'], join(FIXTURES, 'parse-error')).code, 1);
  });

  it('exits 2 with the usage on stderr on an unknown option', () => {
    const r = runCli(['lint', '--fix'], findings);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^backend-architect: unknown option '--fix'\n/);
    assert.match(r.stderr, /Usage: backend-architect <command>/);
  });

  it('exits 2 with the usage on stderr on an unknown format', () => {
    const r = runCli(['lint', '--format', 'xml'], findings);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown format 'xml' \(expected text, json, sarif, gitlab, junit, github\)/);
    assert.match(r.stderr, /Usage:/);
  });

  it('exits 2 when --format has no value', () => {
    assert.equal(runCli(['lint', '--format'], findings).code, 2);
  });

  it('exits 2 on an unknown command and when no command is given', () => {
    assert.match(runCli(['check'], findings).stderr, /unknown command 'check'/);
    assert.equal(runCli(['check'], findings).code, 2);
    assert.equal(runCli([], findings).code, 2);
  });

  it('exits 2 with a clear message when a path does not exist', () => {
    const r = runCli(['lint', 'api', 'no/such/dir'], findings);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'backend-architect: no such file or directory: no/such/dir\n');
  });

  it('exits 2 and prints each problem of an invalid config file as file:line:col', () => {
    const r = runCli(['lint'], join(FIXTURES, 'invalid-config'));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^backend-architect: invalid config file \.backend-architect\.yaml\n/);
    assert.match(r.stderr, /\n {2}\.backend-architect\.yaml:2:17: .*rules\.missing-auth/);
  });

  it('exits 2 on an unknown rule id in the config file, so a misspelt id cannot go unnoticed', (t) => {
    const ws = tempWorkspace({ 'ci.yaml': 'rules:\n  missing-timeout: error\n  missing-timeouts: error\n' });
    t.after(ws.cleanup);
    const r = runCli(['lint', '--config', 'ci.yaml'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ci\.yaml:3:3: Unknown rule id 'missing-timeouts'/);
  });

  it('exits 2 on a config file that is not YAML', (t) => {
    const ws = tempWorkspace({ '.backend-architect.yaml': 'rules: [missing-auth\n' });
    t.after(ws.cleanup);
    const r = runCli(['lint'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.backend-architect\.yaml:\d+:\d+: /);
  });

  it('exits 2 when the --config file does not exist', () => {
    const r = runCli(['lint', '--config', 'missing.yaml'], findings);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'backend-architect: cannot read config file missing.yaml: no such file\n');
  });

  it('exits 2 without an answer when asked a question with no ANTHROPIC_API_KEY set', () => {
    const r = runCli(['ask', 'Should orders and payments share a database?', '--workspace', '.'], findings, { ANTHROPIC_API_KEY: undefined });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /set ANTHROPIC_API_KEY/);
  });

  it('prints the usage on --help and -h and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['lint', '--help']]) {
      const r = runCli(args, findings);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Usage: backend-architect <command> \[options\]/);
      assert.match(r.stdout, /lint \[paths\.\.\.\]/);
      assert.match(r.stdout, /--format/);
    }
  });

  it('prints the version of package.json on --version', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const r = runCli(['--version'], findings);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${version}\n`);
  });

  it('starts with a #!/usr/bin/env node line so the bin entry runs as a command', () => {
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
  });
});
