// Manifests committed as `helm template` output: when the workspace holds the chart, the chart's own checks report
// images, probes and limits; the rendered copy does not report them again (and still reports the other rules).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, findingsOnDisk, service, yaml } from './helpers';

const CHART_RULES = ['unpinned-image', 'missing-healthcheck', 'missing-resource-limits'];
const rulesOn = async (files: Record<string, string>, path: string) => [...new Set((await findingsOnDisk(files, path)).map((f) => f.ruleId))].sort();

const rendered = (chart: string) => ['---', `# Source: ${chart}/templates/deployment.yaml`, ...deployment('web', { image: 'acme/web:latest', replicas: 1 }), '---', `# Source: ${chart}/templates/service.yaml`, ...service('web')].join('\n') + '\n';
const chart = {
  'deploy/helm/web/Chart.yaml': 'apiVersion: v2\nname: web-chart\nversion: 0.1.0\n',
  'deploy/helm/web/values.yaml': 'image:\n  repository: acme/web\n  tag: latest\n',
  'deploy/helm/web/templates/deployment.yaml': yaml(deployment('web', { image: '"{{ .Values.image.repository }}:{{ .Values.image.tag }}"' })),
};

describe('manifests rendered from a chart of the workspace', () => {
  it('leaves images, probes and limits to the chart, and still reports the other rules', async () => {
    const found = await rulesOn({ ...chart, 'deploy/manifests/web.yaml': rendered('web-chart') }, 'deploy/manifests/web.yaml');
    assert.deepEqual(found, ['single-replica']);
  });
  it('reports them when the chart named is not in the workspace, or nothing says the file was rendered', async () => {
    const files = { ...chart, 'deploy/manifests/web.yaml': rendered('other-chart'), 'deploy/manifests/plain.yaml': yaml(deployment('api', { image: 'acme/api:latest' })) };
    assert.deepEqual((await rulesOn(files, 'deploy/manifests/web.yaml')).filter((r) => CHART_RULES.includes(r)), CHART_RULES.slice().sort());
    assert.deepEqual((await rulesOn(files, 'deploy/manifests/plain.yaml')).filter((r) => CHART_RULES.includes(r)), CHART_RULES.slice().sort());
  });
});
