// Manifests for a local cluster (an app image that is never pulled: minikube, kind): availability, limits and
// probes are not asked of them, a datastore's weak default password there is no finding, and another password or a
// version-line tag there is a hint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, findingsOnDisk, service, yaml } from './helpers';

const findings = async (files: Record<string, string>, path: string) => (await findingsOnDisk(files, path)).map((f) => `${f.ruleId}:${f.severity}`).sort();

const app = (pull: string) => yaml(deployment('shop', { image: 'shop:dev', extra: [`          imagePullPolicy: ${pull}`] }), service('shop'));
const dbDocs = [deployment('postgres', { image: 'postgres:16', env: ['- name: POSTGRES_PASSWORD', '  value: password123'], ports: [5432] }), service('postgres', { port: 5432 })];
const db = yaml(...dbDocs);

describe('manifests for a local cluster', () => {
  it("asks no probes, limits or replicas of a folder whose app image is never pulled, leaves its datastore's weak default password alone (as in a compose file for development), and makes a random-looking password and its version line hints", async () => {
    const files = { 'k8s/shop.yaml': app('Never'), 'k8s/db/postgres.yaml': db };
    assert.deepEqual(await findings(files, 'k8s/db/postgres.yaml'), ['unpinned-image:hint']);
    const random = db.replace('password123', 'q7Vn2xKp9LmZ4tRw');
    assert.deepEqual(await findings({ ...files, 'k8s/db/postgres.yaml': random }, 'k8s/db/postgres.yaml'), ['hardcoded-secret:hint', 'unpinned-image:hint']);
    assert.deepEqual(await findings(files, 'k8s/shop.yaml'), []);
  });
  it('keeps a known token format a warning there (it works wherever it is used)', async () => {
    const token = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    const worker = yaml(deployment('worker', { image: 'worker:dev', env: ['- name: GITHUB_TOKEN', `  value: ${token}`], extra: ['          imagePullPolicy: Never'] }));
    assert.deepEqual((await findings({ 'k8s/worker.yaml': worker }, 'k8s/worker.yaml')).filter((f) => f.startsWith('hardcoded-secret')), ['hardcoded-secret:warning']);
  });
  it('reports them in a folder whose images are pulled', async () => {
    const found = await findings({ 'k8s/shop.yaml': app('IfNotPresent'), 'k8s/db/postgres.yaml': db }, 'k8s/db/postgres.yaml');
    assert.ok(found.includes('hardcoded-secret:warning') && found.includes('unpinned-image:warning') && found.includes('missing-healthcheck:warning'), found.join(' '));
  });
});

describe('manifests pinned to a desktop cluster', () => {
  const volume = (path: string, node: string) =>
    ['apiVersion: v1', 'kind: PersistentVolume', 'metadata:', '  name: data', 'spec:', '  capacity: { storage: 1Gi }', '  accessModes: [ReadWriteOnce]', '  hostPath:', `    path: "${path}"`, '  nodeAffinity:', '    required:', '      nodeSelectorTerms:', '        - matchExpressions:', '            - key: kubernetes.io/hostname', '              operator: In', '              values:', `                - ${node}`];
  it("takes a file that pins a volume to Docker Desktop's node, or to a host path through its mount, for a local cluster", async () => {
    for (const [path, node] of [['/data/pg', 'docker-desktop'], ['/run/desktop/mnt/host/c/data/pg', 'node-1'], ['/data/pg', 'kind-control-plane']]) {
      assert.deepEqual(await findings({ 'k8s/all.yaml': yaml(...dbDocs, volume(path, node)) }, 'k8s/all.yaml'), ['unpinned-image:hint'], `${path} ${node}`);
    }
  });
  it('still reports a file whose volume is pinned to a named node of a real cluster', async () => {
    const found = await findings({ 'k8s/all.yaml': yaml(...dbDocs, volume('/data/pg', 'worker-1')) }, 'k8s/all.yaml');
    assert.ok(found.includes('hardcoded-secret:warning') && found.includes('missing-healthcheck:warning'), found.join(' '));
  });
});

describe('manifests routed to names reserved for tests or the local machine', () => {
  const shop = yaml(deployment('shop', { image: 'ghcr.io/acme/shop:1.2.0' }), service('shop'));
  const ingress = (host: string) => ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: shop', 'spec:', '  rules:', `    - host: ${host}`, '      http:', '        paths:', '          - path: /', '            pathType: Prefix', '            backend:', '              service:', '                name: shop', '                port:', '                  number: 80'].join('\n');
  const proxy = (fqdn: string) => ['apiVersion: projectcontour.io/v1', 'kind: HTTPProxy', 'metadata:', '  name: shop', 'spec:', '  virtualhost:', `    fqdn: ${fqdn}`, '  routes:', '    - services:', '        - name: shop', '          port: 80'].join('\n');
  it('takes the folders of an Ingress or HTTPProxy serving only *.test, *.localhost or *.local names, and their sibling folders, for a local cluster', async () => {
    for (const route of [ingress('shop.quickstart.test'), ingress('shop.localhost'), proxy('hanko.quickstart.test')]) {
      const files = { 'k8s/base/shop/shop.yaml': shop, 'k8s/base/shop/route.yaml': route, 'k8s/base/postgres/postgres.yaml': db };
      assert.deepEqual(await findings(files, 'k8s/base/shop/shop.yaml'), [], route);
      assert.deepEqual(await findings(files, 'k8s/base/postgres/postgres.yaml'), ['unpinned-image:hint'], route);
    }
  });
  it('reads a host written as a Kustomize var (`host: $(SHOP_FQDN)`) from the field the var names', async () => {
    const routed = (fqdn: string) => ingress('$(SHOP_FQDN)').replace('  name: shop\n', `  name: shop\n  labels:\n    fqdn: ${fqdn}\n`);
    const kustomization = ['resources: [shop.yaml, route.yaml]', 'vars:', '  - name: SHOP_FQDN', '    objref:', '      apiVersion: networking.k8s.io/v1', '      kind: Ingress', '      name: shop', '    fieldref:', '      fieldpath: metadata.labels.fqdn', ''].join('\n');
    const files = (fqdn: string) => ({ 'k8s/shop/kustomization.yaml': kustomization, 'k8s/shop/shop.yaml': shop, 'k8s/shop/route.yaml': routed(fqdn) });
    assert.deepEqual(await findings(files('shop.quickstart.test'), 'k8s/shop/shop.yaml'), []);
    assert.ok((await findings(files('shop.acme.io'), 'k8s/shop/shop.yaml')).includes('single-replica:warning'));
  });
  it('still reports manifests routed to a public name, or to a public name beside a test one', async () => {
    for (const route of [ingress('shop.example.com'), [ingress('shop.quickstart.test'), ingress('shop.acme.io').replace('name: shop\nspec', 'name: shop-public\nspec')].join('\n---\n')]) {
      const found = await findings({ 'k8s/base/shop/shop.yaml': shop, 'k8s/base/shop/route.yaml': route }, 'k8s/base/shop/shop.yaml');
      assert.ok(found.includes('single-replica:warning') && found.includes('missing-healthcheck:warning'), found.join(' '));
    }
  });
});

describe('Kustomize overlays for a local registry', () => {
  const base = yaml(deployment('auth', { image: 'auth-image' }), service('auth'));
  const overlay = (newName: string) => ['resources:', '  - ../../base/auth', 'images:', '  - name: auth-image', `    newName: ${newName}`, '    newTag: 0.0.1', ''].join('\n');

  it('takes a base whose image every overlay renames into a local registry (localhost/..., localhost:5001/...) for a local cluster', async () => {
    for (const registry of ['localhost/acme/auth', 'localhost:5001/acme/auth']) {
      const files = { 'k8s/base/auth/kustomization.yaml': 'resources: [auth.yaml]\n', 'k8s/base/auth/auth.yaml': base, 'k8s/dev/auth/kustomization.yaml': overlay(registry) };
      assert.deepEqual(await findings(files, 'k8s/base/auth/auth.yaml'), [], registry);
    }
  });
  it('still reports the base when another overlay sends the image to a real registry', async () => {
    const files = { 'k8s/base/auth/kustomization.yaml': 'resources: [auth.yaml]\n', 'k8s/base/auth/auth.yaml': base, 'k8s/dev/auth/kustomization.yaml': overlay('localhost/acme/auth'), 'k8s/prod/auth/kustomization.yaml': overlay('ghcr.io/acme/auth') };
    const found = await findings(files, 'k8s/base/auth/auth.yaml');
    assert.ok(found.includes('single-replica:warning') && found.includes('missing-healthcheck:warning'), found.join(' '));
  });
});

describe('manifests and charts kept as test fixtures', () => {
  it('judges nothing of a manifest or a chart under testdata/ or tests/ (what a test loads), and reports the same manifest deployed', async () => {
    const files = (dir: string) => ({ [`${dir}/postgres.yaml`]: db });
    assert.deepEqual(await findings(files('src/pkg/chart/testdata/k8s'), 'src/pkg/chart/testdata/k8s/postgres.yaml'), []);
    assert.deepEqual(await findings(files('tests/manifests'), 'tests/manifests/postgres.yaml'), []);
    assert.ok((await findings(files('deploy/k8s'), 'deploy/k8s/postgres.yaml')).includes('hardcoded-secret:warning'));
    const chart = { 'src/pkg/chart/testdata/harbor/Chart.yaml': 'apiVersion: v2\nname: harbor\nversion: 1.0.0\nappVersion: latest\n', 'src/pkg/chart/testdata/harbor/values.yaml': 'image:\n  repository: goharbor/core\n  tag: latest\n' };
    assert.deepEqual(await findings(chart, 'src/pkg/chart/testdata/harbor/values.yaml'), []);
  });
});
