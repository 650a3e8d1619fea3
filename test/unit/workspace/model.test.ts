import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { buildWorkspaceModel, memoryFs, renderMermaid, type WorkspaceModel } from '../../../server/src/core/workspace/index';

const W = '/w';
const build = (files: Record<string, string>) => buildWorkspaceModel(W, { fs: memoryFs(files), composeFiles: Object.keys(files).filter((f) => /compose[^/]*\.ya?ml$/.test(f)) });
const edges = (m: WorkspaceModel) => m.edges.map((e) => `${e.from}->${e.to}:${e.source}${e.database ? `:${e.database}` : ''}`).sort();
const lines = (...l: string[]) => l.join('\n') + '\n';

describe('workspace model', () => {
  it('lists services and datastores with their images and databases', async () => {
    const m = await build({
      '/w/docker-compose.yml': lines('services:', '  api:', '    build: ./api', '  db:', '    image: bitnami/postgresql:16', '    environment:', '      POSTGRESQL_DATABASE: app'),
    });
    assert.deepEqual(m.services.map((s) => s.id), ['api', 'db']);
    assert.equal(m.services[0].sourceDir, '/w/api');
    assert.deepEqual(m.services[1].datastore, { kind: 'postgres', category: 'database', via: 'image', image: 'bitnami/postgresql:16' });
    assert.deepEqual(m.services[1].databases, ['app']);
    assert.deepEqual(m.services[1].location.range.start, { line: 3, character: 2 });
  });

  it("reads a build context written from $PWD where it holds its Dockerfile: the compose file's folder or one above it", async () => {
    const m = await build({
      '/w/compose/dev-compose.yml': lines('services:', '  api:', '    build: $PWD/api', '  web:', '    build: ${PWD}/web', '  lost:', '    build: $PWD/nowhere'),
      '/w/api/Dockerfile': 'FROM python:3.12\n',
      '/w/compose/web/Dockerfile': 'FROM node:22\n',
    });
    assert.deepEqual(m.services.map((s) => s.sourceDir), ['/w/api', '/w/compose/web', '/w/compose/nowhere']);
  });

  it('finds edges from depends_on, a DATABASE_URL, a JDBC URL, a host variable with a sibling database name, and a mongodb+srv URL', async () => {
    const m = await build({
      '/w/compose.yaml': lines(
        'services:',
        '  a:',
        '    image: a:1',
        '    depends_on: [pg]',
        '    environment:',
        '      DATABASE_URL: postgres://u:p@pg:5432/orders',
        '  b:',
        '    image: b:1',
        '    environment:',
        '      SPRING_DATASOURCE_URL: jdbc:postgresql://pg:5432/billing',
        '  c:',
        '    image: c:1',
        '    environment:',
        '      - DB_HOST=pg',
        '      - DB_NAME=users',
        '  d:',
        '    image: d:1',
        '    environment:',
        '      MONGO_URL: mongodb+srv://u:p@mongo/catalog?retryWrites=true',
        '  pg:',
        '    image: postgres:16',
        '  mongo:',
        '    image: mongo:7',
      ),
    });
    assert.deepEqual(edges(m), ['a->pg:depends_on', 'a->pg:environment:orders', 'b->pg:environment:billing', 'c->pg:environment:users', 'd->mongo:environment:catalog']);
    const pg = m.services.find((s) => s.id === 'pg')!;
    assert.deepEqual(pg.databases.sort(), ['billing', 'orders', 'postgres', 'users']);
  });

  it('interpolates ${VAR} and ${VAR:-default} with the project .env', async () => {
    const m = await build({
      '/w/.env': 'DB_HOST=pg\nPG_TAG=16\n',
      '/w/compose.yaml': lines('services:', '  a:', '    image: a:1', '    environment:', '      DATABASE_URL: postgres://${DB_HOST}:5432/${DB_NAME:-shop}', '  pg:', '    image: postgres:${PG_TAG}'),
    });
    assert.deepEqual(edges(m), ['a->pg:environment:shop']);
    assert.equal(m.services[1].image?.value, 'postgres:16');
    assert.ok(m.projects[0].files.includes('/w/.env'));
  });

  it('merges an override file, follows include and extends, and reads env_file', async () => {
    const m = await build({
      '/w/docker-compose.yml': lines('include:', '  - infra/db.yml', 'services:', '  a:', '    extends:', '      file: common.yml', '      service: base'),
      '/w/docker-compose.override.yml': lines('services:', '  a:', '    env_file: a.env'),
      '/w/a.env': 'REDIS_URL=redis://cache:6379/2\n',
      '/w/common.yml': lines('services:', '  base:', '    image: base:1', '    environment:', '      DATABASE_URL: mysql://db/app'),
      '/w/infra/db.yml': lines('services:', '  db:', '    image: mariadb:11', '  cache:', '    image: redis:7'),
    });
    assert.deepEqual(m.services.map((s) => s.id).sort(), ['a', 'cache', 'db']);
    assert.deepEqual(edges(m), ['a->cache:env_file:2', 'a->db:environment:app']);
    const envEdge = m.edges.find((e) => e.source === 'env_file')!;
    assert.equal(envEdge.location.path, '/w/a.env');
    assert.equal(m.projects.length, 1);
  });

  it('reads no connection of a stock proxy from a shared env_file (every service\'s settings), only from its own environment', async () => {
    const m = await build({
      '/w/docker-compose.yml': lines('services:', '  api:', '    image: acme/api:1', '    env_file: .env', '  nginx:', '    image: nginx:1.27-alpine', '    env_file: .env', '    environment:', '      UPSTREAM: http://api:8080', '  db:', '    image: postgres:16'),
      '/w/.env': 'DB_URL=postgres://db:5432/app\n',
    });
    assert.deepEqual(edges(m), ['api->db:env_file:app', 'nginx->api:environment']);
  });

  it('reads no connection of a product run from its released image from the env_file it shares with an application whose code is here', async () => {
    const files = {
      '/w/docker-compose.yml': lines('services:', '  api:', '    build: ./api', '    env_file: .env', '  minio:', '    image: minio/minio:RELEASE.2024-01-01T00-00-00Z', '    env_file: .env', '  db:', '    image: postgres:16'),
      '/w/.env': 'DB_URL=postgres://db:5432/app\n',
      '/w/api/main.py': 'print(1)\n',
    };
    assert.deepEqual(edges(await build(files)), ['api->db:env_file:app']);
    // With no application's code in the workspace (a deployment repository), every reader of the file keeps its edges.
    const deployOnly = { ...files, '/w/docker-compose.yml': files['/w/docker-compose.yml'].replace('build: ./api', 'image: acme/api:1') };
    delete (deployOnly as Record<string, string>)['/w/api/main.py'];
    assert.deepEqual(edges(await build(deployOnly)), ['api->db:env_file:app', 'minio->db:env_file:app']);
  });

  it('finds edges in a service\'s own config and code, with their locations', async () => {
    const m = await build({
      '/w/compose.yaml': lines('services:', '  orders:', '    build: ./orders', '  billing:', '    build:', '      context: ./billing', '  db:', '    image: postgres:16'),
      '/w/orders/src/main/resources/application.properties': 'spring.datasource.url=jdbc:postgresql://db:5432/orders\n',
      '/w/billing/settings.py': lines('DATABASES = {', "    'default': {", "        'ENGINE': 'django.db.backends.postgresql',", "        'NAME': 'billing',", "        'HOST': os.environ.get('DB_HOST', 'db'),", '    }', '}'),
      '/w/billing/node_modules/x/index.js': 'const u = "postgres://db/ignored";\n',
      '/w/billing/app.py': 'CACHE = "redis://localhost:6379"\n',
    });
    assert.deepEqual(edges(m), ['billing->db:config:billing', 'orders->db:config:orders']);
    const e = m.edges.find((x) => x.from === 'orders')!;
    assert.equal(e.location.path, '/w/orders/src/main/resources/application.properties');
    assert.deepEqual(e.location.range.start, { line: 0, character: 22 });
  });

  it('recognises a datastore built from a Dockerfile whose final stage is a database image', async () => {
    const m = await build({
      '/w/compose.yaml': lines('services:', '  db:', '    build: ./db'),
      '/w/db/Dockerfile': 'FROM alpine AS tools\nFROM docker.io/library/postgres:16-alpine\nCOPY init.sql /docker-entrypoint-initdb.d/\n',
    });
    assert.equal(m.services[0].datastore?.kind, 'postgres');
    assert.equal(m.services[0].datastore?.via, 'dockerfile');
  });

  it("marks a compose project whose folder builds a Spring Boot application with docker-compose support as a development one, and not another", async () => {
    const m = await build({
      '/w/orders/compose.yaml': lines('services:', '  kafka:', '    image: apache/kafka:3.7.0'),
      '/w/orders/pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-docker-compose</artifactId><optional>true</optional></dependency></dependencies></project>',
      '/w/shop/compose.yaml': lines('services:', '  kafka:', '    image: apache/kafka:3.7.0'),
      '/w/shop/pom.xml': '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
    });
    assert.deepEqual(m.projects.map((p) => [p.main, !!p.development]), [['/w/orders/compose.yaml', true], ['/w/shop/compose.yaml', false]]);
  });

  it('recognises an emulator built on another base from a folder named like its image, and not a folder only containing a datastore word', async () => {
    const m = await build({
      '/w/compose.yaml': lines('services:', '  firestore:', '    build:', '      context: docker/firestore-emulator', '  seed:', '    build: ./mongo-seed', '  api:', '    build: ./api', '    environment:', '      FIRESTORE_EMULATOR_HOST: firestore:8787', '      TRAINER_ADDR: api:3000'),
      '/w/docker/firestore-emulator/Dockerfile': 'FROM node:16-alpine\nRUN npm install -g firebase-tools\n',
      '/w/mongo-seed/Dockerfile': 'FROM node:20\n',
      '/w/api/Dockerfile': 'FROM golang:1.22\n',
    });
    assert.deepEqual(m.services.map((s) => [s.id, s.datastore?.kind]), [['firestore', 'firestore'], ['seed', undefined], ['api', undefined]]);
  });

  it('recognises a custom image as a datastore by what it shows: a -db name with the port, or server environment with its own volume', async () => {
    const m = await build({
      '/w/compose.yaml': lines('services:', '  orders-db:', '    image: acme/orders-store:3', '    expose: ["5432"]', '  store:', '    image: acme/store:1', '    environment:', '      POSTGRES_PASSWORD: x', '    volumes: ["store-data:/var/lib/postgresql/data"]', '  api:', '    image: acme/api:1', '    environment:', '      POSTGRES_HOST: store', '      POSTGRES_PASSWORD: x', '  settings:', '    image: acme/settings:1', '    environment:', '      POSTGRES_DB: app'),
    });
    const kinds = m.services.map((s) => [s.id, s.datastore?.kind, s.datastore?.via]);
    assert.deepEqual(kinds, [['orders-db', 'postgres', 'manifest'], ['store', 'postgres', 'manifest'], ['api', undefined, undefined], ['settings', undefined, undefined]]);
  });

  it("takes no server variables from an env file of the project's settings for a custom image's own (a search engine given the shared env file), and reads a datastore's own env file", async () => {
    const settings = lines('POSTGRES_DB=lago', 'POSTGRES_USER=lago', 'LAGO_API_URL=http://api:3000', 'LAGO_FRONT_URL=http://front', 'LAGO_MEILISEARCH_URL=http://search:7700', 'SECRET_KEY_BASE=x', 'RAILS_ENV=development');
    const m = await build({
      '/w/compose.yaml': lines('services:', '  search:', '    image: acme/meili:1', '    env_file: ./.env.development.default', '    volumes: ["search-data:/meili_data"]', '  store:', '    image: acme/store:1', '    env_file: ./db.env', '    volumes: ["store-data:/var/lib/postgresql/data"]'),
      '/w/.env.development.default': settings,
      '/w/db.env': lines('POSTGRES_PASSWORD=x', 'POSTGRES_DB=app'),
    });
    assert.deepEqual(m.services.map((s) => [s.id, s.datastore?.kind]), [['search', undefined], ['store', 'postgres']]);
  });

  it('keeps two projects apart and prefixes service ids that both use', async () => {
    const m = await build({
      '/w/a/compose.yaml': lines('services:', '  db:', '    image: postgres:16'),
      '/w/b/compose.yaml': lines('services:', '  db:', '    image: mysql:8'),
    });
    assert.deepEqual(m.services.map((s) => s.id), ['a/db', 'b/db']);
  });

  it('renders a Mermaid flowchart with datastores as cylinders', async () => {
    const m = await build({ '/w/compose.yaml': lines('services:', '  api:', '    image: api:1', '    environment:', '      DATABASE_URL: postgres://db/app', '  db:', '    image: postgres:16') });
    assert.equal(renderMermaid(m), lines('flowchart LR', '  api["api"]', '  db[("db<br/>postgres: postgres, app")]', '  api -->|app| db'));
  });

  it('reads ADO.NET and PDO connection strings, Spring ${VAR:default} placeholders, and a host filled in at run time', async () => {
    const m = await build({
      '/w/compose.yaml': lines('services:', '  worker:', '    build: ./worker', '  ratings:', '    build: ./ratings', '  shipping:', '    build: ./shipping', '    depends_on: [mysql]', '  boot:', '    build: ./boot', '  db:', '    image: postgres:16', '  mysql:', '    build: ./mysql'),
      '/w/mysql/Dockerfile': 'FROM eventuateio/eventuate-mysql8:0.1\n',
      '/w/worker/Program.cs': 'var c = OpenDbConnection("Server=db;Username=postgres;Database=votes;");\n',
      '/w/ratings/Kernel.php': "$dsn = getenv('PDO_URL') ?: 'mysql:host=mysql;dbname=ratings;charset=utf8mb4';\n",
      '/w/shipping/src/main/java/com/acme/shipping/deep/JpaConfig.java': 'String url = String.format("jdbc:mysql://%s/cities?useSSL=false", host);\n',
      '/w/boot/src/main/resources/application.properties': 'spring.datasource.url=jdbc:postgresql://${DB_HOST:db}:5432/boot\n',
    });
    assert.equal(m.services.find((s) => s.id === 'mysql')?.datastore?.kind, 'mysql');
    assert.deepEqual(edges(m), ['boot->db:config:boot', 'ratings->mysql:code:ratings', 'shipping->mysql:code:cities', 'shipping->mysql:depends_on', 'worker->db:code:votes']);
  });

  it('tells apart two projects in one directory (docker-compose.yml and a stack file) in the ids', async () => {
    const files = { '/w/docker-compose.yml': lines('services:', '  db:', '    image: postgres:16'), '/w/docker-stack.yml': lines('services:', '  db:', '    image: postgres:16') };
    const m = await buildWorkspaceModel(W, { fs: memoryFs(files), composeFiles: Object.keys(files) });
    assert.deepEqual(m.services.map((s) => s.id).sort(), ['docker-compose/db', 'docker-stack/db']);
  });

  it('lists code folders that start an HTTP server but that no compose service builds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ba-model-'));
    const files: Record<string, string> = {
      'compose.yaml': lines('services:', '  api:', '    build: ./api'),
      'api/server.js': "const app = express();\napp.listen(3000);\n",
      'admin/main.go': 'package main\n\nfunc main() { http.ListenAndServe(":8081", nil) }\n',
      'tools/gen.py': 'print("not a server")\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    const m = await buildWorkspaceModel(dir);
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(m.codeServices.map((c) => [c.dir.slice(dir.length + 1), c.language, c.location.range.start.line]), [['admin', 'go', 2]]);
  });
});
