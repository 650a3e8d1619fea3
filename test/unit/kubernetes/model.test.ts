import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, modelOf, service, yaml } from './helpers';

const pg = deployment('orders-db', { kind: 'StatefulSet', image: 'postgres:16.4', ports: [5432] });

describe('Kubernetes source of the workspace model', () => {
  it('reads every workload of a multi-document manifest as a service, with its kind and replicas', async () => {
    const m = await modelOf({ '/w/k8s/all.yaml': yaml(deployment('orders', { replicas: 3 }), service('orders'), deployment('worker', { kind: 'DaemonSet' })) });
    assert.deepEqual(m.services.map((s) => [s.id, s.workload?.kind, s.workload?.replicas?.value]), [['orders', 'Deployment', 3], ['worker', 'DaemonSet', undefined]]);
    assert.equal(m.services[0].location.range.start.line, 3);
  });

  it('gives a workload the DNS names of the Services that select it', async () => {
    const m = await modelOf({ '/w/a.yaml': yaml(deployment('orders'), service('orders-api', { selector: 'orders' })) });
    assert.deepEqual(m.services[0].hostnames, ['orders-api', 'orders-api.default', 'orders-api.default.svc', 'orders-api.default.svc.cluster.local']);
    assert.deepEqual(m.services[0].workload?.services.map((s) => [s.name, s.type]), [['orders-api', 'ClusterIP']]);
  });

  it('connects a workload to a datastore through a URL in env, a ConfigMap key and a Secret key', async () => {
    const m = await modelOf({
      '/w/db.yaml': yaml(pg, service('orders-db')),
      '/w/a.yaml': yaml(deployment('a', { env: ['- name: DATABASE_URL', '  value: postgres://orders-db.shop.svc.cluster.local:5432/orders'] })),
      '/w/b.yaml': yaml(deployment('b', { env: ['- name: DB_HOST', '  valueFrom: {configMapKeyRef: {name: b-config, key: host}}', '- name: DB_NAME', '  value: orders'] }), ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: b-config}', 'data:', '  host: orders-db']),
      '/w/c.yaml': yaml(deployment('c', { env: ['- name: DATABASE_URL', '  valueFrom: {secretKeyRef: {name: c-secret, key: url}}'] }), ['apiVersion: v1', 'kind: Secret', 'metadata: {name: c-secret}', 'data:', `  url: ${Buffer.from('postgres://u:pw@orders-db/billing').toString('base64')}`]),
    });
    const edges = m.edges.map((e) => [e.from, e.to, e.database, e.source]).sort();
    assert.deepEqual(edges, [['a', 'orders-db', 'orders', 'environment'], ['b', 'orders-db', 'orders', 'configmap'], ['c', 'orders-db', 'billing', 'secret']]);
    assert.deepEqual(m.services.find((s) => s.id === 'orders-db')?.datastore?.kind, 'postgres');
  });

  it('recognises a datastore in a custom image by its name, or its server environment with its port or its own data', async () => {
    const m = await modelOf({
      '/w/a.yaml': yaml(
        deployment('catalogue-db', { image: 'acme/catalogue-db:0.3', ports: [3306] }),
        deployment('cache', { image: 'acme/cache:1', ports: [6379], env: ['- name: X', '  value: y'] }),
        deployment('store', { image: 'acme/store:1', ports: [5432], env: ['- name: POSTGRES_PASSWORD', '  valueFrom: {secretKeyRef: {name: s, key: p}}'] }),
        deployment('api', { image: 'acme/api:1', ports: [5432], env: ['- name: POSTGRES_HOST', '  value: store'] }),
        deployment('contacts', { image: 'acme/contacts:1', ports: [8080], env: ['- name: POSTGRES_DB', '  value: accounts', '- name: POSTGRES_PASSWORD', '  valueFrom: {secretKeyRef: {name: s, key: p}}'] }),
        deployment('ledger', { kind: 'StatefulSet', image: 'acme/ledger:1', ports: [9000], env: ['- name: POSTGRES_DB', '  value: ledger'] }),
      ),
    });
    const kinds = m.services.map((s) => [s.name, s.datastore?.kind, s.datastore?.via]);
    // An app that loads the database's settings (contacts) is not the database: that takes its port or data of its own.
    assert.deepEqual(kinds, [['catalogue-db', 'mysql', 'manifest'], ['cache', undefined, undefined], ['store', 'postgres', 'manifest'], ['api', undefined, undefined], ['contacts', undefined, undefined], ['ledger', 'postgres', 'manifest']]);
  });

  it('reads unknown kinds, CRDs and a List without error', async () => {
    const m = await modelOf({ '/w/a.yaml': yaml(['apiVersion: example.com/v1', 'kind: Widget', 'metadata: {name: w}', 'spec: {anything: [1, {deep: true}]}'], ['apiVersion: v1', 'kind: List', 'items:', ...deployment('inlist').map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))]) });
    assert.deepEqual(m.services.map((s) => s.name), ['inlist']);
  });

  it('applies an overlay patch to its base workload without reading the patch as a workload', async () => {
    const m = await modelOf({
      '/w/base/kustomization.yaml': 'resources:\n  - app.yaml\n',
      '/w/base/app.yaml': yaml(deployment('orders', { replicas: 1 }), service('orders')),
      '/w/prod/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: replicas.yaml\nimages:\n  - name: acme/orders\n    newTag: 2.0.1\n',
      '/w/prod/replicas.yaml': yaml(['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: orders}', 'spec:', '  replicas: 4', '  template:', '    spec:', '      containers:', '        - name: orders', '          readinessProbe: {httpGet: {path: /h, port: 8080}}']),
    });
    assert.deepEqual(m.services.map((s) => s.id), ['orders']);
    assert.equal(m.services[0].workload?.patchedReplicas, 4);
    assert.deepEqual(m.services[0].workload?.containers[0].patchedBy.map((p) => [p.path, p.readiness]), [['/w/prod/replicas.yaml', true]]);
    assert.deepEqual(m.patchFiles, ['/w/prod/replicas.yaml']);
    assert.deepEqual(m.imageOverrides?.map((i) => [i.name, i.newTag]), [['acme/orders', '2.0.1']]);
  });

  it('applies the replicas of inline patches to the workloads their target selects (kind alone, a name regex, a strategic merge)', async () => {
    const m = await modelOf({
      '/w/base/kustomization.yaml': 'resources:\n  - app.yaml\n',
      '/w/base/app.yaml': yaml(deployment('orders', { replicas: 1 }), deployment('users', { replicas: 1 }), deployment('billing', { replicas: 1 }), ['apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: ledger}', 'spec:', '  replicas: 1', '  template:', '    spec:', '      containers:', '        - name: ledger', '          image: acme/ledger:1']),
      '/w/prod/kustomization.yaml': [
        'resources:',
        '  - ../base',
        'patches:',
        '  - target:',
        '      kind: Deployment',
        '      name: "orders|users"',
        '    patch: |-',
        '      - op: replace',
        '        path: /spec/replicas',
        '        value: 3',
        '  - patch: |-',
        '      apiVersion: apps/v1',
        '      kind: Deployment',
        '      metadata:',
        '        name: billing',
        '      spec:',
        '        replicas: 2',
        '',
      ].join('\n'),
    });
    assert.deepEqual(m.services.map((s) => [s.id, s.workload?.patchedReplicas]), [['orders', 3], ['users', 3], ['billing', 2], ['ledger', undefined]]);
  });

  it("adds the names that overlays' namePrefix and nameSuffix give a base's Service, wrapped outer over inner", async () => {
    const m = await modelOf({
      '/w/base/kustomization.yaml': 'namePrefix: v1-\nresources: [orders.yaml]\n',
      '/w/base/orders.yaml': yaml(deployment('orders'), service('orders')),
      '/w/prod/kustomization.yaml': 'namePrefix: prod-\nnameSuffix: -eu\nresources: [../base]\n',
      '/w/staging/kustomization.yaml': 'resources: [../base]\nnameSuffix: -stg\n',
    });
    const names = m.services[0].hostnames.filter((h) => !h.includes('.'));
    assert.deepEqual(names.sort(), ['orders', 'prod-v1-orders-eu', 'v1-orders', 'v1-orders-stg']);
  });

  it('relates Services and autoscalers to a workload of the same deployment only: same or enclosing folder, or one kustomization', async () => {
    const hpa = (name: string, min: number) => ['apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', `metadata: {name: ${name}}`, 'spec:', `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}`, `  minReplicas: ${min}`, '  maxReplicas: 9'];
    const m = await modelOf({
      '/w/manifests/app.yaml': yaml(deployment('frontend'), deployment('loadgen')),
      '/w/manifests/services/frontend.yaml': yaml(service('frontend')),
      '/w/extras/hpa/frontend.yaml': yaml(hpa('frontend', 5), service('loadgen')),
      '/w/overlay/kustomization.yaml': 'resources: [../manifests/app.yaml, pdb.yaml]\n',
      '/w/overlay/pdb.yaml': yaml(['apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata: {name: p}', 'spec:', '  minAvailable: 1', '  selector: {matchLabels: {app: frontend}}']),
    });
    const [frontend, loadgen] = m.services;
    assert.deepEqual(frontend.workload?.services.map((s) => s.name), ['frontend'], 'a Service in a folder under the workload\'s');
    assert.equal(frontend.workload?.autoscalerMin, undefined, 'an optional autoscaler in an unrelated folder');
    assert.equal(frontend.workload?.disruptionBudget?.path, '/w/overlay/pdb.yaml', 'built by the same kustomization');
    assert.deepEqual(loadgen.workload?.services, [], 'a same-named Service elsewhere does not send it traffic');
  });

  it('resolves env from a configMapGenerator of the kustomization', async () => {
    const m = await modelOf({
      '/w/kustomization.yaml': 'resources: [app.yaml, db.yaml]\nconfigMapGenerator:\n  - name: app-config\n    literals:\n      - DATABASE_URL=postgres://orders-db/orders\n',
      '/w/app.yaml': yaml(deployment('app', { extra: ['          envFrom:', '            - configMapRef: {name: app-config}'] })),
      '/w/db.yaml': yaml(pg, service('orders-db')),
    });
    assert.deepEqual(m.edges.map((e) => [e.from, e.to, e.database]), [['app', 'orders-db', 'orders']]);
    assert.equal(m.edges[0].location.path, '/w/kustomization.yaml');
  });

  it('reports a kustomization that names a missing file, once, and one that includes itself', async () => {
    const m = await modelOf({
      '/w/a/kustomization.yaml': 'resources:\n  - missing.yaml\n  - gone.yaml\n',
      '/w/b/kustomization.yaml': 'resources:\n  - ../c\n',
      '/w/c/kustomization.yaml': 'resources:\n  - ../b\n',
    });
    const problems = (m.problems ?? []).map((p) => [p.location.path, p.location.range.start.line, p.message.replace(/ \(.*/, '')]);
    assert.equal(problems.length, 2);
    assert.deepEqual(problems[0], ['/w/a/kustomization.yaml', 1, "Kustomize resources entry 'missing.yaml' names a file that does not exist"]);
    assert.match(problems[1][2] as string, /includes this kustomization again/);
  });

  it('maps a workload to its code folder through skaffold, and to a folder named like its image', async () => {
    const m = await modelOf({
      '/w/skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: acme/cart\n      context: src/cart-service\n',
      '/w/src/cart-service/main.go': 'package main\n',
      '/w/src/payment/index.js': 'require("http")\n',
      '/w/k8s/a.yaml': yaml(deployment('cart', { image: 'acme/cart' }), deployment('payment', { image: 'gcr.io/acme/payment:v1' })),
    });
    assert.deepEqual(m.services.map((s) => [s.name, s.sourceDir]), [['cart', '/w/src/cart-service'], ['payment', '/w/src/payment']]);
    assert.deepEqual(m.builtImages, ['acme/cart']);
  });

  it('narrows a skaffold context shared by several images to the Jib module or the Dockerfile folder', async () => {
    const skaffold = 'apiVersion: skaffold/v4beta1\nkind: Config\nbuild:\n  artifacts:\n    - image: ledger\n      context: ../..\n      jib: {project: src/ledger, type: maven}\n    - image: web\n      context: ../..\n      docker: {dockerfile: src/web/Dockerfile}\n    - image: plain\n      context: ../..\n';
    const m = await modelOf({
      '/w/deploy/skaffold/skaffold.yaml': skaffold,
      '/w/deploy/skaffold/k8s.yaml': yaml(deployment('ledger', { image: 'ledger' }), deployment('web', { image: 'web' }), deployment('plain', { image: 'plain' })),
    });
    assert.deepEqual(m.services.map((s) => [s.name, s.sourceDir]), [['ledger', '/w/src/ledger'], ['web', '/w/src/web'], ['plain', '/w']]);
  });

  it('keeps compose services and Kubernetes workloads of the same name apart', async () => {
    const m = await modelOf({ '/w/compose.yaml': 'services:\n  orders:\n    image: acme/orders:1\n', '/w/k8s/a.yaml': yaml(deployment('orders')) });
    const ids = m.services.map((s) => [s.id, s.origin ?? 'compose']);
    assert.equal(new Set(ids.map(([id]) => id)).size, 2);
    assert.deepEqual(ids.map(([, origin]) => origin).sort(), ['compose', 'kubernetes']);
  });
  it('reads a bundle that repeats a per-object file once (registry and tag aside), and keeps a variant that differs as its own workload', async () => {
    const m = await modelOf({
      '/w/k8s/orders.yaml': yaml(deployment('orders')),
      '/w/k8s/all.yaml': yaml(deployment('orders', { image: 'registry.example.com/acme/orders:1.0.3' }), service('orders')),
      '/w/tracing/orders.yaml': yaml(deployment('orders', { image: 'acme/orders-traced:1.0.0' })),
    });
    assert.deepEqual(m.duplicates, [{ path: '/w/k8s/all.yaml', start: 0 }]);
    assert.deepEqual(m.services.map((s) => s.location.path).sort(), ['/w/k8s/orders.yaml', '/w/tracing/orders.yaml']);
  });
});
