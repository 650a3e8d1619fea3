// Compose files beside a base file: overrides, unless their own comments or a script beside them run them alone,
// or they share no service with the base (then each is a project of its own).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkspaceModel, memoryFs } from '../../../server/src/core/workspace/index';

const lines = (...l: string[]) => l.join('\n') + '\n';
const BASE = lines('services:', '  api:', '    build: ./api', '  db:', '    image: postgres:16.4');
const mains = async (files: Record<string, string>) => {
  const m = await buildWorkspaceModel('/w', { fs: memoryFs(files), composeFiles: Object.keys(files).filter((f) => /compose[^/]*\.ya?ml$/.test(f)) });
  return m.projects.map((p) => p.main.slice(3)).sort();
};

describe('compose files run on their own beside a base file', () => {
  it('keeps a sibling that changes the base\'s services an override, and one that scripts pass with the base', async () => {
    const prod = lines('services:', '  api:', '    image: acme/api:1.2.0');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.prod.yml': prod }), ['docker-compose.yml']);
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.prod.yml': prod, '/w/deploy.sh': 'docker compose -f docker-compose.yml -f docker-compose.prod.yml up -d\n' }), ['docker-compose.yml']);
    // A Makefile variable that holds `-f` of the file alone is combined with the base where compose runs.
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.prod.yml': prod, '/w/Makefile': 'FILES_PROD=-f docker-compose.prod.yml\nup:\n\t$(COMPOSE) -f docker-compose.yml $(FILES_PROD) up\n' }), ['docker-compose.yml']);
  });
  it('makes a sibling a project of its own when a script beside it, or its own usage comment, runs it alone', async () => {
    const prod = lines('services:', '  api:', '    image: acme/api:1.2.0', '  db:', '    image: postgres:16.4');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.prod.yml': prod, '/w/deploy.sh': 'docker compose -f docker-compose.prod.yml up -d --build\n' }), ['docker-compose.prod.yml', 'docker-compose.yml']);
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose-db.yml': prod, '/w/README.md': '## Run with its own databases\n\n    docker compose -f docker-compose-db.yml up --build\n' }), ['docker-compose-db.yml', 'docker-compose.yml']);
    const app = '# Usage: docker-compose -f auth-service/docker-compose.app.yml up -d\n' + prod;
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.app.yml': app }), ['docker-compose.app.yml', 'docker-compose.yml']);
  });
  it('makes a sibling that brings its own complete stack and shares a name or two a project of its own, and keeps an override that rebuilds a service and adds one', async () => {
    const pool = lines('services:', '  pg-0:', '    image: bitnami/postgresql-repmgr:15', '  pg-1:', '    image: bitnami/postgresql-repmgr:15', '  pgpool:', '    image: bitnami/pgpool:4', '    depends_on: [pg-0, pg-1]', '  api:', '    image: acme/api:1.2.0', '    depends_on: [pgpool]');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.pgpool.yml': pool }), ['docker-compose.pgpool.yml', 'docker-compose.yml']);
    const dev = lines('services:', '  api:', '    build: ./api', '    ports: ["8000:8000"]', '  adminer:', '    image: adminer:4.8.1', '    depends_on: [db]');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.dev.yml': dev }), ['docker-compose.yml']);
  });
  it("makes a sibling that writes the base's services out again in full (their images repeated, or extended from a common file) a project of its own, and keeps one that restates a single service an override", async () => {
    const base = lines('services:', '  mongo:', '    image: mongo:7.0.12', '  app:', '    image: acme/app:2.1.0', '    depends_on: [mongo]');
    const proxy = lines('services:', '  mongo:', '    image: mongo:7.0.12', '  app:', '    image: acme/app:2.1.0', '    depends_on: [mongo]', '  proxy:', '    image: acme/proxy:1.0.0', '    depends_on: [app]');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': base, '/w/docker-compose.proxy.yml': proxy }), ['docker-compose.proxy.yml', 'docker-compose.yml']);
    const common = (svc: string) => ['    extends:', '      file: docker-compose.common.yml', `      service: ${svc}-common`];
    const main = lines('services:', '  ui:', ...common('ui'), '    image: acme/ui:2.1.0', '  api:', ...common('api'), '    image: acme/api:2.1.0', '  grafana:', '    image: grafana/grafana:11.1.0');
    const auth = lines('services:', '  ui:', ...common('ui'), '    image: acme/ui:2.1.0', '    environment: [AUTH_TYPE=DB]', '  api:', ...common('api'), '    image: acme/api:2.1.0', '    environment: [AUTH_TYPE=DB]');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': main, '/w/docker-compose-with-auth.yml': auth }), ['docker-compose-with-auth.yml', 'docker-compose.yml']);
    const ports = lines('services:', '  mongo:', '    image: mongo:7.0.12', '    ports: ["27017:27017"]');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': base, '/w/docker-compose.dev.yml': ports }), ['docker-compose.yml']);
  });
  it('makes a sibling that runs the same services on a network of its own a project of its own, and keeps one that joins the base\'s network an override', async () => {
    const edition = lines('services:', '  api:', '    image: acme/api-ee:1.2.0', '    networks: [shop-ee]', '    depends_on: [db]', '  db:', '    image: postgres:16.4', '    networks: [shop-ee]', 'networks:', '  shop-ee:', '    name: shop-ee');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.ee.yml': edition }), ['docker-compose.ee.yml', 'docker-compose.yml']);
    const based = BASE + lines('networks:', '  shop-ee: {}');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': based, '/w/docker-compose.ee.yml': edition }), ['docker-compose.yml'], 'the base declares the network: the sibling joins its stack');
  });
  it('applies cluster.mongodb.yml on top of cluster.yml beside it (a base of another name), and keeps unrelated names apart', async () => {
    const cluster = lines('services:', '  api:', '    image: acme/api:1.2.0', '    depends_on: [db]', '  db:', '    image: postgres:16.4', '    restart: always');
    const mongo = lines('services:', '  db:', '    image: mongo:7.0.12', '  initdb:', '    image: mongo:7.0.12', '    depends_on: [db]');
    const projects = async (files: Record<string, string>) => (await buildWorkspaceModel('/w', { fs: memoryFs(files), composeFiles: Object.keys(files) })).projects.map((p) => [p.main.slice(3), p.files.filter((f) => f.endsWith('.yml')).map((f) => f.slice(3))]);
    assert.deepEqual(await projects({ '/w/docker/cluster.yml': cluster, '/w/docker/cluster.mongodb.yml': mongo }), [['docker/cluster.yml', ['docker/cluster.yml', 'docker/cluster.mongodb.yml']]]);
    assert.deepEqual((await projects({ '/w/docker/cluster.yml': cluster, '/w/docker/single.mongodb.yml': mongo })).map(([m]) => m), ['docker/cluster.yml', 'docker/single.mongodb.yml']);
  });
  it('applies a file whose service only changes one defined beside it (no image, build or extends) on top of that file', async () => {
    const quickstart = lines('services:', '  kratos:', '    image: oryd/kratos:v1.3.1', '    command: serve --dev', '  mailslurper:', '    image: oryd/mailslurper:smtps-latest');
    const postgres = lines('services:', '  kratos:', '    environment:', '      - DSN=postgres://kratos:secret@postgresd:5432/kratos', '  postgresd:', '    image: postgres:14', '    ports: ["5432:5432"]');
    const standalone = lines('services:', '  kratos:', '    image: oryd/kratos:v1.3.1');
    const projects = async (files: Record<string, string>) => (await buildWorkspaceModel('/w', { fs: memoryFs(files), composeFiles: Object.keys(files) })).projects.map((p) => [p.main.slice(3), p.files.filter((f) => f.endsWith('.yml')).map((f) => f.slice(3)).sort(), !!p.development]);
    assert.deepEqual(await projects({ '/w/quickstart.yml': quickstart, '/w/quickstart-postgres.yml': postgres, '/w/quickstart-standalone.yml': standalone }), [
      ['quickstart-standalone.yml', ['quickstart-standalone.yml'], false],
      ['quickstart.yml', ['quickstart-postgres.yml', 'quickstart.yml'], true],
    ]);
    // Without a file that defines the service in full, the partial file stays on its own.
    assert.deepEqual((await projects({ '/w/quickstart-postgres.yml': postgres, '/w/other.yml': standalone.replace('kratos', 'hydra') })).map(([m]) => m), ['other.yml', 'quickstart-postgres.yml']);
  });
  it("reads package.json scripts, CI workflows and the scripts folder for how a sibling is run", async () => {
    const dev = lines('services:', '  api:', '    build: ./api', '  db:', '    image: postgres:16.4', '    ports: ["5432:5432"]');
    const pkg = JSON.stringify({ scripts: { 'infra:dev:up': 'docker compose -f ./docker-compose.dev.yml up -d --wait' } });
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.dev.yml': dev, '/w/package.json': pkg }), ['docker-compose.dev.yml', 'docker-compose.yml']);
    const workflow = lines('jobs:', '  e2e:', '    steps:', '      - run: docker compose -f docker-compose.dev.yml up -d --wait');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.dev.yml': dev, '/w/.github/workflows/ci.yml': workflow }), ['docker-compose.dev.yml', 'docker-compose.yml']);
    const agent = 'docker compose -f "$repo_root/docker-compose.dev.yml" up -d --build\n';
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.dev.yml': dev, '/w/scripts/agents/start.sh': agent }), ['docker-compose.dev.yml', 'docker-compose.yml']);
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.dev.yml': dev }), ['docker-compose.yml']);
  });
  it('makes a sibling that shares no service with the base a project of its own; keeps *.override.* and a sibling depending on the base\'s services overrides', async () => {
    const cache = lines('services:', '  redis:', '    image: redis:7.2.4');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.cache.yml': cache }), ['docker-compose.cache.yml', 'docker-compose.yml']);
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.override.yml': cache }), ['docker-compose.yml']);
    const monitoring = lines('services:', '  prometheus:', '    image: prom/prometheus:v2.53.0', '    depends_on: [api]');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.monitoring.yml': monitoring }), ['docker-compose.yml']);
    const payments = lines('services:', '  payments:', '    image: acme/payments:1.0.0', '    environment:', '      DATABASE_URL: postgres://db:5432/orders');
    assert.deepEqual(await mains({ '/w/docker-compose.yml': BASE, '/w/docker-compose.payments.yml': payments }), ['docker-compose.yml']);
  });
});
