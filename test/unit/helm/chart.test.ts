import assert from 'node:assert/strict';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chartOf, chartRelative, chartValuesOf, findChartDir, findChartDirSync, MAX_TEMPLATE_FILES, memoryChartFs, readChart, readChartSync } from '../../../server/src/core/helm/chart';
import { get, str } from '../../../server/src/core/documents/tree';
import { memoryFs } from '../../../server/src/core/workspace/fs';
import { CHART_YAML, chartFiles, DEPLOYMENT, HELPERS, lines, onDisk, VALUES } from './charts';

const files = chartFiles('/w/shop', {
  'Chart.yaml': CHART_YAML,
  'values.yaml': VALUES,
  'values-prod.yaml': 'replicaCount: 3\n',
  'templates/deployment.yaml': DEPLOYMENT,
  'templates/_helpers.tpl': HELPERS,
  'templates/NOTES.txt': 'Thanks for installing {{ .Chart.Name }}\n',
  'templates/redis/deployment.yaml': 'kind: Deployment\n',
  'charts/redis/Chart.yaml': 'name: redis\nversion: 1.0.0\n',
  'charts/redis/templates/statefulset.yaml': 'kind: StatefulSet\n',
});

describe('helm chart reader', () => {
  it('finds the chart of a template, a nested template and a values file by walking up to Chart.yaml', () => {
    const fs = memoryChartFs(files);
    assert.equal(findChartDirSync('/w/shop/templates/deployment.yaml', fs), '/w/shop');
    assert.equal(findChartDirSync('/w/shop/templates/redis/deployment.yaml', fs), '/w/shop');
    assert.equal(findChartDirSync('/w/shop/values-prod.yaml', fs), '/w/shop');
  });

  it("stops at a dependency's own Chart.yaml under charts/", () => {
    assert.equal(findChartDirSync('/w/shop/charts/redis/templates/statefulset.yaml', memoryChartFs(files)), '/w/shop/charts/redis');
  });

  it('finds no chart for a file outside one, nor for an unsaved document with a relative path', () => {
    assert.equal(findChartDirSync('/w/other/values.yaml', memoryChartFs(files)), undefined);
    assert.equal(chartOf('shop/values.yaml'), undefined);
    assert.equal(chartOf('untitled:Untitled-1'), undefined);
  });

  it('reads Chart.yaml, values.yaml parsed with offsets, and the YAML and .tpl files under templates/ (sub-folders too), sorted', () => {
    const chart = readChartSync('/w/shop', memoryChartFs(files))!;
    assert.equal(str(get(chart.chartData, 'appVersion')), '1.4.2');
    assert.equal(chart.values?.path, '/w/shop/values.yaml');
    const tag = get(get(chart.values?.data, 'image'), 'tag')!;
    assert.equal(VALUES.slice(tag.start, tag.end), '""');
    assert.deepEqual(chart.templates.map((t) => chartRelative(chart, t.path)), ['templates/_helpers.tpl', 'templates/deployment.yaml', 'templates/redis/deployment.yaml']);
    assert.equal(chart.truncated, false);
  });

  it('reads the same chart through the asynchronous ModelFs of the workspace model', async () => {
    const fs = memoryFs(files);
    assert.equal(await findChartDir('/w/shop/templates/redis/deployment.yaml', fs), '/w/shop');
    const chart = (await readChart('/w/shop', fs))!;
    assert.deepEqual(chart.templates.map((t) => t.path), readChartSync('/w/shop', memoryChartFs(files))!.templates.map((t) => t.path));
  });

  it('reads a chart without templates (a Chart.yaml alone) as a chart with none', () => {
    const chart = readChartSync('/w/lib', memoryChartFs({ '/w/lib/Chart.yaml': 'name: lib\ntype: library\n' }))!;
    assert.deepEqual(chart.templates, []);
    assert.equal(chart.values, undefined);
  });

  it('keeps a malformed values.yaml as text with no parsed data, and a malformed Chart.yaml likewise', () => {
    const chart = readChartSync('/w/c', memoryChartFs({ '/w/c/Chart.yaml': 'name: [c\n', '/w/c/values.yaml': 'image:\n  tag: [latest\n  - x: }\n' }))!;
    assert.equal(chart.chartData, undefined);
    assert.ok(chart.values?.text.includes('[latest'));
    assert.equal(chart.values?.data, undefined);
    assert.equal(chartValuesOf('/w/c/templates/x.yaml', memoryChartFs({ '/w/c/Chart.yaml': 'name: c\n', '/w/c/values.yaml': ': : :\n  - [\n' })), undefined);
  });

  it(`reads at most ${MAX_TEMPLATE_FILES} templates and says the rest were left out`, () => {
    const many: Record<string, string> = { '/w/big/Chart.yaml': 'name: big\n' };
    for (let i = 0; i < MAX_TEMPLATE_FILES + 5; i++) many[`/w/big/templates/t${String(i).padStart(3, '0')}.yaml`] = 'kind: ConfigMap\n';
    const chart = readChartSync('/w/big', memoryChartFs(many))!;
    assert.equal(chart.templates.length, MAX_TEMPLATE_FILES);
    assert.equal(chart.truncated, true);
  });

  describe('on disk', () => {
    it('skips a binary file, a file over 1 MB and a symbolic link in templates/, and reads the rest', (t) => {
      const root = onDisk({
        'shop/Chart.yaml': CHART_YAML,
        'shop/values.yaml': VALUES,
        'shop/templates/deployment.yaml': DEPLOYMENT,
        'shop/templates/logo.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]),
        'shop/templates/huge.yaml': `# ${'x'.repeat(1024 * 1024 + 10)}\n`,
        'shop/templates/latin1.yaml': new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]),
        'outside.yaml': 'kind: Secret\n',
      });
      t.after(() => rmSync(root, { recursive: true, force: true }));
      symlinkSync(join(root, 'outside.yaml'), join(root, 'shop/templates/link.yaml'));
      const chart = chartOf(join(root, 'shop/templates/deployment.yaml'))!;
      assert.equal(chart.dir, join(root, 'shop'));
      assert.deepEqual(chart.templates.map((f) => chartRelative(chart, f.path)), ['templates/deployment.yaml']);
      assert.equal(str(get(get(chartValuesOf(join(root, 'shop/values.yaml')), 'image'), 'repository')), 'ghcr.io/acme/shop');
    });

    it('sees a template changed on disk on the next read (the cache follows the modification time and size)', (t) => {
      const root = onDisk({ 'c/Chart.yaml': 'name: c\n', 'c/templates/a.yaml': lines('kind: ConfigMap') });
      t.after(() => rmSync(root, { recursive: true, force: true }));
      assert.equal(readChartSync(join(root, 'c'))!.templates[0].text, 'kind: ConfigMap\n');
      writeFileSync(join(root, 'c/templates/a.yaml'), 'kind: Secret\nmetadata: {}\n');
      assert.equal(readChartSync(join(root, 'c'))!.templates[0].text, 'kind: Secret\nmetadata: {}\n');
    });
  });
});

