// Kubernetes manifests over a real LSP connection: a manifest's findings follow the other files of the cluster
// (a Service that selects it, an overlay's patch, a Tiltfile that builds its image), open or on disk.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DiagnosticSeverity, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { codes, makeWorkspace, uriOf, withServer, writeFiles, type TestClient } from './client';

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: orders}',
  'spec:',
  '  selector: {matchLabels: {app: orders}}',
  '  template:',
  '    metadata: {labels: {app: orders}}',
  '    spec:',
  '      containers:',
  '        - name: orders',
  '          image: acme/orders:latest',
  '',
].join('\n');
const service = (app: string) => ['apiVersion: v1', 'kind: Service', 'metadata: {name: orders}', 'spec:', `  selector: {app: ${app}}`, '  ports: [{port: 80}]', ''].join('\n');

const has = (rule: string) => (d: Diagnostic[]) => codes(d).includes(rule);
const hasNot = (rule: string) => (d: Diagnostic[]) => !codes(d).includes(rule);

async function onDisk(c: TestClient, root: string, rel: string, text: string, type: FileChangeType): Promise<void> {
  writeFiles(root, { [rel]: text });
  await c.fileEvents([{ uri: uriOf(join(root, rel)), type }]);
}

describe('language server on Kubernetes manifests', () => {
  test('an open Deployment gets single-replica when a Service on disk starts selecting it, and loses it when an edit of the open Service stops', async () => {
    const root = makeWorkspace({ 'k8s/deployment.yaml': DEPLOYMENT });
    const deployment = join(root, 'k8s/deployment.yaml');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      const first = await c.open(deployment);
      assert.ok(hasNot('single-replica')(first), 'no Service sends it traffic yet');
      assert.ok(has('unpinned-image')(first));
      await onDisk(c, root, 'k8s/service.yaml', service('orders'), FileChangeType.Created);
      const [d] = (await c.waitForDiagnostics(deployment, has('single-replica'))).filter((x) => x.code === 'single-replica');
      assert.equal(d.range.start.line, 2, 'on the workload name');
      const svc = join(root, 'k8s/service.yaml');
      await c.open(svc);
      await c.change(svc, service('billing'));
      await c.waitForDiagnostics(deployment, hasNot('single-replica'));
    });
  });

  test("an overlay patch that scales the base turns its single-replica warning into the disruption-budget note, and a Tiltfile that builds its image clears unpinned-image", async () => {
    const root = makeWorkspace({
      'base/deployment.yaml': DEPLOYMENT,
      'base/service.yaml': service('orders'),
      'base/kustomization.yaml': 'resources: [deployment.yaml, service.yaml]\n',
      'prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: replicas.yaml\n',
    });
    const deployment = join(root, 'base/deployment.yaml');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      const first = await c.open(deployment);
      assert.ok(has('single-replica')(first) && has('unpinned-image')(first));
      await onDisk(c, root, 'prod/replicas.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: orders}\nspec:\n  replicas: 3\n', FileChangeType.Created);
      const scaled = (d: Diagnostic[]) => d.some((x) => x.code === 'single-replica' && x.severity === DiagnosticSeverity.Information && /PodDisruptionBudget/.test(x.message));
      await c.waitForDiagnostics(deployment, scaled);
      await onDisk(c, root, 'Tiltfile', "docker_build('acme/orders', 'orders')\nk8s_yaml(kustomize('prod'))\n", FileChangeType.Created);
      const after = await c.waitForDiagnostics(deployment, hasNot('unpinned-image'));
      assert.ok(has('missing-healthcheck')(after), 'the rest of its findings stay');
    });
  });
});
