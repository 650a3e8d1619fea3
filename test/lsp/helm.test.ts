// Helm rendering over a real LSP connection, with a fake helm: nothing runs until the client says the workspace is
// trusted; then the chart renders in the background and its template's diagnostics are published again, via helm.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WORKSPACE_TRUSTED_NOTIFICATION } from '../../server/src/lsp/protocol';
import { CHART_YAML, fakeHelm, helmRuns, RENDERED_DEPLOYMENT, RENDER_TEMPLATE, RENDER_VALUES } from '../unit/helm/charts';
import { makeWorkspace, withServer } from './client';

let bin: string;
before(() => {
  bin = mkdtempSync(join(tmpdir(), 'ba-lsp-helm-'));
  writeFileSync(join(bin, 'rendered.yaml'), RENDERED_DEPLOYMENT);
  fakeHelm(bin, 'helm', `cat "${bin}/rendered.yaml"`);
  fakeHelm(bin, 'helm-fails', `echo 'Error: Chart.yaml file is missing' >&2\nexit 1`);
});
after(() => rmSync(bin, { recursive: true, force: true }));

const chart = () => makeWorkspace({ 'shop/Chart.yaml': CHART_YAML, 'shop/values.yaml': RENDER_VALUES, 'shop/templates/deployment.yaml': RENDER_TEMPLATE });
const via = (d: { code?: unknown; range: { start: { line: number } }; data?: unknown }) => `${d.code}:${d.range.start.line + 1}:${(d.data as { via?: string }).via}`;

describe('language server: helm rendering', () => {
  test('renders only once the workspace is trusted, then publishes the template again with findings via helm', async () => {
    const root = chart();
    const settings = { scanWorkspace: false, helm: { render: true, path: join(bin, 'helm') } };
    await withServer({ root, settings }, async (c) => {
      const template = join(root, 'shop/templates/deployment.yaml');
      const first = await c.open(template);
      assert.deepEqual(first.map(via), ['missing-healthcheck:8:static'], 'untrusted: the static finding, nothing run');
      assert.equal(helmRuns(bin, 'helm'), 0);
      await c.connection.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION);
      const rendered = await c.waitForDiagnostics(template, (d) => d.some((x) => (x.data as { via?: string }).via === 'helm'));
      assert.deepEqual(rendered.map(via), ['missing-healthcheck:9:helm', 'unpinned-image:10:helm']);
      assert.equal(helmRuns(bin, 'helm'), 1);
    });
  });

  test('gives one render-error on Chart.yaml when helm fails in a trusted workspace', async () => {
    const root = chart();
    const settings = { scanWorkspace: false, helm: { render: true, path: join(bin, 'helm-fails') } };
    await withServer({ root, settings, initializationOptions: { workspaceTrusted: true } }, async (c) => {
      const chartYaml = join(root, 'shop/Chart.yaml');
      await c.open(chartYaml);
      const diags = await c.waitForDiagnostics(chartYaml, (d) => d.length > 0);
      assert.deepEqual(diags.map(via), ['render-error:1:helm']);
      assert.match(diags[0].message, /^helm template failed \(exit code 1\): Error: Chart\.yaml file is missing$/);
    });
  });
});
