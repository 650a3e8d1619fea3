// The GitHub Action (action.yml) run on this machine by actionRunner.ts, in a temporary workspace.
//
// The install step's own script runs, with one substitution: `npm` on PATH is a fake that records its arguments and
// "installs" a `backend-architect` that runs the built dist/cli.js (so no network is used). The install command is
// checked by its recorded arguments. That `backend-architect` also records each invocation's arguments; flags that
// other work adds to lint (--baseline, --changed-since, --fail-on) are checked there and, when STRIP_NEW_FLAGS is
// set, taken out before dist/cli.js runs, so this test does not depend on them.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readAction, runAction, type ActionRun, type RunnerContext } from './actionRunner';
import { CLI, ROOT, tempWorkspace, PYTHON_WITHOUT_TIMEOUT } from './helpers';

const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const COMPOSE = 'services:\n  api:\n    image: example/api:1.0\n    depends_on:\n      - db\n  db:\n    image: postgres:16\n';

/** The installed `backend-architect`: records its arguments, then runs dist/cli.js. */
const FAKE_CLI = `#!/usr/bin/env node
const { appendFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
let args = process.argv.slice(2);
appendFileSync(process.env.CLI_LOG, JSON.stringify(args) + '\\n');
if (process.env.STRIP_NEW_FLAGS) args = args.filter((a, i) => !/^--(baseline|changed-since|fail-on)$/.test(a) && !/^--(baseline|changed-since|fail-on)$/.test(args[i - 1]));
const r = spawnSync(process.execPath, [${JSON.stringify(CLI)}, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 3);
`;

/**
 * `npm`: records its arguments; `pack` prints a tarball name, `install ... --prefix P <package>` puts FAKE_CLI in
 * P/node_modules/.bin, `ci` does nothing.
 */
const FAKE_NPM = `#!/usr/bin/env node
const { appendFileSync, chmodSync, mkdirSync, writeFileSync } = require('node:fs');
const args = process.argv.slice(2);
appendFileSync(process.env.NPM_LOG, JSON.stringify(args) + '\\n');
if (args[0] === 'pack') console.log('backend-architect-${VERSION}.tgz');
if (args[0] === 'install') {
  const bin = args[args.indexOf('--prefix') + 1] + '/node_modules/.bin';
  mkdirSync(bin, { recursive: true });
  writeFileSync(bin + '/backend-architect', ${JSON.stringify(FAKE_CLI)});
  chmodSync(bin + '/backend-architect', 0o755);
}
`;

const readLog = (file: string): string[][] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

interface Run extends ActionRun {
  workspace: string;
  temp: string;
  npm: string[][];
  cli: string[][];
  step(name: string): ActionRun['steps'][number];
}

/** Runs the action in a fresh workspace (a compose system, a finding in a path with a space) with these inputs. */
function run(inputs: Record<string, string>, event: unknown = { push: {} }, env: Record<string, string> = {}): Run {
  const ws = tempWorkspace({ 'docker-compose.yml': COMPOSE, 'my worker/client.py': PYTHON_WITHOUT_TIMEOUT, 'strict.yaml': 'rules:\n  missing-timeout: error\n' });
  const runner = tempWorkspace({});
  after(() => (ws.cleanup(), runner.cleanup()));
  const temp = runner.dir;
  const fakes = join(temp, 'fake-bin');
  mkdirSync(fakes, { recursive: true });
  writeFileSync(join(fakes, 'npm'), FAKE_NPM);
  chmodSync(join(fakes, 'npm'), 0o755);
  const logs = { NPM_LOG: join(temp, 'npm.log'), CLI_LOG: join(temp, 'cli.log') };
  const ctx: RunnerContext = { workspace: ws.dir, temp, inputs, event, path: [fakes], env: { ...logs, ...env } };
  const result = runAction(readAction(), ctx);
  return {
    ...result,
    workspace: ws.dir,
    temp,
    npm: readLog(logs.NPM_LOG),
    cli: readLog(logs.CLI_LOG),
    step: (name) => result.steps.find((s) => s.name === name)!,
  };
}

describe('the GitHub Action', () => {
  const action = readAction();

  it('is a composite action with the documented inputs and outputs', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'config', 'baseline', 'changed-since', 'fail-on', 'format', 'sarif-file', 'version']);
    assert.equal(action.inputs['changed-since'].default, '${{ github.event.pull_request.base.sha }}');
    assert.deepEqual(Object.keys(action.outputs), ['findings', 'errors', 'warnings']);
    for (const step of action.runs.steps.filter((s) => s.run)) assert.doesNotMatch(step.run!, /\$\{\{/, `${step.name}: inputs reach scripts through env only`);
  });

  it("installs the CLI into a temporary prefix: built from the action's own source by default, a registry version when asked", () => {
    const install = action.runs.steps.find((s) => s.id === 'install')!;
    assert.match(install.run!, /npm install --no-save .*--prefix "\$prefix" "\$package"/);
    const r = run({});
    const prefix = join(r.temp, 'backend-architect-cli');
    assert.deepEqual(r.npm, [
      ['ci', '--no-audit', '--no-fund'],
      ['pack', '--silent', '--pack-destination', r.temp],
      ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', prefix, join(r.temp, `backend-architect-${VERSION}.tgz`)],
    ]);
    const pinned = run({ version: '9.9.9' });
    assert.deepEqual(pinned.npm, [['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', join(pinned.temp, 'backend-architect-cli'), 'backend-architect@9.9.9']]);
  });

  it('lints, annotates, writes the job summary (findings by rule, the architecture map) and the outputs; exits 0 on warnings', () => {
    const r = run({});
    assert.deepEqual(r.steps.map((s) => [s.name, s.skipped, s.code]), [
      ['Install the backend-architect CLI', false, 0],
      ['Lint', false, 0],
      ['Summary', false, 0],
      ['Upload SARIF', true, undefined],
      ['Fail on findings', false, 0],
    ]);
    assert.deepEqual(r.cli[0], ['lint', '--format', 'json'], 'no empty input becomes a flag');
    assert.match(r.step('Summary').stdout!, /^::warning file=my worker\/client\.py,line=3,endLine=3,col=\d+,endColumn=\d+,title=missing-timeout::requests\.get\(\) has no timeout/m);
    assert.match(r.summary, /^## Backend Architect$/m);
    assert.match(r.summary, /^\*\*5 findings\*\* \(0 errors, 3 warnings, 2 infos\) in 3 files checked\.$/m);
    assert.match(r.summary, /^\| Rule \| Findings \| Errors \| Warnings \| Infos \|$/m);
    assert.match(r.summary, /^\| \[missing-timeout\]\(https:\/\/\S+\/missing-timeout\.md\) \| 1 \| 0 \| 1 \| 0 \|$/m);
    assert.match(r.summary, /^```mermaid\nflowchart LR\n(.*\n)*  api --> db\n```$/m);
    assert.doesNotMatch(r.summary, /baseline/);
    assert.deepEqual(r.outputs, { findings: '5', errors: '0', warnings: '3' });
  });

  it('with sarif-file, writes SARIF for the upload step; another format goes to the log; an error finding fails the last step', () => {
    const r = run({ 'sarif-file': 'architecture.sarif', format: 'text', config: 'strict.yaml', paths: 'my worker\ndocker-compose.yml\n' });
    assert.deepEqual(r.steps.map((s) => [s.name, s.skipped, s.code]), [
      ['Install the backend-architect CLI', false, 0],
      ['Lint', false, 0],
      ['Summary', false, 0],
      ['Upload SARIF', false, undefined],
      ['Fail on findings', false, 1],
    ]);
    assert.deepEqual(r.step('Upload SARIF').uses, { action: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: 'architecture.sarif', category: 'backend-architect' } });
    const sarif = JSON.parse(readFileSync(join(r.workspace, 'architecture.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].results.length, 5);
    assert.deepEqual(r.cli.filter((a) => a[0] === 'lint'), [
      ['lint', 'my worker', 'docker-compose.yml', '--config', 'strict.yaml', '--format', 'json'],
      ['lint', 'my worker', 'docker-compose.yml', '--config', 'strict.yaml', '--format', 'sarif'],
      ['lint', 'my worker', 'docker-compose.yml', '--config', 'strict.yaml', '--format', 'text'],
    ]);
    assert.match(r.step('Lint').stdout!, /✖ 5 problems \(1 error, 2 warnings, 2 infos\)/);
    assert.doesNotMatch(r.step('Summary').stdout!, /^::/m, 'no annotations when another format is asked');
    assert.deepEqual(r.outputs, { findings: '5', errors: '1', warnings: '2' });
  });

  it('passes baseline, fail-on and, on a pull request, its base commit as changed-since to lint', () => {
    const event = { pull_request: { base: { sha: '0123abcd' } } };
    const r = run({ baseline: '.backend-architect-baseline.json', 'fail-on': 'warning' }, event, { STRIP_NEW_FLAGS: '1' });
    assert.deepEqual(r.cli[0], ['lint', '--baseline', '.backend-architect-baseline.json', '--changed-since', '0123abcd', '--fail-on', 'warning', '--format', 'json']);
    assert.equal(r.step('Fail on findings').code, 0);
  });

  it('stops at the lint step on a usage error (exit 2), with the message in the log', () => {
    const r = run({ config: 'missing.yaml' });
    assert.deepEqual(r.steps.map((s) => [s.name, s.code]), [['Install the backend-architect CLI', 0], ['Lint', 2]]);
    assert.match(r.step('Lint').stderr!, /missing\.yaml/);
  });
});
