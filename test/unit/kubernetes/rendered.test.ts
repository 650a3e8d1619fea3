// Manifests committed as `helm template` output: when the workspace holds the chart, the chart's own checks report
// images, probes and limits; the rendered copy does not report them again (and still reports the other rules).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { classify } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { deployment, service, yaml } from './helpers';

const CHART_RULES = ['unpinned-image', 'missing-healthcheck', 'missing-resource-limits'];

async function rulesOn(root: string, files: Record<string, string>, path: string): Promise<string[]> {
  const abs = Object.fromEntries(Object.entries(files).map(([p, t]) => [join(root, p), t]));
  for (const [p, t] of Object.entries(abs)) {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, t);
  }
  const workspace = new WorkspaceIndex({ root, fs: memoryFs(abs) });
  for (const [p, t] of Object.entries(abs)) if (classify(p, t) === 'kubernetes') workspace.model.setSource('kubernetes', p, t);
  const file = join(root, path);
  const result = await analyzeSource({ source: makeSource(file, abs[file], classify(file, abs[file])!), config: new EffectiveConfig(DEFAULT_SETTINGS), workspace });
  return [...new Set(result.findings.map((f) => f.ruleId))].sort();
}

const rendered = (chart: string) => ['---', `# Source: ${chart}/templates/deployment.yaml`, ...deployment('web', { image: 'acme/web:latest', replicas: 1 }), '---', `# Source: ${chart}/templates/service.yaml`, ...service('web')].join('\n') + '\n';
const chart = {
  'deploy/helm/web/Chart.yaml': 'apiVersion: v2\nname: web-chart\nversion: 0.1.0\n',
  'deploy/helm/web/values.yaml': 'image:\n  repository: acme/web\n  tag: latest\n',
  'deploy/helm/web/templates/deployment.yaml': yaml(deployment('web', { image: '"{{ .Values.image.repository }}:{{ .Values.image.tag }}"' })),
};

describe('manifests rendered from a chart of the workspace', () => {
  it('leaves images, probes and limits to the chart, and still reports the other rules', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ba-rendered-'));
    const found = await rulesOn(root, { ...chart, 'deploy/manifests/web.yaml': rendered('web-chart') }, 'deploy/manifests/web.yaml');
    assert.deepEqual(found, ['single-replica']);
  });
  it('reports them when the chart named is not in the workspace, or nothing says the file was rendered', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ba-rendered-'));
    const files = { ...chart, 'deploy/manifests/web.yaml': rendered('other-chart'), 'deploy/manifests/plain.yaml': yaml(deployment('api', { image: 'acme/api:latest' })) };
    assert.deepEqual((await rulesOn(root, files, 'deploy/manifests/web.yaml')).filter((r) => CHART_RULES.includes(r)), CHART_RULES.slice().sort());
    assert.deepEqual((await rulesOn(root, files, 'deploy/manifests/plain.yaml')).filter((r) => CHART_RULES.includes(r)), CHART_RULES.slice().sort());
  });
});
