// `lint` on a Kubernetes workspace: manifests anywhere, a Tiltfile at the root that builds an image, and a
// kustomization that names a missing file, all read as one system.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runJson, tempWorkspace } from './helpers';

const deployment = (name: string, image: string) =>
  ['apiVersion: apps/v1', 'kind: Deployment', `metadata: {name: ${name}}`, 'spec:', '  replicas: 2', `  selector: {matchLabels: {app: ${name}}}`, '  template:', `    metadata: {labels: {app: ${name}}}`, '    spec:', '      containers:', `        - name: ${name}`, `          image: ${image}`].join('\n');

describe('lint on Kubernetes manifests', () => {
  const ws = tempWorkspace({
    Tiltfile: "docker_build('acme/orders', 'orders')\nk8s_yaml(kustomize('deploy/overlays/prod'))\n",
    'deploy/k8s/apps.yaml': `${deployment('orders', 'acme/orders')}\n---\n${deployment('cache', 'redis:latest')}\n`,
    'deploy/overlays/prod/kustomization.yaml': 'resources:\n  - ../../k8s/apps.yaml\n  - missing.yaml\n',
  });
  after(() => ws.cleanup());
  const r = runJson(['lint', '--format', 'json'], ws.dir);
  const found = (path: string, rule: string) => (r.json.files.find((f: any) => f.path === path)?.findings ?? []).filter((f: any) => f.ruleId === rule);

  it('skips the image that the Tiltfile two folders up builds, and reports the moving tag of the other', () => {
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(found('deploy/k8s/apps.yaml', 'unpinned-image').map((f: any) => f.range.startLine), [25]);
  });

  it('reports the missing resource once, on its line of the kustomization', () => {
    const [e] = found('deploy/overlays/prod/kustomization.yaml', 'render-error');
    assert.match(e.message, /'missing\.yaml' names a file that does not exist/);
    assert.equal(e.range.startLine, 3);
  });
});
