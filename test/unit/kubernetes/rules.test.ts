import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datastoreCategory, datastoreKind } from '../../../server/src/core/compose/images';
import { isInfrastructureImage } from '../../../server/src/core/rules/kubernetes/workloads';
import { deployment, findingsOn, service, yaml } from './helpers';

const pg = deployment('orders-db', { kind: 'StatefulSet', image: 'postgres:16.4', ports: [5432], probes: true, resources: true });
const summary = (fs: { ruleId: string; severity: string; range: { start: { line: number } } }[]) => fs.map((f) => `${f.ruleId}:${f.severity}:${f.range.start.line + 1}`);

describe('missing-healthcheck on Kubernetes', () => {
  it('reports a served container with neither probe as one warning', async () => {
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(deployment('orders', { replicas: 2, resources: true }), service('orders')) }, 'missing-healthcheck');
    assert.deepEqual(summary(f), ['missing-healthcheck:warning:14']);
    assert.match(f[0].message, /no readinessProbe and no livenessProbe/);
    assert.match(f[0].fix!.edits[0].newText, /readinessProbe:\n\s+tcpSocket:\n\s+port: 8080/);
  });

  it('reports only a missing livenessProbe (information) for a worker no Service selects', async () => {
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(deployment('worker')) }, 'missing-healthcheck');
    assert.deepEqual(summary(f), ['missing-healthcheck:information:13']);
  });

  it('finds nothing for a container with both probes, a Job, or a probe added by an overlay patch', async () => {
    const files = {
      '/w/base/kustomization.yaml': 'resources: [a.yaml]\n',
      '/w/base/a.yaml': yaml(deployment('ok', { probes: true }), service('ok'), ['apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: j', '          image: acme/j:1']),
      '/w/base/b.yaml': yaml(deployment('patched'), service('patched')),
      '/w/prod/kustomization.yaml': 'resources: [../base]\npatchesStrategicMerge: [probes.yaml]\n',
      '/w/prod/probes.yaml': yaml(['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: patched}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: patched', '          readinessProbe: {tcpSocket: {port: 8080}}', '          livenessProbe: {tcpSocket: {port: 8080}}']),
    };
    files['/w/base/kustomization.yaml'] = 'resources: [a.yaml, b.yaml]\n';
    assert.deepEqual(await findingsOn('/w/base/a.yaml', files, 'missing-healthcheck'), []);
    assert.deepEqual(await findingsOn('/w/base/b.yaml', files, 'missing-healthcheck'), []);
    assert.deepEqual(await findingsOn('/w/prod/probes.yaml', files), [], 'a patch file is partial: nothing about what it leaves out');
  });

  it('takes the pod as one unit: a sidecar without probes beside a probed main container is not reported', async () => {
    const sidecar = ['        - name: proxy', '          image: acme/sql-proxy:2.1.0'];
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(deployment('orders', { probes: true, extra: sidecar }), service('orders')) }, 'missing-healthcheck');
    assert.deepEqual(f, []);
    const bare = await findingsOn('/w/b.yaml', { '/w/b.yaml': yaml(deployment('billing', { extra: sidecar }), service('billing')) }, 'missing-healthcheck');
    assert.deepEqual(summary(bare), ['missing-healthcheck:warning:13'], 'one finding for the pod, on its first container');
  });

  it("offers the datastore's own ping as the probe of a postgres container", async () => {
    const f = await findingsOn('/w/db.yaml', { '/w/db.yaml': yaml(deployment('db', { kind: 'StatefulSet', image: 'postgres:16.4', ports: [5432] }), service('db')) }, 'missing-healthcheck');
    assert.match(f[0].message, /^The postgres container 'db' of StatefulSet 'db'/);
    assert.match(f[0].fix!.edits[0].newText, /pg_isready/);
  });
});

describe('missing-resource-limits on Kubernetes', () => {
  it('reports a container without a memory limit or requests, not a missing CPU limit, and not requests that limits stand in for', async () => {
    const limits = (l: string) => ({ extra: ['          resources:', `            limits: {${l}}`] });
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(deployment('a'), deployment('b', { resources: true }), deployment('c', limits('memory: 1Gi')), deployment('d', limits('cpu: 500m'))) }, 'missing-resource-limits');
    assert.deepEqual(f.map((x) => x.message.replace(/:.*/, '')), ["Container 'a' of Deployment 'a' has no memory limit and no resource requests", "Container 'd' of Deployment 'd' has no memory limit"]);
  });

  it("leaves cluster add-ons alone (an ingress controller, its default backend, the webhook's certificate job), not an application named like one", async () => {
    const text = yaml(
      deployment('controller', { image: 'quay.io/kubernetes-ingress-controller/nginx-ingress-controller:0.33.0' }),
      deployment('backend', { image: 'k8s.gcr.io/defaultbackend-amd64:1.5' }),
      deployment('certgen', { kind: 'Job', image: 'docker.io/jettech/kube-webhook-certgen:v1.2.0' }),
      deployment('gateway', { image: 'acme/ingress-gateway:1.0.0' }),
    );
    const f = await findingsOn('/w/ingress.yaml', { '/w/ingress.yaml': text }, 'missing-resource-limits');
    assert.deepEqual(f.map((x) => x.message.replace(/:.*/, '')), ["Container 'gateway' of Deployment 'gateway' has no memory limit and no resource requests"]);
  });
});

describe('unpinned-image on Kubernetes', () => {
  it('leaves alone an image with imagePullPolicy: Never (loaded into the node, never pulled), and reports the same image pulled', async () => {
    const never = yaml(deployment('local', { image: 'email-service:latest', extra: ['          imagePullPolicy: Never'] }));
    assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': never }, 'unpinned-image'), []);
    const pulled = yaml(deployment('local', { image: 'email-service:latest', extra: ['          imagePullPolicy: IfNotPresent'] }));
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': pulled }, 'unpinned-image')).length, 1);
  });

  it('reports no tag, latest and a bare major, and not a version or a digest', async () => {
    const text = yaml(deployment('a', { image: 'nginx' }), deployment('b', { image: 'redis:latest' }), deployment('c', { image: 'postgres:16' }), deployment('d', { image: 'postgres:16.4' }), deployment('e', { image: 'ghcr.io/x/e@sha256:abc' }));
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, 'unpinned-image');
    assert.deepEqual(f.map((x) => /Image '([^']+)'/.exec(x.message)![1]), ['nginx', 'redis:latest', 'postgres:16']);
  });

  it('skips an image skaffold builds and one an overlay pins, and reports an overlay that sets latest', async () => {
    const files = {
      '/w/skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: acme/built\n',
      '/w/base/kustomization.yaml': 'resources: [a.yaml]\n',
      '/w/base/a.yaml': yaml(deployment('a', { image: 'acme/built' }), deployment('b', { image: 'acme/b' }), deployment('c', { image: 'acme/c' })),
      '/w/prod/kustomization.yaml': 'resources: [../base]\nimages:\n  - name: acme/b\n    newTag: 1.4.2\n  - name: acme/c\n    newTag: latest\n',
    };
    const base = await findingsOn('/w/base/a.yaml', files, 'unpinned-image');
    assert.deepEqual(base, []);
    const overlay = await findingsOn('/w/prod/kustomization.yaml', files, 'unpinned-image');
    assert.deepEqual(summary(overlay), ['unpinned-image:warning:6']);
  });

  it('leaves alone a placeholder tag a script replaces before deploying (CONTAINER_IMAGES_TAG, __TAG__), and still reports a word tag', async () => {
    const files = (tag: string) => ({
      '/w/base/kustomization.yaml': 'resources: [a.yaml]\n',
      '/w/base/a.yaml': yaml(deployment('c', { image: 'acme/c' })),
      '/w/ci/kustomization.yaml': `resources: [../base]\nimages:\n  - name: acme/c\n    newTag: ${tag}\n`,
    });
    for (const tag of ['CONTAINER_IMAGES_TAG', 'IMAGE_TAG', '__TAG__', 'TAG']) assert.deepEqual(await findingsOn('/w/ci/kustomization.yaml', files(tag), 'unpinned-image'), [], tag);
    assert.deepEqual(summary(await findingsOn('/w/ci/kustomization.yaml', files('stable'), 'unpinned-image')), ['unpinned-image:warning:4']);
    assert.deepEqual(summary(await findingsOn('/w/base/a.yaml', { '/w/base/a.yaml': yaml(deployment('c', { image: 'acme/c:IMAGE_TAG' })) }, 'unpinned-image')), []);
  });
});

describe("a tutorial's manifests", () => {
  it("gives a lesson's manifests (a tutorial's snapshot of the cluster) no deployment findings, and only known token formats as secrets", async () => {
    const text = yaml(deployment('web', { image: 'acme/web:latest' }));
    const files = { '/w/gomall/tutorial/ch16/deploy/web.yaml': text, '/w/deploy/web.yaml': text };
    assert.deepEqual(await findingsOn('/w/gomall/tutorial/ch16/deploy/web.yaml', files, 'unpinned-image'), []);
    assert.equal((await findingsOn('/w/deploy/web.yaml', files, 'unpinned-image')).length, 1);
  });
});

describe('unpinned-image of one image in several manifests', () => {
  it('reports the same moving image in the manifests of one folder once, at the first, naming the others; another folder on its own', async () => {
    const files = {
      '/w/deploy/catalog-db.yaml': yaml(deployment('catalog-db', { image: 'mysql:8' })),
      '/w/deploy/order-db.yaml': yaml(deployment('order-db', { image: 'mysql:8' })),
      '/w/staging/user-db.yaml': yaml(deployment('user-db', { image: 'mysql:8' })),
    };
    const first = await findingsOn('/w/deploy/catalog-db.yaml', files, 'unpinned-image');
    assert.equal(first.length, 1);
    assert.match(first[0].message, /^Image 'mysql:8' of container '\w[\w-]*' \(Deployment 'catalog-db'\) and 1 other container of this folder uses the moving tag '8'/);
    assert.deepEqual(first[0].related?.map((r) => r.path), ['/w/deploy/order-db.yaml']);
    assert.deepEqual(await findingsOn('/w/deploy/order-db.yaml', files, 'unpinned-image'), []);
    assert.equal((await findingsOn('/w/staging/user-db.yaml', files, 'unpinned-image')).length, 1);
  });
});

describe('unpinned-image of images a Makefile builds', () => {
  it("skips an image a service's Makefile builds with docker build -t (its name from the Makefile's and an included file's variables), also on a mirror host, and reports one nothing builds", async () => {
    const files = {
      '/w/common.mk': 'IMAGE_TAG ?= v12\nbuild:\n\tdocker build .. -t "buoyantio/$(svc_name):$(IMAGE_TAG)" \\\n\t\t--build-arg svc_name=$(svc_name)\n',
      '/w/web/Makefile': 'svc_name := emojivoto-web\ninclude ../common.mk\n',
      '/w/deploy/a.yaml': yaml(deployment('web', { image: 'docker.l5d.io/buoyantio/emojivoto-web:v11' }), deployment('bot', { image: 'buoyantio/emojivoto-bot:v11' })),
    };
    const found = await findingsOn('/w/deploy/a.yaml', files, 'unpinned-image');
    assert.deepEqual(found.map((x) => /Image '([^']+)'/.exec(x.message)![1]), ['buoyantio/emojivoto-bot:v11']);
  });
});

describe('hardcoded-secret on Kubernetes', () => {
  it('reports a literal password in env and in a ConfigMap, and a committed Secret, without showing the values', async () => {
    const text = yaml(
      deployment('a', { env: ['- name: DB_PASSWORD', '  value: s3cr3t-Pa55word', '- name: LOG_LEVEL', '  value: debug'] }),
      ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cfg}', 'data:', '  DATABASE_URL: postgres://app:Sup3rS3cret@db/app', '  MODE: fast'],
      ['apiVersion: v1', 'kind: Secret', 'metadata: {name: creds}', 'type: Opaque', 'data:', `  password: ${Buffer.from('hunter2-long-secret').toString('base64')}`],
    );
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, 'hardcoded-secret');
    assert.equal(f.length, 3);
    assert.match(f[2].message, /^Secret 'creds' is committed with its values \(password\): a Secret manifest in git is plaintext, base64 is not encryption/);
    for (const x of f) assert.doesNotMatch(x.message, /s3cr3t|Sup3rS3cret|hunter2|aHVudGVy/);
  });

  it("reports a committed Secret by the keys that hold a credential, and not one whose values are hosts, names, paths or their own key names", async () => {
    const secret = (data: string[]) => yaml(['apiVersion: v1', 'kind: Secret', 'metadata: {name: store}', 'type: Opaque', 'stringData:', ...data]);
    const quiet = secret(['  POSTGRES_DB: feast', '  POSTGRES_HOST: postgresql.feast.svc.cluster.local', '  CA_CERT_FILE_PATH: /etc/certs/ca.crt', '  client_secret: client_secret', '  redis: |', '    connection_string: redis.feast.svc.cluster.local:6379']);
    assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': quiet }, 'hardcoded-secret'), []);
    const leak = secret(['  POSTGRES_DB: feast', '  POSTGRES_PASSWORD: feast-2024', '  sql: |', '    path: postgresql+psycopg://feast:Sup3rS3cret@db:5432/feast']);
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': leak }, 'hardcoded-secret');
    assert.deepEqual(f.map((x) => x.message.split(':')[0]), ["Secret 'store' is committed with its values (POSTGRES_PASSWORD, sql)"]);
  });

  it('reports a ConfigMap password once when a connection string beside it holds the same one, and twice when they differ', async () => {
    const cm = (pw: string) => yaml(['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: db}', 'data:', '  DB_URI: postgresql://admin:Sup3rS3cret-1@db:5432/app', `  POSTGRES_PASSWORD: ${pw}`]);
    const same = await findingsOn('/w/a.yaml', { '/w/a.yaml': cm('Sup3rS3cret-1') }, 'hardcoded-secret');
    assert.deepEqual(same.map((f) => f.message.split(':').slice(0, 2).join(':')), ["ConfigMap 'db': DB_URI holds a hardcoded password in a connection string (the same value is in POSTGRES_PASSWORD)"]);
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': cm('An0ther-S3cret') }, 'hardcoded-secret')).length, 2);
  });

  it('reports a value that manifests in two files hold once, on the first file, naming the other; another value in each', async () => {
    const files = {
      '/w/k8s/cdc.yaml': yaml(deployment('cdc', { env: ['- name: CDC_DB_PASSWORD', '  value: rootpw-2024'] })),
      '/w/k8s/mysql.yaml': yaml(deployment('mysql', { env: ['- name: MYSQL_ROOT_PASSWORD', '  value: rootpw-2024', '- name: MYSQL_PASSWORD', '  value: other-pw-2024'] })),
    };
    const first = await findingsOn('/w/k8s/cdc.yaml', files, 'hardcoded-secret');
    assert.deepEqual(first.map((f) => f.message.split(': anyone')[0]), ['cdc: env CDC_DB_PASSWORD holds a hardcoded password (also in mysql.yaml)']);
    assert.deepEqual(first[0].related?.map((r) => [r.path, r.message]), [['/w/k8s/mysql.yaml', 'MYSQL_ROOT_PASSWORD holds the same value']]);
    const second = await findingsOn('/w/k8s/mysql.yaml', files, 'hardcoded-secret');
    assert.deepEqual(second.map((f) => f.message.split(': anyone')[0]), ['mysql: env MYSQL_PASSWORD holds a hardcoded password']);
  });

  it('reports a value two ConfigMaps of the same name in two folders hold once, on the first file, naming the other', async () => {
    const cm = (labels: string) => ['apiVersion: v1', 'kind: ConfigMap', `metadata: {name: ledger-db-config, labels: {${labels}}}`, 'data:', '  POSTGRES_PASSWORD: ledger-pw-2024'];
    const db = deployment('ledger-db', { kind: 'StatefulSet', extra: ['          envFrom:', '            - configMapRef: {name: ledger-db-config}'] });
    const files = { '/w/kubernetes-manifests/ledger-db.yaml': yaml(cm('tier: db'), db), '/w/src/ledger/k8s/base/config.yaml': yaml(cm('team: ledger')) };
    const first = await findingsOn('/w/kubernetes-manifests/ledger-db.yaml', files, 'hardcoded-secret');
    assert.deepEqual(first.map((f) => f.message.split(': ConfigMaps')[0]), ["ConfigMap 'ledger-db-config': POSTGRES_PASSWORD holds a hardcoded password (also in ../src/ledger/k8s/base/config.yaml)"]);
    assert.deepEqual(await findingsOn('/w/src/ledger/k8s/base/config.yaml', files, 'hardcoded-secret'), []);
  });

  it('reports a value two env entries of a container hold once, and values that differ or sit in other containers apart', async () => {
    const env = (second: string) => ['- name: READER_PASSWORD', '  value: rootpw-2024', '- name: READER_USER', '  value: root', '- name: CDC_PASSWORD', `  value: ${second}`];
    const same = await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(deployment('cdc', { env: env('rootpw-2024') }), deployment('other', { env: env('another-pw-2024') })) }, 'hardcoded-secret');
    assert.deepEqual(same.map((f) => f.message.split(': anyone')[0]), ['cdc: env READER_PASSWORD holds a hardcoded password (the same value is in CDC_PASSWORD)', 'other: env READER_PASSWORD holds a hardcoded password', 'other: env CDC_PASSWORD holds a hardcoded password']);
    assert.deepEqual(same[0].related?.map((r) => r.message), ['CDC_PASSWORD holds the same value']);
  });

  it('finds nothing in secretKeyRef references, $(VAR) references in a URL, and a Secret of placeholders', async () => {
    const env = ['- name: DB_PASSWORD', '  valueFrom: {secretKeyRef: {name: s, key: p}}', '- name: DATABASE_URL', '  value: postgres://app:$(DB_PASSWORD)@db:5432/app'];
    const text = yaml(deployment('a', { env }), ['apiVersion: v1', 'kind: Secret', 'metadata: {name: s}', 'stringData:', '  p: ""']);
    assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, 'hardcoded-secret'), []);
  });

  it("reports a weak word as a datastore's own password, and not as an application's or when empty", async () => {
    const env = ['- name: POSTGRES_PASSWORD', '  value: password', '- name: APP_PASSWORD', '  value: password', '- name: MYSQL_ROOT_PASSWORD', '  value: ""'];
    const f = await findingsOn('/w/db.yaml', { '/w/db.yaml': yaml(deployment('db', { kind: 'StatefulSet', image: 'postgres:16.4', ports: [5432], env })) }, 'hardcoded-secret');
    assert.deepEqual(f.map((x) => x.message.replace(/:.*/, '')), ['db']);
    assert.match(f[0].message, /env POSTGRES_PASSWORD holds a hardcoded password \(a weak default the datastore really starts with\)/);
  });

  it('reports a secretGenerator literal in a kustomization', async () => {
    const f = await findingsOn('/w/kustomization.yaml', { '/w/kustomization.yaml': 'secretGenerator:\n  - name: db\n    literals:\n      - password=Xk82-aa91-QQz0\n' }, 'hardcoded-secret');
    assert.deepEqual(summary(f), ['hardcoded-secret:warning:4']);
  });
});

describe('exposed-database-port on Kubernetes', () => {
  it('reports a LoadBalancer Service in front of a datastore, on the Service, with a ClusterIP fix', async () => {
    const files = { '/w/db.yaml': yaml(pg), '/w/svc.yaml': yaml(service('orders-db', { type: 'LoadBalancer', port: 5432 })) };
    const f = await findingsOn('/w/svc.yaml', files, 'exposed-database-port');
    assert.deepEqual(summary(f), ['exposed-database-port:warning:6']);
    assert.equal(f[0].fix?.edits[0].newText, 'ClusterIP');
    assert.deepEqual(await findingsOn('/w/db.yaml', files, 'exposed-database-port'), []);
  });

  it("makes a datastore's LoadBalancer on a developer's local cluster (an image never pulled) a hint", async () => {
    const local = yaml(deployment('mysql', { image: 'mysql:8.4.2', ports: [3306], extra: ['          imagePullPolicy: Never'] }), service('mysql', { type: 'LoadBalancer', port: 3306 }));
    assert.deepEqual(summary(await findingsOn('/w/dev/k8s/mysql.yaml', { '/w/dev/k8s/mysql.yaml': local }, 'exposed-database-port')), ['exposed-database-port:hint:24']);
    const cluster = local.replace('          imagePullPolicy: Never\n', '');
    assert.deepEqual(summary(await findingsOn('/w/k8s/mysql.yaml', { '/w/k8s/mysql.yaml': cluster }, 'exposed-database-port')), ['exposed-database-port:warning:23']);
  });

  it('reports a hostPort and an Ingress to a datastore, and not a LoadBalancer in front of a web frontend', async () => {
    const text = yaml(
      deployment('cache', { image: 'redis:7.2.4', ports: [6379], extra: ['          # host', ''] }).map((l) => (l === '            - containerPort: 6379' ? '            - {containerPort: 6379, hostPort: 6379}' : l)),
      service('cache'),
      ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: {name: i}', 'spec:', '  rules:', '    - http:', '        paths:', '          - path: /', '            backend: {service: {name: cache, port: {number: 6379}}}'],
      deployment('web'),
      service('web', { type: 'LoadBalancer' }),
    );
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, 'exposed-database-port');
    assert.deepEqual(f.map((x) => /\(([^)]+)\)/.exec(x.message)![1]), ['hostPort on container \'cache\'', 'an Ingress routes to it']);
  });
});

describe('shared-database on Kubernetes', () => {
  it("reports two workloads using one database on the datastore's manifest, with each connection related", async () => {
    const files = {
      '/w/db.yaml': yaml(pg, service('orders-db')),
      '/w/a.yaml': yaml(deployment('orders', { env: ['- name: DATABASE_URL', '  value: postgres://orders-db/shop'] })),
      '/w/b.yaml': yaml(deployment('billing', { env: ['- name: DATABASE_URL', '  value: postgres://orders-db:5432/shop'] })),
    };
    const f = await findingsOn('/w/db.yaml', files, 'shared-database');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /^Database 'shop' on postgres datastore 'orders-db' is shared by 'orders' and 'billing'/);
    assert.deepEqual(f[0].related?.map((r) => r.path).sort(), ['/w/a.yaml', '/w/b.yaml']);
  });

  it('finds nothing when each workload has its own datastore', async () => {
    const files = { '/w/db.yaml': yaml(pg, service('orders-db')), '/w/a.yaml': yaml(deployment('orders', { env: ['- name: DATABASE_URL', '  value: postgres://orders-db/shop'] })) };
    assert.deepEqual(await findingsOn('/w/db.yaml', files, 'shared-database'), []);
  });
});

describe('stateful-service on Kubernetes', () => {
  it('reports an application writing to a volume claim, and not a datastore or a read-only mount', async () => {
    const claim = (ro: boolean) => ['          volumeMounts:', `            - {name: data, mountPath: /data${ro ? ', readOnly: true' : ''}}`, '      volumes:', '        - name: data', '          persistentVolumeClaim: {claimName: data}'];
    const text = yaml(deployment('uploads', { extra: claim(false) }), deployment('reader', { extra: claim(true) }), deployment('pg', { image: 'postgres:16.4', extra: claim(false) }));
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, 'stateful-service');
    assert.deepEqual(f.map((x) => x.message.replace(/ is an application.*/, '')), ["Deployment 'uploads'"]);
    assert.equal(f[0].severity, 'information');
  });

  it('leaves a DaemonSet (a node agent: runtime sockets, BPF maps on each node) and object stores or a durable-execution server alone, and reports a Deployment writing to the host', async () => {
    const host = (path: string) => ['          volumeMounts:', '            - {name: h, mountPath: /mnt}', '      volumes:', '        - name: h', `          hostPath: {path: ${path}}`];
    const claim = ['          volumeMounts:', '            - {name: data, mountPath: /data}', '      volumes:', '        - name: data', '          persistentVolumeClaim: {claimName: data}'];
    const text = yaml(deployment('agent', { kind: 'DaemonSet', extra: host('/sys/fs/bpf') }), deployment('s3', { image: 'dxflrs/garage:v2.3.0', extra: claim }), deployment('restate', { kind: 'StatefulSet', image: 'docker.io/restatedev/restate:1.6.0', extra: claim }), deployment('cache-files', { extra: host('/var/lib/cache-files') }));
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, 'stateful-service');
    assert.deepEqual(f.map((x) => x.message.replace(/ is an application.*/, '')), ["Deployment 'cache-files'"]);
  });

  it("does not take the node's own settings mounted from the host (its time zone, CA certificates) for data, and reports a host data folder", async () => {
    const host = (path: string) => ['          volumeMounts:', '            - {name: h, mountPath: /mnt}', '      volumes:', '        - name: h', `          hostPath: {path: ${path}}`];
    const text = yaml(deployment('tz', { extra: host('/usr/share/zoneinfo/Europe/Vilnius') }), deployment('certs', { extra: host('/etc/ssl/certs') }), deployment('files', { extra: host('/var/lib/files') }));
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, 'stateful-service');
    assert.deepEqual(f.map((x) => x.message.replace(/ is an application.*/, '')), ["Deployment 'files'"]);
  });

  it('does not take a log folder for data (a hostPath of logs, a claim mounted at /var/logs), and reports a claim at a data folder', async () => {
    const mount = (at: string, volume: string) => ['          volumeMounts:', `            - {name: v, mountPath: ${at}}`, '      volumes:', '        - name: v', `          ${volume}`];
    const text = yaml(deployment('admin', { extra: mount('/var/logs', 'hostPath: {path: /mydata/app/mall-admin/logs}') }), deployment('portal', { extra: mount('/app/logs', 'persistentVolumeClaim: {claimName: logs}') }), deployment('files', { extra: mount('/data', 'persistentVolumeClaim: {claimName: files}') }));
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, 'stateful-service');
    assert.deepEqual(f.map((x) => x.message.replace(/ is an application.*/, '')), ["Deployment 'files'"]);
  });
});

describe('telemetry back ends', () => {
  it('ask an OpenTelemetry collector or Jaeger for a liveness probe (information), not a readiness one, and an application for both', async () => {
    for (const image of ['otel/opentelemetry-collector-contrib:0.157.0', 'jaegertracing/all-in-one:1.57.0']) {
      const text = yaml(deployment('collector', { image }), service('collector'));
      assert.deepEqual(summary(await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, 'missing-healthcheck')), ['missing-healthcheck:information:13'], image);
    }
    const app = yaml(deployment('orders', { image: 'acme/orders:1.0.0' }), service('orders'));
    assert.deepEqual(summary(await findingsOn('/w/a.yaml', { '/w/a.yaml': app }, 'missing-healthcheck')), ['missing-healthcheck:warning:13']);
    // An application with a collector sidecar is an application.
    const sidecar = yaml(deployment('rabbitmq', { image: 'rabbitmq:3.13.0', extra: ['        - name: collector', '          image: otel/opentelemetry-collector-contrib:0.157.0'] }), service('rabbitmq'));
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': sidecar }, 'missing-healthcheck'))[0]?.severity, 'warning');
    // An application instrumented for a tracer is an application.
    const traced = yaml(deployment('orders', { image: 'codewisdom/ts-orders-service-with-jaeger:v1' }), service('orders'));
    assert.deepEqual(summary(await findingsOn('/w/a.yaml', { '/w/a.yaml': traced }, 'missing-healthcheck')), ['missing-healthcheck:warning:13']);
  });
});

describe('sidecars that probe readiness', () => {
  it('ask a Dapr-enabled pod for a liveness probe only (its injected sidecar is probed for readiness), and the same pod without Dapr for both', async () => {
    const pod = (annotations: string[]) => yaml(deployment('frontend', { extra: [] }).flatMap((l) => (l === '    metadata:' ? [l, '      annotations:', ...annotations] : [l])), service('frontend'));
    assert.deepEqual(summary(await findingsOn('/w/a.yaml', { '/w/a.yaml': pod(['        dapr.io/enabled: "true"', '        dapr.io/app-port: "8080"']) }, 'missing-healthcheck')), ['missing-healthcheck:information:16']);
    assert.deepEqual(summary(await findingsOn('/w/a.yaml', { '/w/a.yaml': pod(['        dapr.io/enabled: "false"']) }, 'missing-healthcheck')), ['missing-healthcheck:warning:15']);
  });
});

describe('one-shot data jobs', () => {
  it('get no resource finding (a Job that populates, seeds or migrates), while another Job and a long-running db-init Deployment do', async () => {
    for (const name of ['populate-accounts-db', 'seed-catalog', 'orders-migrate']) assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(deployment(name, { kind: 'Job' })) }, 'missing-resource-limits'), [], name);
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(deployment('report-generator', { kind: 'Job' })) }, 'missing-resource-limits')).length, 1);
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(deployment('db-init', {})) }, 'missing-resource-limits')).length, 1);
  });
});

describe('load generators', () => {
  it('get no probe or resource findings (a loadgenerator image, a Locust command, a Deployment named loadgenerator), and an application beside them does', async () => {
    const byImage = yaml(deployment('traffic', { image: 'us-docker.pkg.dev/shop/loadgenerator:v1.2.0' }), service('traffic'));
    const byCommand = yaml(deployment('users', { image: 'acme/users-sim:1.0', extra: ['          command: [locust, "--autostart"]'] }));
    const byName = yaml(deployment('loadgenerator', { image: 'acme/sim:1.0' }));
    const wrk = yaml(deployment('hr-client', { image: 'deathstarbench/wrk2-client', extra: ['          command: ["/bin/sh"]', '          args: [-c, sleep 365d]'] }));
    for (const text of [byImage, byCommand, byName, wrk]) {
      for (const rule of ['missing-healthcheck', 'missing-resource-limits']) assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, rule), [], `${rule}\n${text}`);
    }
    const app = yaml(deployment('upload', { image: 'acme/upload-loader:1.0' }), service('upload'));
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': app }, 'missing-healthcheck')).length, 1);
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': app }, 'missing-resource-limits')).length, 1);
  });
});

describe('client boxes', () => {
  it('get no probe or resource findings when every container only idles (sleep infinity, tail -f /dev/null), and a pod that idles after starting a server does', async () => {
    const sleeper = yaml(deployment('client-admin', { image: 'acme/feature-server:1.0', extra: ['          command: ["sleep", "infinity"]'] }));
    const tail = yaml(deployment('toolbox', { image: 'busybox:1.36', extra: ['          command: ["tail", "-f", "/dev/null"]'] }));
    for (const text of [sleeper, tail]) {
      for (const rule of ['missing-healthcheck', 'missing-resource-limits']) assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': text }, rule), [], `${rule}\n${text}`);
    }
    const server = yaml(deployment('api', { image: 'acme/api:1.0', extra: ['          command: ["sh", "-c", "server & sleep infinity"]'] }), service('api'));
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': server }, 'missing-resource-limits')).length, 1);
  });
});

describe('single-replica', () => {
  it('leaves alone a load generator with a Service (a Locust command, a k6 image), and not an application whose name merely contains load', async () => {
    const locust = yaml(deployment('loadgenerator', { replicas: 1, image: 'acme/traffic:1.0', extra: ['          command: [locust, "--autostart"]'] }), service('loadgenerator'));
    assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': locust }, 'single-replica'), []);
    const k6 = yaml(deployment('perf', { replicas: 1, image: 'grafana/k6:0.52.0' }), service('perf'));
    assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': k6 }, 'single-replica'), []);
    const app = yaml(deployment('upload', { replicas: 1, image: 'acme/upload-loader:1.0' }), service('upload'));
    assert.deepEqual(summary(await findingsOn('/w/a.yaml', { '/w/a.yaml': app }, 'single-replica')), ['single-replica:warning:6']);
  });

  it('reports a served Deployment with one replica, with a fix to run two', async () => {
    const f = await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(deployment('orders', { replicas: 1 }), service('orders')) }, 'single-replica');
    assert.deepEqual(summary(f), ['single-replica:warning:6']);
    assert.equal(f[0].fix?.edits[0].newText, '2');
  });

  it('finds nothing for an autoscaled workload, one an overlay scales, a datastore, a worker or a DaemonSet', async () => {
    const files = {
      '/w/a.yaml': yaml(deployment('hpa'), service('hpa'), ['apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata: {name: h}', 'spec:', '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: hpa}', '  minReplicas: 2', '  maxReplicas: 5'], ['apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata: {name: p}', 'spec:', '  minAvailable: 1', '  selector: {matchLabels: {app: hpa}}'], pg, service('orders-db'), deployment('worker'), deployment('agent', { kind: 'DaemonSet' }), service('agent')),
      '/w/b.yaml': yaml(deployment('scaled'), service('scaled')),
      '/w/kustomization.yaml': 'resources: [b.yaml]\npatches:\n  - path: p.yaml\n',
      '/w/p.yaml': yaml(['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: scaled}', 'spec:', '  replicas: 3']),
    };
    assert.deepEqual(await findingsOn('/w/a.yaml', files, 'single-replica'), []);
    const b = await findingsOn('/w/b.yaml', files, 'single-replica');
    assert.deepEqual(summary(b), ['single-replica:information:4'], 'scaled to 3 by the overlay, but no PodDisruptionBudget');
  });

  it('counts tracing, monitoring, mail-catching and echo stand-in images as infrastructure, and not an application named like one', () => {
    for (const image of ['jaegertracing/all-in-one:1.57', 'openzipkin/zipkin:3', 'gcr.io/google_containers/heapster-grafana-amd64:v4.4.3', 'prom/node-exporter', 'grafana/otel-lgtm:0.8.1', 'gcr.io/cadvisor/cadvisor:v0.49.1', 'mailhog/mailhog:v1.0.1', 'axllent/mailpit:v1.20', 'hashicorp/http-echo:1.0', 'grafana/grafana-oss:11.2.0']) assert.ok(isInfrastructureImage(image), image);
    for (const image of ['acme/orders:1.2', 'acme/tracing-dashboard:2', 'weaveworksdemos/front-end:0.3.12', 'acme/ingress-gateway:1']) assert.equal(isInfrastructureImage(image), false, image);
    for (const image of ['k8s.gcr.io/defaultbackend-amd64:1.5', 'registry.k8s.io/ingress-nginx/controller:v1.9.4', 'quay.io/jetstack/cert-manager-webhook:v1.13.0']) assert.ok(isInfrastructureImage(image), image);
  });

  it('takes a vendor build of a broker or coordinator (eventuate-kafka, acme-zookeeper3) as a datastore, and not an application named after one', () => {
    assert.equal(datastoreKind('apache/kafka-native:3.8.0'), 'kafka');
    assert.equal(datastoreKind('eventstore/eventstore:24.10'), 'eventstore');
    assert.equal(datastoreKind('eventuateio/eventuate-kafka:0.3.0'), 'kafka');
    assert.equal(datastoreKind('eventuateio/eventuate-zookeeper:0.19.0'), 'zookeeper');
    assert.equal(datastoreKind('acme/acme-nats2:1'), 'nats');
    for (const image of ['acme/orders-kafka-consumer:1', 'acme/kafka-bridge:2', 'acme/zookeeper-ui:1']) assert.equal(datastoreKind(image), undefined, image);
  });

  it("takes a datastore's schema tool (jaeger-cassandra-schema) for a tool, not the datastore", () => {
    assert.equal(datastoreKind('jaegertracing/jaeger-cassandra-schema:1.57.0'), undefined);
    assert.equal(datastoreKind('acme/orders-postgres-schema:2'), undefined);
    assert.equal(datastoreKind('acme/cassandra-4:1'), 'cassandra');
  });

  it('takes an InfluxDB image with a platform suffix (heapster-influxdb-amd64) as a datastore', () => {
    assert.equal(datastoreKind('gcr.io/google_containers/heapster-influxdb-amd64:v1.3.3'), 'influxdb');
    assert.equal(datastoreKind('acme/influxdb-exporter:1'), undefined);
  });
});

describe('render-error', () => {
  it('reports a kustomization naming a missing file on the entry, and the rest of the tree is still analyzed', async () => {
    const files = { '/w/kustomization.yaml': 'resources:\n  - app.yaml\n  - nope.yaml\n', '/w/app.yaml': yaml(deployment('a', { image: 'acme/a:latest' })) };
    assert.deepEqual(summary(await findingsOn('/w/kustomization.yaml', files)), ['render-error:warning:3']);
    assert.ok((await findingsOn('/w/app.yaml', files, 'unpinned-image')).length === 1);
  });
});

describe('variants of a workload in several folders', () => {
  const env = (v: string) => ['- name: MODE', `  value: ${v}`];
  const files = {
    '/w/manifests/app.yaml': yaml(deployment('orders', { env: env('main') }), service('orders'), deployment('users', { probes: true, resources: true, replicas: 2 }), service('users')),
    '/w/extras/cloudsql/orders.yaml': yaml(deployment('orders', { env: env('cloudsql') }), service('orders')),
    '/w/extras/pinned/orders.yaml': yaml(deployment('orders', { env: env('pinned'), image: 'acme/orders:latest', probes: true }), service('orders')),
  };

  it('reports what a variant shares with the main copy once, on the main copy', async () => {
    const main = await findingsOn('/w/manifests/app.yaml', files);
    assert.deepEqual([...new Set(main.map((f) => f.ruleId))].sort(), ['missing-healthcheck', 'missing-resource-limits', 'single-replica']);
    assert.deepEqual(await findingsOn('/w/extras/cloudsql/orders.yaml', files), [], 'the same probes, limits and replicas as the main copy');
  });

  it('reports on a variant what differs from the main copy', async () => {
    const f = await findingsOn('/w/extras/pinned/orders.yaml', files);
    assert.deepEqual(f.map((x) => x.ruleId).sort(), ['unpinned-image'], 'its own image tag; its probes are fine; limits and replicas as the main copy');
  });
});

describe('copies in a folder marked as not in use', () => {
  it('judges no manifest of an old-docs/ or deprecated/ folder, and reports the live copy instead', async () => {
    // Written differently from the live copy, and with more workloads and shallower: the copy a variant is judged against, were it live.
    const old = ['- name: MODE', '  value: old'];
    const copy = yaml(deployment('orders', { env: old }), service('orders'), deployment('users', { env: old }), service('users'), deployment('stock'), service('stock'));
    const files = { '/w/old-docs/app.yaml': copy, '/w/deploy/k8s/app.yaml': yaml(deployment('orders'), service('orders'), deployment('users'), service('users')) };
    assert.deepEqual(await findingsOn('/w/old-docs/app.yaml', files), []);
    const live = await findingsOn('/w/deploy/k8s/app.yaml', files);
    assert.deepEqual([...new Set(live.map((f) => f.ruleId))].sort(), ['missing-healthcheck', 'missing-resource-limits', 'single-replica']);
    assert.ok((await findingsOn('/w/deprecated/app.yaml', { '/w/deprecated/app.yaml': copy })).length === 0);
    assert.ok((await findingsOn('/w/k8s/app.yaml', { '/w/k8s/app.yaml': copy })).length > 0);
  });
});

describe('local emulators of cloud datastores', () => {
  it('recognises DynamoDB Local, LocalStack, Azurite and the Cosmos DB and Firestore emulators as datastores', () => {
    const images: [string, string][] = [
      ['cnadiminti/dynamodb-local:2017-04-22_beta', 'dynamodb'], ['amazon/dynamodb-local:2.5.2', 'dynamodb'], ['localstack/localstack:3.4', 'localstack'],
      ['mcr.microsoft.com/azure-storage/azurite:3.30.0', 'azurite'], ['mcr.microsoft.com/cosmosdb/linux/azure-cosmos-emulator:latest', 'cosmosdb'], ['mtlynch/firestore-emulator:latest', 'firestore'],
    ];
    for (const [image, kind] of images) assert.equal(datastoreKind(image), kind, image);
    assert.equal(datastoreCategory('dynamodb'), 'emulator');
  });

  it('recognises a mirrored vendor build of ClickHouse (a name holding "init" inside a word is no init job)', () => {
    assert.equal(datastoreKind('ghcr.io/acme/image-mirror-altinity-clickhouse-server:25.8'), 'clickhouse');
    assert.equal(datastoreKind('acme/clickhouse-init:1'), undefined);
  });

  it('does not take the tools around an emulator for one (an init job image, an admin UI)', () => {
    for (const image of ['msapatterns/dynamodblocal-init:1.0', 'aaronshaf/dynamodb-admin:4', 'acme/dynamodb-writer:1.0']) assert.equal(datastoreKind(image), undefined, image);
  });

  it('exempts a DynamoDB Local StatefulSet with one replica and a volume claim from single-replica and stateful-service', async () => {
    const claim = ['          volumeMounts:', '            - {name: data, mountPath: /dynamodb_local_db}', '      volumes:', '        - name: data', '          persistentVolumeClaim: {claimName: data}'];
    const emulator = yaml(deployment('tables', { kind: 'StatefulSet', replicas: 1, image: 'cnadiminti/dynamodb-local:2017-04-22_beta', ports: [8000], probes: true, extra: claim }), service('tables'));
    assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': emulator }, 'single-replica'), []);
    assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': emulator }, 'stateful-service'), []);
    const app = yaml(deployment('tables', { kind: 'StatefulSet', replicas: 1, image: 'acme/tables:1.0', ports: [8000], probes: true, extra: claim }), service('tables'));
    assert.deepEqual(summary(await findingsOn('/w/a.yaml', { '/w/a.yaml': app }, 'single-replica')).map((x) => x.split(':')[0]), ['single-replica']);
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': app }, 'stateful-service')).length, 1);
  });

  it('leaves a single-replica Deployment that writes to a volume claim to stateful-service: its pods share the claim, so a second one cannot run', async () => {
    const claim = ['          volumeMounts:', '            - {name: data, mountPath: /storage}', '      volumes:', '        - name: data', '          persistentVolumeClaim: {claimName: data}'];
    const app = yaml(deployment('llm', { replicas: 1, image: 'acme/llm:1.0', ports: [3001], probes: true, extra: claim }), service('llm'));
    assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': app }, 'single-replica'), []);
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': app }, 'stateful-service')).length, 1);
    const stateless = yaml(deployment('llm', { replicas: 1, image: 'acme/llm:1.0', ports: [3001], probes: true }), service('llm'));
    assert.equal((await findingsOn('/w/a.yaml', { '/w/a.yaml': stateless }, 'single-replica')).length, 1);
  });
});

describe('helm test hooks rendered into manifests', () => {
  const pod = (hook: string) => ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web-test-connection', '  annotations:', `    helm.sh/hook: ${hook}`, 'spec:', '  containers:', '    - name: wget', '      image: busybox', '  restartPolicy: Never'];
  it('reports nothing about a helm test pod, and reports the same pod when its hook is not a test', async () => {
    assert.deepEqual(await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(pod('test')) }), []);
    assert.deepEqual(summary(await findingsOn('/w/a.yaml', { '/w/a.yaml': yaml(pod('pre-install')) }, 'unpinned-image')), ['unpinned-image:warning:10']);
  });
});
