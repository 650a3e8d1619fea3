// `lint --helm-render` with a fake helm on PATH (a shell script printing canned `helm template` output).
import assert from 'node:assert/strict';
import { delimiter, join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { CHART_YAML, fakeHelm, helmRuns, RENDERED_DEPLOYMENT, RENDER_TEMPLATE, RENDER_VALUES } from '../unit/helm/charts';
import { runCli, tempWorkspace } from './helpers';

let bin: string;
let ws: ReturnType<typeof tempWorkspace>;
before(() => {
  bin = mkdtempSync(join(tmpdir(), 'ba-cli-helm-'));
  writeFileSync(join(bin, 'rendered.yaml'), RENDERED_DEPLOYMENT);
  fakeHelm(bin, 'helm', `cat "${bin}/rendered.yaml"`);
  fakeHelm(bin, 'helm-fails', `echo 'Error: parse error in deployment.yaml' >&2\nexit 1`);
  ws = tempWorkspace({ 'shop/Chart.yaml': CHART_YAML, 'shop/values.yaml': RENDER_VALUES, 'shop/templates/deployment.yaml': RENDER_TEMPLATE });
});
after(() => {
  rmSync(bin, { recursive: true, force: true });
  ws.cleanup();
});

const withHelmOnPath = () => ({ PATH: `${bin}${delimiter}${process.env.PATH}` });
const findings = (stdout: string) =>
  JSON.parse(stdout).files.flatMap((f: any) => f.findings.map((x: any) => `${f.path}:${x.range.startLine}:${x.ruleId}:${x.data?.via}`));

describe('lint --helm-render', () => {
  it('does not run helm without the option, even with helm on PATH', () => {
    const r = runCli(['lint', '--format', 'json'], ws.dir, withHelmOnPath());
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(findings(r.stdout), ['shop/templates/deployment.yaml:8:missing-healthcheck:static']);
    assert.equal(helmRuns(bin, 'helm'), 0);
  });

  it('renders the chart with helm from PATH and reports the template findings via helm on their template lines', () => {
    const r = runCli(['lint', '--format', 'json', '--helm-render'], ws.dir, withHelmOnPath());
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(findings(r.stdout), ['shop/templates/deployment.yaml:9:missing-healthcheck:helm', 'shop/templates/deployment.yaml:10:unpinned-image:helm']);
    assert.equal(helmRuns(bin, 'helm'), 1, 'one render for the chart');
    const sarif = runCli(['lint', '--format', 'sarif', '--helm-render'], ws.dir, withHelmOnPath());
    assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results.map((x: any) => x.properties), [{ via: 'helm' }, { via: 'helm' }]);
  });

  it('uses --helm-path, and reports a failing render once, on Chart.yaml', () => {
    const r = runCli(['lint', '--format', 'json', '--helm-render', '--helm-path', join(bin, 'helm-fails')], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(findings(r.stdout), ['shop/Chart.yaml:1:render-error:helm', 'shop/templates/deployment.yaml:8:missing-healthcheck:static']);
    assert.match(r.stdout, /helm template failed \(exit code 1\): Error: parse error in deployment\.yaml/);
  });

  it('says so on Chart.yaml when there is no helm to run', () => {
    const r = runCli(['lint', '--format', 'json', '--helm-render'], ws.dir, { PATH: '/nonexistent' });
    assert.deepEqual(findings(r.stdout).filter((f: string) => f.includes('render-error')), ['shop/Chart.yaml:1:render-error:helm']);
    assert.match(r.stdout, /no helm binary was found on PATH/);
  });

  it('refuses --helm-path without --helm-render', () => {
    const r = runCli(['lint', '--helm-path', join(bin, 'helm')], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--helm-path goes with --helm-render/);
  });
});
