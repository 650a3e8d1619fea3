// Manifests for a local cluster (an app image that is never pulled: minikube, kind): availability, limits and
// probes are not asked of them, and a password or a version-line tag there is a hint.
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

async function findings(files: Record<string, string>, path: string): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'ba-local-'));
  const abs = Object.fromEntries(Object.entries(files).map(([p, t]) => [join(root, p), t]));
  for (const [p, t] of Object.entries(abs)) {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, t);
  }
  const workspace = new WorkspaceIndex({ root, fs: memoryFs(abs) });
  for (const [p, t] of Object.entries(abs)) if (classify(p, t) === 'kubernetes') workspace.model.setSource('kubernetes', p, t);
  const file = join(root, path);
  const result = await analyzeSource({ source: makeSource(file, abs[file], classify(file, abs[file])!), config: new EffectiveConfig(DEFAULT_SETTINGS), workspace });
  return result.findings.map((f) => `${f.ruleId}:${f.severity}`).sort();
}

const app = (pull: string) => yaml(deployment('shop', { image: 'shop:dev', extra: [`          imagePullPolicy: ${pull}`] }), service('shop'));
const db = yaml(deployment('postgres', { image: 'postgres:16', env: ['- name: POSTGRES_PASSWORD', '  value: password123'], ports: [5432] }), service('postgres', { port: 5432 }));

describe('manifests for a local cluster', () => {
  it('asks no probes, limits or replicas of a folder whose app image is never pulled, and makes its password and version line hints', async () => {
    const files = { 'k8s/shop.yaml': app('Never'), 'k8s/db/postgres.yaml': db };
    assert.deepEqual(await findings(files, 'k8s/db/postgres.yaml'), ['hardcoded-secret:hint', 'unpinned-image:hint']);
    assert.deepEqual(await findings(files, 'k8s/shop.yaml'), []);
  });
  it('reports them in a folder whose images are pulled', async () => {
    const found = await findings({ 'k8s/shop.yaml': app('IfNotPresent'), 'k8s/db/postgres.yaml': db }, 'k8s/db/postgres.yaml');
    assert.ok(found.includes('hardcoded-secret:warning') && found.includes('unpinned-image:warning') && found.includes('missing-healthcheck:warning'), found.join(' '));
  });
});
