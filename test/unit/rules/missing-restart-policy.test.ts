import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsInWorkspace } from './workspaceHelpers';
import { findingsOf, lines } from './helpers';
import { runCases, runFixes } from './composeCases';
import { deployment, findingsOn, yaml } from '../kubernetes/helpers';

const RULE = 'missing-restart-policy';

describe(RULE, () => {
  runCases(RULE, [
    { name: 'reports a long-running service without a restart policy', text: lines('services:', '  api:', '    build: .'), expect: ["'api' has no restart policy"] },
    { name: 'finds nothing for an explicit restart: "no" (a choice: a tool meant to stay down), and reports a service beside it with no policy', text: lines('services:', '  kafdrop:', '    image: obsidiandynamics/kafdrop:4.0.1', '    restart: "no"', '  api:', '    build: .'), expect: ["'api' has no restart policy"] },
    { name: 'finds nothing with restart: unless-stopped', text: lines('services:', '  api:', '    build: .', '    restart: unless-stopped'), expect: [] },
    { name: 'finds nothing in a swarm stack (placement or global mode), which restarts failed tasks by default, and reports a file whose deploy only sets replicas', text: lines('services:', '  api:', '    image: acme/api:1.2.0', '    deploy:', '      mode: replicated', '      replicas: 2', '      placement:', '        constraints: [node.role == worker]', '  db:', '    image: postgres:16.4'), expect: [] },
    { name: 'reports a plain compose file whose deploy sets replicas and resources only', text: lines('services:', '  api:', '    image: acme/api:1.2.0', '    deploy:', '      replicas: 2', '      resources:', '        limits: {memory: 256M}'), expect: ["'api' has no restart policy"] },
    { name: 'finds nothing with deploy.restart_policy', text: lines('services:', '  api:', '    build: .', '    deploy:', '      restart_policy:', '        condition: on-failure'), expect: [] },
    { name: 'finds nothing for a migration job', text: lines('services:', '  db-migrate:', '    build: .'), expect: [] },
    { name: 'finds nothing for a service run from the host source tree under a dev server (nodemon), and reports the same service without it', text: lines('services:', '  result:', '    build: ./result', '    entrypoint: nodemon server.js', '  vote:', '    build: ./vote'), expect: ["'vote' has no restart policy"] },
    { name: 'finds nothing in a development setup: its built services run the mounted source as their working_dir, and its database is a local copy', text: lines('services:', '  api:', '    build: docker/app', '    working_dir: /src/api', '    volumes:', '      - ./src:/src', '  db:', '    image: postgres:16.4'), expect: [] },
    { name: 'reports a service whose mount holds data, not its working_dir, and a file where one built service ships its code', text: lines('services:', '  api:', '    build: .', '    working_dir: /app', '    volumes:', '      - ./data:/data', '  web:', '    build: web', '    working_dir: /web', '    volumes:', '      - ./web:/web'), expect: ["'api' has no restart policy"] },
    { name: 'finds nothing for front-end dev servers (react-scripts start, next dev, vite dev)', text: lines('services:', '  web:', '    build: ./web', '    command: npx react-scripts start', '  site:', '    build: ./site', '    command: npx next dev'), expect: [] },
    { name: 'finds nothing in a development setup told by its environment (ENVIRONMENT=dev), a dev script or a $PWD source mount, and reports a production environment', text: lines('services:', '  api:', '    build: ./api', '    environment:', '      - ENVIRONMENT=dev', '  web:', '    build: ./web', '    command: /code/start_dev.sh', '  worker:', '    build: ./worker', '    working_dir: /code', '    volumes:', '      - $PWD/worker:/code', '  admin:', '    build: ./admin', '    environment:', '      NODE_ENV: production'), expect: ["'admin' has no restart policy"] },
    { name: 'finds nothing in a file whose applications all run development builds (Maven -SNAPSHOT images) beside a local broker', text: lines('services:', '  broker:', '    image: apache/kafka:3.7.0', '  order-service:', '    image: shop/order-service:1.0-SNAPSHOT', '  stock-service:', '    image: shop/stock-service:1.0-SNAPSHOT'), expect: [] },
    { name: 'reports the broker and an application built to ship beside a -SNAPSHOT one, but not the -SNAPSHOT one', text: lines('services:', '  broker:', '    image: apache/kafka:3.7.0', '  order-service:', '    image: shop/order-service:1.0-SNAPSHOT', '  stock-service:', '    build: ./stock-service'), expect: ["No service of this file has a restart policy ('broker', 'stock-service')"] },
    { name: "finds nothing in a file whose application builds the Dockerfile's development stage (target: dev), and reports the release stage", text: lines('services:', '  api:', '    build:', '      context: ..', '      target: dev', '  db:', '    image: postgres:16.4'), expect: [] },
    { name: "finds nothing in a file whose application builds the development stage by a variable's default (target: ${IMAGE_TARGET:-dev})", text: lines('services:', '  api:', '    build:', '      context: ..', '      target: ${IMAGE_TARGET:-dev}', '  db:', '    image: postgres:16.4'), expect: [] },
    { name: "reports a file whose application builds the Dockerfile's release stage (target: runtime)", text: lines('services:', '  api:', '    build:', '      context: ..', '      target: runtime', '  db:', '    image: postgres:16.4'), expect: ["No service of this file has a restart policy ('api', 'db')"] },
    { name: "finds nothing in a file of bases for other files' extends (services with neither image nor build), and reports a service that runs", text: lines('services:', '  network-deploy-service:', '    networks: [bank]', '  microservice-base-config:', '    extends:', '      service: network-deploy-service', '    deploy:', '      resources:', '        limits: {memory: 700m}', '  api:', '    image: acme/api:1.2.0', '    extends:', '      service: network-deploy-service'), expect: ["'api' has no restart policy"] },
    { name: 'finds nothing for a service whose command ends by exiting (a bucket set-up), and reports one that serves', text: lines('services:', '  api:', '    build: .', '    restart: always', '  createbuckets:', '    image: minio/mc:RELEASE.2024-01-01T00-00-00Z', '    entrypoint: >', '      /bin/sh -c "', '      mc mb store/public;', '      exit 0;', '      "', '  worker:', '    build: .', '    command: sh -c "python worker.py; echo exit 0 >> log"'), expect: ["'worker' has no restart policy"] },
    { name: 'finds nothing for a job others wait on with service_completed_successfully', text: lines('services:', '  api:', '    build: .', '    restart: always', '    depends_on:', '      prepare:', '        condition: service_completed_successfully', '  prepare:', '    build: .'), expect: [] },
  ]);
  runFixes(RULE, [
    { name: 'adds restart: unless-stopped', text: lines('services:', '  api:', '    build: .'), contains: lines('    build: .', '    restart: unless-stopped') },
    { name: 'adds restart: unless-stopped to every service of the file-wide finding', text: lines('services:', '  api:', '    build: .', '  worker:', '    build: ./worker'), contains: lines('    build: .', '    restart: unless-stopped', '  worker:', '    build: ./worker', '    restart: unless-stopped') },
  ]);

  it('reports a file where no service has a restart policy once, on its services key, with each service as a related location', async () => {
    const text = lines('services:', '  api:', '    build: .', '  worker:', '    build: ./worker', '  db:', '    image: postgres:16.4');
    const f = await findingsOf(RULE, 'docker-compose.yml', text);
    assert.equal(f.length, 1, f.map((x) => x.message).join('\n'));
    assert.equal(f[0].range.start.line, 0);
    assert.match(f[0].message, /^No service of this file has a restart policy \('api', 'worker', 'db'\)/);
    assert.deepEqual(f[0].related?.map((r) => [r.range.start.line, r.message]), [[1, "'api' has none"], [3, "'worker' has none"], [5, "'db' has none"]]);
  });

  it('finds nothing in a file of datastores and tools only (infrastructure for applications run on the host), nor in a dev container, and reports a stock application beside them', async () => {
    const infra = lines('services:', '  postgres:', '    image: postgres:16.4', '  rabbitmq:', '    image: rabbitmq:3.13-management', '  jaeger:', '    image: jaegertracing/all-in-one:1.57');
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.infrastructure.yaml', infra), []);
    assert.deepEqual(await findingsOf(RULE, '.devcontainer/docker-compose.yaml', lines('services:', '  dev:', '    image: mcr.microsoft.com/devcontainers/go:1.22', '    command: sleep infinity')), []);
    // A copy of the dev container kept elsewhere (for git worktrees): it builds the dev container's Dockerfile.
    const copy = lines('services:', '  app:', '    build:', '      context: ..', '      dockerfile: .devcontainer/Dockerfile', '    command: sleep infinity', '  db:', '    image: postgres:16.4');
    assert.deepEqual(await findingsOf(RULE, '.worktree-container/docker-compose.yml', copy), []);
    assert.equal((await findingsOf(RULE, '.worktree-container/docker-compose.yml', copy.replace('.devcontainer/Dockerfile', 'Dockerfile'))).length, 1);
    // A vendor's local edition (tinybird-local) and the object store's client that creates its buckets are tools too.
    const local = lines('services:', '  minio:', '    image: bitnamilegacy/minio:2024.5.28', '  minio-setup:', '    image: bitnamilegacy/minio-client:2024.5.24', '  tinybird:', '    image: tinybirdco/tinybird-local:4.1.0', '  mc:', '    image: minio/mc:RELEASE.2024-06-01T15-03-35Z');
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', local), []);
    const withApp = lines('services:', '  postgres:', '    image: postgres:16.4', '  nextcloud:', '    image: nextcloud:29.0.4');
    assert.match((await findingsOf(RULE, 'docker-compose.yml', withApp))[0].message, /^No service of this file has a restart policy \('postgres', 'nextcloud'\)/);
  });

  it('takes images built on a vendor server\'s image (FROM mariadb, FROM geoserver with config copied in) for that server: a file of them and tools is infrastructure', async () => {
    const compose = lines('services:', '  mariadb:', '    build:', '      context: .', '      dockerfile: docker/mariadb.Dockerfile', '  geoserver:', '    build:', '      context: .', '      dockerfile: docker/geoserver.Dockerfile', '  mail:', '    image: chatwork/mailcatcher:0.10.0', '  redis:', '    image: redis:7.2-bookworm');
    const files = { '/w/compose.yaml': compose, '/w/docker/mariadb.Dockerfile': 'FROM mariadb:10.3 AS mariadb\nCOPY docker/override.cnf /etc/mysql/conf.d/\n', '/w/docker/geoserver.Dockerfile': 'FROM docker.osgeo.org/geoserver:2.28.x\nCOPY docker/web.xml /usr/local/tomcat/webapps/geoserver/WEB-INF/web.xml\n' };
    assert.deepEqual(await findingsInWorkspace(RULE, files), []);
    // An application built beside them is one: the file is a deployment of it.
    const app = { ...files, '/w/compose.yaml': `${compose}\n  api:\n    build: ./api\n`, '/w/api/Dockerfile': 'FROM node:22-alpine\nCOPY . .\nCMD ["node", "server.js"]\n' };
    assert.match((await findingsInWorkspace(RULE, app))[0]?.message ?? '', /No service of this file has a restart policy/);
  });

  it('reports a service and its copies (written the same) once, with a fix for all of them', async () => {
    const text = lines('services:', '  db:', '    image: postgres:16.4', '    restart: always', '  api-1:', '    build: ./api', '  api-2:', '    build: ./api');
    const f = await findingsOf(RULE, 'docker-compose.yml', text);
    assert.deepEqual(f.map((x) => x.message), ["'api-1' has no restart policy: when it crashes it stays down until someone notices (restart: unless-stopped); the same holds for 'api-2', written the same"]);
    assert.equal(f[0].fix?.edits.length, 2);
  });

  it('leaves a service whose finding a comment suppresses out of the file-wide finding', async () => {
    const text = lines('services:', '  api:', '    build: .', '  # backend-architect-ignore missing-restart-policy', '  worker:', '    build: ./worker', '  db:', '    image: postgres:16.4');
    const f = await findingsOf(RULE, 'docker-compose.yml', text);
    assert.deepEqual(f.map((x) => x.message.split(':')[0]), ["No service of this file has a restart policy ('api', 'db')"]);
  });

  it('reports each service without a restart policy once one service of the file has one', async () => {
    const text = lines('services:', '  api:', '    build: .', '    restart: always', '  worker:', '    build: ./worker', '  db:', '    image: postgres:16.4');
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', text)).map((x) => x.message.split(':')[0]), ["'worker' has no restart policy", "'db' has no restart policy"]);
  });

  it("finds nothing in a compose file that a Spring Boot application beside it starts for development, and reports the same file without that support", async () => {
    const compose = lines('services:', '  kafka:', '    image: apache/kafka:3.7.0', '    restart: always', '  api:', '    image: acme/api:1.2.0');
    const pom = (artifact: string) => `<project><dependencies><dependency><artifactId>${artifact}</artifactId></dependency></dependencies></project>`;
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, '/w/pom.xml': pom('spring-boot-docker-compose') }), []);
    const f = await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, '/w/pom.xml': pom('spring-boot-starter-web') });
    assert.deepEqual(f.map((x) => x.message.split(':')[0]), ["'api' has no restart policy"]);
  });

  it('finds nothing in a compose file whose built applications the repository also deploys with Helm charts of their names, and reports it with a chart of one of two', async () => {
    const compose = lines('services:', '  orders:', '    build: ./orders', '  billing:', '    build: ./billing', '  db:', '    image: postgres:16.4');
    const chart = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`;
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, '/w/helm/orders/Chart.yaml': chart('orders'), '/w/helm/billing/Chart.yaml': chart('billing') }), []);
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, '/w/deploy/helm/orders/values.yaml': 'replicaCount: 2\n', '/w/deploy/helm/billing/values.yaml': 'replicaCount: 2\n' }), [], 'a folder of values for a chart a script creates');
    const f = await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, '/w/helm/orders/Chart.yaml': chart('orders') });
    assert.equal(f.length, 1);
    assert.match(f[0].message, /No service of this file has a restart policy/);
  });

  it('finds nothing in a compose file whose applications one chart of the whole system deploys, a template per service (K8s/helm/templates/orders-deployment.yaml)', async () => {
    const compose = lines('services:', '  orders:', '    build: ./orders', '  billing:', '    build: ./billing', '  db:', '    image: postgres:16.4');
    const chart = { '/w/K8s/helm/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n', '/w/K8s/helm/templates/_helpers.tpl': '', '/w/K8s/helm/templates/orders-deployment.yaml': 'kind: Deployment\n' };
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, ...chart, '/w/K8s/helm/templates/billing-deployment.yaml': 'kind: Deployment\n' }), []);
    assert.equal((await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, ...chart, '/w/K8s/helm/templates/ingress.yaml': 'kind: Ingress\n' })).length, 1, 'a chart with a template of one of two services');
  });

  it('counts images from a registry on the developer\'s machine as the workspace\'s builds: deployed by Helm too, the file is a laptop\'s', async () => {
    const compose = (registry: string) => lines('services:', '  orders:', `    image: ${registry}/acme/orders:0.0.1`, '    pull_policy: never', '  billing:', `    image: ${registry}/acme/billing:0.0.1`, '    pull_policy: never');
    const chart = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`;
    const charts = { '/w/helm/orders/Chart.yaml': chart('orders'), '/w/helm/billing/Chart.yaml': chart('billing') };
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': compose('localhost'), ...charts }), []);
    assert.equal((await findingsInWorkspace(RULE, { '/w/compose.yaml': compose('ghcr.io'), ...charts })).length, 1);
  });

  it("counts images a Makefile of the workspace builds as the workspace's: deployed by Helm too, the file is a laptop's", async () => {
    const compose = lines('services:', '  orders:', '    image: acme/orders:v3', '  billing:', '    image: acme/billing:v3');
    const chart = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`;
    const charts = { '/w/helm/orders/Chart.yaml': chart('orders'), '/w/helm/billing/Chart.yaml': chart('billing') };
    const make = { '/w/orders/Makefile': 'build:\n\tdocker build -t acme/orders:$(TAG) .\n', '/w/billing/Makefile': 'build:\n\tdocker build -t acme/billing:$(TAG) .\n' };
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, ...charts, ...make }), []);
    assert.equal((await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, ...charts })).length, 1);
  });

  it('finds nothing in a compose file whose builds skaffold makes, from the same folders, into the images of Kubernetes workloads named otherwise', async () => {
    const compose = lines('services:', '  api:', '    build: ./backend', '  web:', '    build: ./frontend');
    const skaffold = (web: string) => lines('apiVersion: skaffold/v2beta29', 'kind: Config', 'build:', '  artifacts:', '    - image: ghcr.io/acme/core', '      context: backend', '    - image: ghcr.io/acme/core/web', `      context: ${web}`);
    const files = (web: string) => ({ '/w/compose.yaml': compose, '/w/skaffold.yaml': skaffold(web), '/w/k8s/apps.yaml': yaml(deployment('acme-core', { image: 'ghcr.io/acme/core:main' }), deployment('acme-web', { image: 'ghcr.io/acme/core/web:main' })) });
    assert.deepEqual(await findingsOn('/w/compose.yaml', files('frontend'), RULE), []);
    assert.equal((await findingsOn('/w/compose.yaml', files('docs'), RULE)).length, 1, 'one of the two builds deployed');
  });

  it('finds nothing in a compose file whose built applications Kubernetes manifests of the workspace deploy', async () => {
    const compose = lines('services:', '  orders:', '    build: ./orders', '  billing:', '    build: ./billing');
    const files = { '/w/compose.yaml': compose, '/w/k8s/apps.yaml': yaml(deployment('orders'), deployment('billing')) };
    assert.deepEqual(await findingsOn('/w/compose.yaml', files, RULE), []);
    const alone = await findingsOn('/w/compose.yaml', { '/w/compose.yaml': compose, '/w/k8s/apps.yaml': yaml(deployment('payments')) }, RULE);
    assert.equal(alone.length, 1);
    // Workloads named with their kind, or manifests kept in each service's own build folder, deploy them too.
    const kinds = { '/w/compose.yaml': compose, '/w/k8s/apps.yaml': yaml(deployment('orders-deployment'), deployment('billingservice')) };
    assert.deepEqual(await findingsOn('/w/compose.yaml', kinds, RULE), []);
    const inFolders = { '/w/compose.yaml': compose, '/w/orders/orders-kubernetes.yml': yaml(deployment('ord')), '/w/billing/k8s.yml': yaml(deployment('bill')) };
    assert.deepEqual(await findingsOn('/w/compose.yaml', inFolders, RULE), []);
  });

  it("finds nothing where the Dockerfile tells a development setup: its WORKDIR mounted from the host, or an entrypoint script that starts a dev server; a reverse proxy built from nginx is no application", async () => {
    const compose = lines('services:', '  gateway:', '    build: ./gateway', '  users:', '    build: ./users', '    volumes:', '      - ./users:/app', '  orders:', '    build: ./orders', '    command: ./entrypoint.sh', '  db:', '    image: mysql:8.4');
    const files = {
      '/w/compose.yaml': compose,
      '/w/gateway/Dockerfile': 'FROM nginx:1.27-alpine\nCOPY nginx.conf /etc/nginx/nginx.conf\n',
      '/w/users/Dockerfile': 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
      '/w/orders/Dockerfile': 'FROM python:3.12\nWORKDIR /srv\nCOPY . .\n',
      '/w/orders/entrypoint.sh': '#!/bin/sh\npython manage.py migrate\nexec python manage.py runserver 0.0.0.0:8001\n',
    };
    assert.deepEqual(await findingsInWorkspace(RULE, files), []);
    const shipped = { ...files, '/w/orders/entrypoint.sh': '#!/bin/sh\nexec gunicorn orders.wsgi\n' };
    assert.deepEqual((await findingsInWorkspace(RULE, shipped)).map((f) => f.message.split(':')[0]), ["No service of this file has a restart policy ('gateway', 'orders', 'db')"]);
  });

  it('finds nothing in a file that runs a component in its development mode (Keycloak start-dev, a DEVMODE switch, a playground switched on)', async () => {
    const text = (extra: string[]) => lines('services:', '  api:', '    build: ./api', '  keycloak:', '    image: quay.io/keycloak/keycloak:25.0.6', ...extra);
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', text(['    command: start-dev'])), []);
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', text(['    environment:', '      AXONIQ_AXONSERVER_DEVMODE_ENABLED: "true"'])), []);
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', text(['    environment:', '      - OPENFGA_PLAYGROUND_ENABLED=true'])), [], 'a playground for local development switched on');
    assert.equal((await findingsOf(RULE, 'docker-compose.yml', text(['    environment:', '      - OPENFGA_PLAYGROUND_ENABLED=false']))).length, 1);
    assert.equal((await findingsOf(RULE, 'docker-compose.yml', text(['    command: start --optimized']))).length, 1);
  });

  it('finds nothing in a file named for development (compose-dev-backend.yml, docker-compose-developer.yml, docker-compose.local.yml), and reports the plain one', async () => {
    const text = lines('services:', '  api:', '    image: acme/api:1.2.0', '  db:', '    image: postgres:16.4');
    for (const path of ['/w/compose-dev-backend.yml', '/w/docker-compose-developer.yml', '/w/docker-compose.local.yml', '/w/backend/_example/store/compose-dev-memstore.yml', '/w/docker/development/compose.yml', '/w/hack/dev/compression-test/docker-compose.yml', '/w/devenv/docker-compose.yml', '/w/devservices/docker-compose.yml']) {
      assert.deepEqual(await findingsInWorkspace(RULE, { [path]: text }, path), [], path);
    }
    assert.equal((await findingsInWorkspace(RULE, { '/w/docker-compose.yml': text }, '/w/docker-compose.yml')).length, 1);
    assert.equal((await findingsInWorkspace(RULE, { '/w/docker-compose.devices.yml': text }, '/w/docker-compose.devices.yml')).length, 1);
    assert.equal((await findingsInWorkspace(RULE, { '/w/deploy/devices/docker-compose.yml': text }, '/w/deploy/devices/docker-compose.yml')).length, 1, 'a folder word that only contains dev');
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/docker-compose.yml': `name: shop-development\n${text}` }, '/w/docker-compose.yml'), [], 'a project named for development');
    const built = (tag: string) => lines('services:', '  app:', `    image: mealie:${tag}`, '    build:', '      context: ..', '  db:', '    image: postgres:16.4');
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/docker/docker-compose.yml': built('dev') }, '/w/docker/docker-compose.yml'), [], 'a build tagged :dev');
    assert.equal((await findingsInWorkspace(RULE, { '/w/docker/docker-compose.yml': built('1.4.0') }, '/w/docker/docker-compose.yml')).length, 1);
  });

  it("finds nothing in a file that runs Ory's servers with --dev, and reports one that runs them without it", async () => {
    const text = (command: string) => lines('services:', '  api:', '    build: ./api', '  kratos:', '    image: oryd/kratos:v1.3.1', `    command: ${command}`);
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', text('serve -c /etc/config/kratos/kratos.yaml --dev --watch-courier')), []);
    assert.equal((await findingsOf(RULE, 'docker-compose.yml', text('serve -c /etc/config/kratos/kratos.yaml --watch-courier'))).length, 1);
  });

  it('finds nothing in a file whose broker advertises itself on localhost on a port it publishes (its clients run on the host), and reports one that advertises a service name', async () => {
    const text = (listeners: string, ports = ['    ports:', '      - "29092:29092"']) => lines('services:', '  api:', '    build: ./api', '  kafka:', '    image: confluentinc/cp-kafka:7.6.1', ...ports, '    environment:', `      KAFKA_ADVERTISED_LISTENERS: ${listeners}`);
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', text('PLAINTEXT://kafka:9092,PLAINTEXT_HOST://localhost:29092')), []);
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', text('PLAINTEXT://kafka:9092,PLAINTEXT_HOST://localhost:29092', ['    ports:', '      - target: 9092', '        published: 29092'])), []);
    assert.equal((await findingsOf(RULE, 'docker-compose.yml', text('PLAINTEXT://kafka:9092'))).length, 1);
  });

  it('takes a localhost listener on a port the broker does not publish for its own (inter-broker) listener: the file is not a developer\'s', async () => {
    const text = (ports: string[]) => lines('services:', '  api:', '    build: ./api', '  kafka:', '    image: confluentinc/cp-kafka:7.6.1', ...ports, '    environment:', '      KAFKA_ADVERTISED_LISTENERS: "PLAINTEXT://127.0.0.1:29092,INTERNAL://kafka:9093"');
    assert.equal((await findingsOf(RULE, 'docker-compose.yml', text([]))).length, 1);
    assert.equal((await findingsOf(RULE, 'docker-compose.yml', text(['    ports:', '      - "9093:9093"']))).length, 1);
  });

  it('finds nothing in a file whose Elasticsearch runs with its security switched off (local development only)', async () => {
    const text = (value: string) => lines('services:', '  api:', '    build: ./api', '  search:', '    image: elasticsearch:8.13.4', '    environment:', '      - discovery.type=single-node', `      - xpack.security.enabled=${value}`);
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', text('false')), []);
    assert.equal((await findingsOf(RULE, 'docker-compose.yml', text('true'))).length, 1);
    const opensearch = (value: string) => lines('services:', '  api:', '    build: ./api', '  search:', '    image: opensearchproject/opensearch:2.11.0', '    environment:', `      - plugins.security.disabled=${value}`);
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', opensearch('true')), [], 'OpenSearch without its security plugin');
    assert.equal((await findingsOf(RULE, 'docker-compose.yml', opensearch('false'))).length, 1);
  });

  it("reports a deployment whose application runs a released image kept running, though a helper's Elasticsearch runs without security", async () => {
    const text = lines('services:', '  app:', '    image: ghcr.io/acme/app:1.4.0', '    restart: always', '  temporal:', '    image: temporalio/auto-setup:1.28.1', '  search:', '    image: elasticsearch:8.13.4', '    environment:', '      - discovery.type=single-node', '      - xpack.security.enabled=false');
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', text)).map((f) => f.message.split(':')[0]), ["'temporal' has no restart policy", "'search' has no restart policy"]);
    const dev = lines('services:', '  app:', '    image: ghcr.io/acme/app:1.4.0', '  search:', '    image: elasticsearch:8.13.4', '    environment:', '      - xpack.security.enabled=false');
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', dev), [], 'an application not kept running leaves the file a development one');
  });

  it('takes a service built from a forward proxy\'s image (squid) for a tool, not an application', async () => {
    const files = {
      '/w/compose.yaml': lines('services:', '  api:', '    build: ./api', '    environment:', '      ENVIRONMENT: development', '  egress-proxy:', '    build: ./proxy', '  db:', '    image: postgres:16.4'),
      '/w/api/Dockerfile': 'FROM python:3.12\nCMD ["uvicorn", "app.main:app"]\n',
      '/w/proxy/Dockerfile': 'FROM ubuntu/squid:5.2-22.04_beta\nCOPY squid.conf /etc/squid/squid.conf\n',
    };
    assert.deepEqual(await findingsInWorkspace(RULE, files), []);
  });
  it('takes a file run on its own that builds the applications a file beside it runs as released images for the developers\' variant', async () => {
    const released = lines('services:', '  web:', '    image: acme/web:3.1.0', '  db:', '    image: postgres:16.4');
    const build = lines('services:', '  web:', '    build: ./web', '  db:', '    image: postgres:16.4');
    const run = 'docker compose -f docker-compose.build.yml up --build\n';
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/docker-compose.yml': released, '/w/docker-compose.build.yml': build, '/w/run.sh': run }, '/w/docker-compose.build.yml'), []);
    // Without a file beside it that runs released images, a file that builds its applications is a deployment.
    assert.equal((await findingsInWorkspace(RULE, { '/w/docker-compose.build.yml': build }, '/w/docker-compose.build.yml')).length, 1);
  });
  it("takes a file whose leading comments say it is not for production, or is for local development, for a development setup, and not one that speaks of production", async () => {
    const body = ['services:', '  web:', '    image: acme/web:3.1.0', '  db:', '    image: postgres:16.4'];
    const demo = lines('# NOTE: please do not use this configuration for production setups.', '# This is intended to be used for demo, development, and learning', '# purposes only.', '', ...body);
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': demo }), []);
    const prod = lines('# The production stack: run it with docker compose up -d.', ...body);
    assert.equal((await findingsInWorkspace(RULE, { '/w/compose.yaml': prod })).length, 1);
    // Comments that say the file is for local development, and none that speak of production.
    const local = lines('# Core local-dev stack: the minimum a contributor needs to boot the webapp.', '# For optional services see ./docker-compose.extras.yml', '', ...body);
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': local }), []);
    const demonstration = lines('# This compose file is for demonstration only, do not use in prod.', ...body);
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': demonstration }), []);
    const both = lines('# Production stack. For local development use compose.dev.yaml.', ...body);
    assert.equal((await findingsInWorkspace(RULE, { '/w/compose.yaml': both })).length, 1);
  });
});

describe('missing-restart-policy across variants of one stack', () => {
  it('reports a file-wide gap that a variant beside the base repeats once, in the base file, and keeps a variant that sets a policy its own', async () => {
    const base = lines('services:', '  db:', '    image: postgres:16.4', '  api:', '    image: acme/api:2.1.0', '    depends_on: [db]');
    const variant = lines('services:', '  db:', '    image: postgres:16.4', '  api:', '    image: acme/api:2.1.0', '    depends_on: [db]', '  search:', '    image: opensearchproject/opensearch:2.18.0');
    const files = { '/w/docker-compose.yml': base, '/w/docker-compose-search.yml': variant };
    assert.match((await findingsInWorkspace('missing-restart-policy', files, '/w/docker-compose.yml'))[0].message, /\('db', 'api'; the same in docker-compose-search\.yml beside it\)/);
    assert.deepEqual(await findingsInWorkspace('missing-restart-policy', files, '/w/docker-compose-search.yml'), []);
    const restarts = variant.replace('    image: opensearchproject/opensearch:2.18.0\n', '    image: opensearchproject/opensearch:2.18.0\n    restart: always\n');
    assert.match((await findingsInWorkspace('missing-restart-policy', { ...files, '/w/docker-compose-search.yml': restarts }, '/w/docker-compose.yml'))[0].message, /\('db', 'api'\): one that crashes/);
  });
});
