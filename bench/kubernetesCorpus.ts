// Generated Kubernetes inputs for bench/kubernetes.ts, written to a temp directory:
//  - a repository of 500 manifest files: namespaces of apps (Deployment, Service, ConfigMap, some Secrets and HPAs)
//    beside StatefulSets running postgres, redis and mongo that several apps reach through DATABASE_URL, plus a
//    Kustomize tree (base/ and dev, staging and prod overlays with namePrefix, images, patches, configMapGenerator);
//  - one multi-document bundle of about 2,000 lines (`---` between documents), for keystrokes;
//  - a 30-workload system (24 Deployments, 6 StatefulSets), one folder per workload, for model rebuilds.
// Findings are planted on purpose and vary by index: missing probes and resources, `:latest` and untagged images,
// passwords in env values, datastores behind LoadBalancer/NodePort Services, single replicas, shared databases.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

const indent = (n: number, lines: string[]) => lines.map((l) => ' '.repeat(n) + l);

export interface AppSpec {
  name: string;
  namespace: string;
  image: string;
  replicas: number;
  port: number;
  probes: boolean;
  resources: boolean;
  /** Env entries (name, value) in order; a value `secret:NAME/KEY` becomes a secretKeyRef. */
  env: [string, string][];
  configMap?: string;
}

/** The containers' env list, `value:` or `valueFrom.secretKeyRef`. */
function envLines(env: [string, string][]): string[] {
  return env.flatMap(([k, v]) => {
    const ref = /^secret:([\w-]+)\/([\w-]+)$/.exec(v);
    return ref ? [`- name: ${k}`, '  valueFrom:', '    secretKeyRef:', `      name: ${ref[1]}`, `      key: ${ref[2]}`] : [`- name: ${k}`, `  value: ${/^[\w./:@-]+$/.test(v) && !/^\d+$/.test(v) ? v : JSON.stringify(v)}`];
  });
}

export function deployment(a: AppSpec): string {
  const container = [
    `- name: ${a.name}`,
    `  image: ${a.image}`,
    '  ports:',
    `    - name: http`,
    `      containerPort: ${a.port}`,
    '  env:',
    ...indent(4, envLines(a.env)),
    ...(a.configMap ? ['  envFrom:', '    - configMapRef:', `        name: ${a.configMap}`] : []),
    ...(a.probes
      ? ['  readinessProbe:', '    httpGet:', '      path: /ready', '      port: http', '    periodSeconds: 5', '  livenessProbe:', '    httpGet:', '      path: /healthz', '      port: http', '    initialDelaySeconds: 10']
      : []),
    ...(a.resources ? ['  resources:', '    requests:', '      cpu: 100m', '      memory: 128Mi', '    limits:', '      cpu: 500m', '      memory: 256Mi'] : []),
  ];
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${a.name}`,
    `  namespace: ${a.namespace}`,
    '  labels:',
    `    app.kubernetes.io/name: ${a.name}`,
    'spec:',
    `  replicas: ${a.replicas}`,
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${a.name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app.kubernetes.io/name: ${a.name}`,
    '    spec:',
    '      containers:',
    ...indent(8, container),
    '',
  ].join('\n');
}

export function service(name: string, namespace: string, port: number, target: number | string, type?: string): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    ...(type ? [`  type: ${type}`] : []),
    '  selector:',
    `    app.kubernetes.io/name: ${name}`,
    '  ports:',
    `    - port: ${port}`,
    `      targetPort: ${target}`,
    '',
  ].join('\n');
}

export function configMap(name: string, namespace: string, data: Record<string, string>): string {
  return ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, `  namespace: ${namespace}`, 'data:', ...Object.entries(data).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`), ''].join('\n');
}

export function secret(name: string, namespace: string, data: Record<string, string>): string {
  return ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, `  namespace: ${namespace}`, 'type: Opaque', 'stringData:', ...Object.entries(data).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`), ''].join('\n');
}

export function hpa(name: string, namespace: string, min: number, max: number): string {
  return [
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  scaleTargetRef:',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    `    name: ${name}`,
    `  minReplicas: ${min}`,
    `  maxReplicas: ${max}`,
    '  metrics:',
    '    - type: Resource',
    '      resource:',
    '        name: cpu',
    '        target:',
    '          type: Utilization',
    '          averageUtilization: 70',
    '',
  ].join('\n');
}

export type StoreKind = 'postgres' | 'redis' | 'mongo' | 'mysql' | 'rabbitmq';
const STORE: Record<StoreKind, { image: string; port: number; dataDir: string; env: (ns: string, hardcoded: boolean) => [string, string][] }> = {
  postgres: { image: 'postgres:16.4', port: 5432, dataDir: '/var/lib/postgresql/data', env: (_, h) => [['POSTGRES_USER', 'app'], ['POSTGRES_PASSWORD', h ? 'changeme-pg' : 'secret:db-credentials/password']] },
  mysql: { image: 'mysql:8.4', port: 3306, dataDir: '/var/lib/mysql', env: (_, h) => [['MYSQL_ROOT_PASSWORD', h ? 'changeme-mysql' : 'secret:db-credentials/password']] },
  mongo: { image: 'mongo:7.0', port: 27017, dataDir: '/data/db', env: (_, h) => [['MONGO_INITDB_ROOT_USERNAME', 'root'], ['MONGO_INITDB_ROOT_PASSWORD', h ? 'changeme-mongo' : 'secret:db-credentials/password']] },
  redis: { image: 'redis:7.4', port: 6379, dataDir: '/data', env: () => [] },
  rabbitmq: { image: 'rabbitmq:3.13-management', port: 5672, dataDir: '/var/lib/rabbitmq', env: (_, h) => [['RABBITMQ_DEFAULT_PASS', h ? 'changeme-mq' : 'secret:db-credentials/password']] },
};

/** A single-replica StatefulSet of a datastore with a volume claim template (and its password inline or from a Secret). */
export function statefulSet(name: string, namespace: string, kind: StoreKind, hardcodedPassword = false): string {
  const s = STORE[kind];
  const env = s.env(namespace, hardcodedPassword);
  return [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    `  serviceName: ${name}`,
    '  replicas: 1',
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app.kubernetes.io/name: ${name}`,
    '    spec:',
    '      containers:',
    `        - name: ${kind}`,
    `          image: ${s.image}`,
    '          ports:',
    `            - containerPort: ${s.port}`,
    ...(env.length ? ['          env:', ...indent(12, envLines(env))] : []),
    '          volumeMounts:',
    '            - name: data',
    `              mountPath: ${s.dataDir}`,
    '          resources:',
    '            limits:',
    '              cpu: "1"',
    '              memory: 1Gi',
    '  volumeClaimTemplates:',
    '    - metadata:',
    '        name: data',
    '      spec:',
    '        accessModes: ["ReadWriteOnce"]',
    '        resources:',
    '          requests:',
    '            storage: 10Gi',
    '',
  ].join('\n');
}

/** App `i` of namespace `ns`: the planted findings vary with i (see the file's header). */
export function appSpec(ns: string, i: number, name = `svc-${i}`): AppSpec {
  const store = i % 4 === 2 ? 'mongo' : 'postgres';
  const db = i % 4 <= 1 ? ns.replace(/-/g, '_') : name.replace(/-/g, '_'); // i%4 in {0,1}: one database shared by several apps
  const password = i % 6 === 0 ? 's3cr3t-Pa55' : '$(DB_PASSWORD)';
  const url = store === 'mongo' ? `mongodb://app:${password}@mongo.${ns}.svc.cluster.local:27017/${db}` : `postgres://app:${password}@postgres.${ns}.svc.cluster.local:5432/${db}`;
  const tag = i % 7 === 3 ? ':latest' : i % 11 === 5 ? '' : `:1.${i % 9}.${i % 4}`;
  return {
    name,
    namespace: ns,
    image: `registry.example.com/${ns}/${name}${tag}`,
    replicas: i % 4 === 0 ? 1 : 2 + (i % 2),
    port: 8080,
    probes: i % 3 !== 1,
    resources: i % 5 !== 2,
    env: [
      ...(password === '$(DB_PASSWORD)' ? ([['DB_PASSWORD', 'secret:db-credentials/password']] as [string, string][]) : []),
      ['DATABASE_URL', url],
      ['REDIS_URL', `redis://redis.${ns}.svc.cluster.local:6379/${i % 16}`],
      ['NEXT_URL', `http://svc-${i + 1}.${ns}.svc.cluster.local:8080`],
      ['LOG_LEVEL', 'info'],
    ],
    configMap: `${name}-config`,
  };
}

/** The Kustomize tree: base/ (6 apps, postgres, a Secret) and dev/staging/prod overlays. */
export function kustomizeTree(prefix: string): Record<string, string> {
  const files: Record<string, string> = {};
  const ns = 'shop';
  const apps = ['orders', 'payments', 'catalog', 'cart', 'users', 'notifications'];
  const resources: string[] = [];
  apps.forEach((name, i) => {
    files[`${prefix}base/${name}-deployment.yaml`] = deployment({ ...appSpec(ns, i, name), configMap: 'app-config' }); // the overlays' generated ConfigMap
    files[`${prefix}base/${name}-service.yaml`] = service(name, ns, 80, 'http');
    resources.push(`${name}-deployment.yaml`, `${name}-service.yaml`);
  });
  files[`${prefix}base/postgres-statefulset.yaml`] = statefulSet('postgres', ns, 'postgres');
  files[`${prefix}base/postgres-service.yaml`] = service('postgres', ns, 5432, 5432);
  files[`${prefix}base/db-credentials.yaml`] = secret('db-credentials', ns, { password: 'base-password' });
  resources.push('postgres-statefulset.yaml', 'postgres-service.yaml', 'db-credentials.yaml');
  // Base resources carry no namespace: each overlay sets its own.
  for (const f of Object.keys(files)) files[f] = files[f].replace(/^  namespace: shop\n/m, '');
  files[`${prefix}base/kustomization.yaml`] = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'labels:',
    '  - pairs:',
    '      app.kubernetes.io/part-of: shop',
    'resources:',
    ...resources.map((r) => `  - ${r}`),
    '',
  ].join('\n');
  const envs = { dev: { replicas: 1, cpu: '250m', mem: '256Mi', log: 'debug' }, staging: { replicas: 2, cpu: '500m', mem: '512Mi', log: 'info' }, prod: { replicas: 4, cpu: '1', mem: '1Gi', log: 'warn' } };
  for (const [env, e] of Object.entries(envs)) {
    const dir = `${prefix}overlays/${env}/`;
    files[`${dir}kustomization.yaml`] = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `namespace: shop-${env}`,
      `namePrefix: ${env}-`,
      'resources:',
      '  - ../../base',
      'images:',
      ...apps.flatMap((a, i) => [`  - name: registry.example.com/${ns}/${a}`, `    newTag: "2.${i}.${env.length}"`]),
      '  - name: postgres',
      '    newTag: "16.4-alpine"',
      'patches:',
      '  - path: replicas.yaml',
      '  - path: resources.yaml',
      'configMapGenerator:',
      '  - name: app-config',
      '    literals:',
      `      - LOG_LEVEL=${e.log}`,
      `      - ENVIRONMENT=${env}`,
      '      - FEATURE_CHECKOUT_V2=true',
      '',
    ].join('\n');
    // Strategic-merge patches, several documents per file.
    files[`${dir}replicas.yaml`] = apps.map((a) => ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${a}`, 'spec:', `  replicas: ${e.replicas}`, ''].join('\n')).join('---\n');
    files[`${dir}resources.yaml`] = apps
      .slice(0, 3)
      .map((a) =>
        ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${a}`, 'spec:', '  template:', '    spec:', '      containers:', `        - name: ${a}`, '          resources:', '            limits:', `              cpu: "${e.cpu}"`, `              memory: ${e.mem}`, ''].join('\n'),
      )
      .join('---\n');
  }
  return files;
}

/** The files of namespace `ns` of the plain-manifest part: its datastores and `apps` apps, in write order. */
function namespaceFiles(prefix: string, ns: string, s: number, apps: number): [string, string][] {
  const out: [string, string][] = [];
  out.push([`${prefix}namespace.yaml`, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`]);
  out.push([`${prefix}db-credentials.yaml`, secret('db-credentials', ns, { password: `pw-${ns}` })]);
  for (const kind of ['postgres', 'redis', 'mongo'] as const) {
    out.push([`${prefix}datastores/${kind}/statefulset.yaml`, statefulSet(kind, ns, kind, (s + kind.length) % 4 === 1)]);
    // Some namespaces expose a datastore outside the cluster.
    const type = kind === 'postgres' && s % 3 === 0 ? 'LoadBalancer' : kind === 'redis' && s % 5 === 2 ? 'NodePort' : undefined;
    out.push([`${prefix}datastores/${kind}/service.yaml`, service(kind, ns, STORE[kind].port, STORE[kind].port, type)]);
  }
  for (let i = 0; i < apps; i++) {
    const a = appSpec(ns, i);
    const dir = `${prefix}apps/${a.name}/`;
    out.push([`${dir}deployment.yaml`, deployment(a)]);
    out.push([`${dir}service.yaml`, service(a.name, ns, 80, 'http')]);
    out.push([`${dir}configmap.yaml`, configMap(`${a.name}-config`, ns, { FEATURE_FLAGS: `f${i}`, UPSTREAM_TIMEOUT_MS: '2000', CACHE_TTL: '60' })]);
    if (i % 3 === 0) out.push([`${dir}secret.yaml`, secret(`${a.name}-api`, ns, { API_KEY: `sk_live_${(i * 7919).toString(36)}abcdef0123` })]);
    if (i % 2 === 0) out.push([`${dir}hpa.yaml`, hpa(a.name, ns, 2, 6 + (i % 4))]);
  }
  return out;
}

/**
 * A repository of exactly `total` manifest files (YAML): the Kustomize tree under deploy/ and namespaces of eight
 * apps each under k8s/<namespace>/ until the count is reached. Returns the counts by kind of resource.
 */
export function manifestRepo(root: string, total = 500): { files: number; kinds: Record<string, number>; kustomizeFiles: number; planted: Record<string, number> } {
  const files = kustomizeTree('deploy/');
  const kustomizeFiles = Object.keys(files).length;
  let n = kustomizeFiles;
  for (let s = 0; n < total; s++) {
    const ns = `team-${s}`;
    for (const [rel, text] of namespaceFiles(`k8s/${ns}/`, ns, s, 8)) {
      if (n >= total) break;
      files[rel] = text;
      n++;
    }
  }
  write(root, files);
  const kinds: Record<string, number> = {};
  for (const text of Object.values(files)) for (const m of text.matchAll(/^kind: (\w+)$/gm)) kinds[m[1]] = (kinds[m[1]] ?? 0) + 1;
  return { files: Object.keys(files).length, kinds, kustomizeFiles, planted: planted(Object.values(files)) };
}

/**
 * What the files hold of each concern, read from the raw documents (Kustomize patches left out, overlays not
 * applied): workloads without probes or limits, unpinned images, passwords in env values and committed Secrets, datastores behind a
 * LoadBalancer/NodePort Service, workloads whose DATABASE_URL names a database another one uses, StatefulSets,
 * Deployments with one replica.
 */
export function planted(texts: string[]): Record<string, number> {
  const docs = texts.flatMap((t) => t.split(/^---\n/m));
  const workloads = docs.filter((d) => /^kind: (Deployment|StatefulSet)$/m.test(d) && /^  template:$/m.test(d));
  const dbs = new Map<string, number>();
  for (const d of workloads) {
    const url = /- name: DATABASE_URL\n\s+value: "?([^"\n]+)/.exec(d)?.[1];
    if (url) dbs.set(url.replace(/\/\/[^@/]*@/, '//'), (dbs.get(url.replace(/\/\/[^@/]*@/, '//')) ?? 0) + 1);
  }
  return {
    'missing probes': workloads.filter((d) => !/Probe:/.test(d)).length,
    'resource limits': workloads.filter((d) => !/^\s+limits:$/m.test(d)).length,
    'unpinned image': workloads.flatMap((d) => [...d.matchAll(/^\s+image: (\S+)$/gm)]).filter((m) => /:latest$/.test(m[1]) || !/:[\w.-]+$/.test(m[1].slice(m[1].lastIndexOf('/') + 1))).length,
    // Literal passwords in env values (not `$(VAR)` references), and Secret manifests committed with their values.
    'hardcoded secret':
      workloads.flatMap((d) => [...d.matchAll(/- name: (\w+)\n\s+value: "?([^"\n]+)/g)]).filter(([, k, v]) => /PASSWORD/.test(k) || /:\/\/[^:/\s]+:(?!\$\()[^@\s]+@/.test(v)).length +
      docs.filter((d) => /^kind: Secret$/m.test(d) && /^(stringData|data):$/m.test(d)).length,
    'exposed datastore': docs.filter((d) => /^kind: Service$/m.test(d) && /^  type: (LoadBalancer|NodePort)$/m.test(d) && /^  name: (postgres|redis|mongo|mysql)$/m.test(d)).length,
    'shared database': [...dbs.values()].filter((n) => n > 1).reduce((a, n) => a + n, 0),
    'stateful app': workloads.filter((d) => /^kind: StatefulSet$/m.test(d)).length,
    'single replica': workloads.filter((d) => /^kind: Deployment$/m.test(d) && /^  replicas: 1$/m.test(d)).length,
  };
}

/** One multi-document manifest bundle of about `lines` lines (a `helm template` or `kustomize build` output). */
export function manifestBundle(lines: number): string {
  const ns = 'bundle';
  const docs: string[] = [statefulSet('postgres', ns, 'postgres'), service('postgres', ns, 5432, 5432), statefulSet('redis', ns, 'redis'), service('redis', ns, 6379, 6379)];
  let count = docs.reduce((a, d) => a + d.split('\n').length, 0);
  for (let i = 0; count < lines; i++) {
    const a = appSpec(ns, i);
    for (const d of [deployment(a), service(a.name, ns, 80, 'http'), configMap(`${a.name}-config`, ns, { FEATURE_FLAGS: `f${i}` }), ...(i % 2 === 0 ? [hpa(a.name, ns, 2, 6)] : [])]) {
      docs.push(d);
      count += d.split('\n').length;
    }
  }
  return docs.join('---\n');
}

/** The 30-workload system (24 Deployments, 6 StatefulSets), one folder per workload, under `root`. */
export function thirtyWorkloads(root: string): { files: string[]; edited: string } {
  const ns = 'system';
  const files: Record<string, string> = {};
  const stores: [string, StoreKind][] = [['pg-main', 'postgres'], ['pg-reports', 'postgres'], ['mysql', 'mysql'], ['mongo', 'mongo'], ['cache', 'redis'], ['mq', 'rabbitmq']];
  for (const [name, kind] of stores) {
    files[`k8s/${name}/statefulset.yaml`] = statefulSet(name, ns, kind);
    files[`k8s/${name}/service.yaml`] = service(name, ns, STORE[kind].port, STORE[kind].port);
  }
  for (let i = 0; i < 24; i++) {
    const a = appSpec(ns, i);
    const [store, kind] = stores[i % 4];
    const db = i % 3 === 0 ? 'main' : a.name.replace('-', '_');
    const scheme = kind === 'mongo' ? 'mongodb' : kind === 'mysql' ? 'mysql' : 'postgres';
    a.env = [
      ['DB_PASSWORD', 'secret:db-credentials/password'],
      ['DATABASE_URL', `${scheme}://app:$(DB_PASSWORD)@${store}:${STORE[kind].port}/${db}`],
      ['REDIS_URL', 'redis://cache:6379/0'],
      ['AMQP_URL', 'amqp://mq:5672'],
      ['NEXT_URL', `http://svc-${(i + 1) % 24}:80`],
    ];
    files[`k8s/${a.name}/deployment.yaml`] = deployment(a);
    files[`k8s/${a.name}/service.yaml`] = service(a.name, ns, 80, 'http');
  }
  files['k8s/db-credentials.yaml'] = secret('db-credentials', ns, { password: 'example' });
  files['k8s/kustomization.yaml'] = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', `namespace: ${ns}`, 'resources:', ...Object.keys(files).map((f) => `  - ${f.slice('k8s/'.length)}`), ''].join('\n');
  write(root, files);
  return { files: Object.keys(files).map((f) => join(root, f)), edited: join(root, 'k8s/svc-3/deployment.yaml') };
}
