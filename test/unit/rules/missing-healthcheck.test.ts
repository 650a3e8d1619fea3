import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { applyFix, findingsOf, lines } from './helpers';
import { findingsInWorkspace } from './workspaceHelpers';
import { diskFindings } from './serviceHelpers';

const RULE = 'missing-healthcheck';
const FILE = 'docker-compose.yml';

/** A compose file with one datastore service of the given image beside an application it builds. */
const single = (image: string) => lines('services:', '  db:', `    image: ${image}`, '  api:', '    build: ./api');

interface Case {
  name: string;
  text: string;
  /** Expected findings: the service each one is reported on and a fragment of its message. */
  expect: { service: string; message: string }[];
}

const cases: Case[] = [
  { name: 'reports a postgres service without a healthcheck', text: single('postgres:16'), expect: [{ service: 'db', message: "Postgres datastore 'db' has no healthcheck" }] },
  { name: 'reports a bitnami/postgresql image as postgres', text: single('bitnami/postgresql:16'), expect: [{ service: 'db', message: 'Postgres datastore' }] },
  { name: 'reports a registry-prefixed docker.io/library/postgres image', text: single('docker.io/library/postgres:16'), expect: [{ service: 'db', message: 'Postgres datastore' }] },
  { name: 'reports a mysql service without a healthcheck', text: single('mysql:8.4'), expect: [{ service: 'db', message: 'Mysql datastore' }] },
  { name: 'reports a mariadb service as mysql', text: single('mariadb:11'), expect: [{ service: 'db', message: 'Mysql datastore' }] },
  { name: 'reports a redis service without a healthcheck', text: single('redis:7-alpine'), expect: [{ service: 'db', message: 'Redis datastore' }] },
  { name: 'reports a ghcr.io/x/redis image without a tag', text: single('ghcr.io/x/redis'), expect: [{ service: 'db', message: 'Redis datastore' }] },
  { name: 'reports a mongo service without a healthcheck', text: single('mongo:7'), expect: [{ service: 'db', message: 'Mongo datastore' }] },
  { name: 'reports a rabbitmq service without a healthcheck', text: single('rabbitmq:3-management'), expect: [{ service: 'db', message: 'Rabbitmq datastore' }] },
  {
    name: 'reports a datastore with the service that depends on it in the message',
    text: lines('services:', '  api:', '    build: ./api', '    depends_on:', '      - db', '  db:', '    image: postgres:16'),
    expect: [{ service: 'db', message: 'api depends on it but can only wait for its container to start' }],
  },
  {
    name: 'reports an app service others depend on in the list form of depends_on',
    text: lines('services:', '  api:', '    build: ./api', '  web:', '    build: ./web', '    depends_on: [api]', '  worker:', '    build: ./worker', '    depends_on:', '      - api'),
    expect: [{ service: 'api', message: "Service 'api' has no healthcheck: web, worker depend on it" }],
  },
  {
    name: 'reports an app service others depend on in the map form of depends_on',
    text: lines('services:', '  api:', '    build: ./api', '  web:', '    build: ./web', '    depends_on:', '      api:', '        condition: service_started'),
    expect: [{ service: 'api', message: "Service 'api' has no healthcheck: web depends on it" }],
  },
  {
    name: 'leaves out dependents that wait for it themselves (wait-for-it, a pg_isready loop) and names the others',
    text: lines('services:', '  db:', '    image: postgres:16', '  api:', '    build: ./api', '    command: ["/code/wait-for-it.sh", "-t", "0", "db:5432", "--", "uvicorn", "main:app"]', '    depends_on: [db]', '  worker:', '    build: ./worker', '    command: sh -c "until pg_isready -h db; do sleep 1; done; python worker.py"', '    depends_on: [db]', '  report:', '    build: ./report', '    command: python report.py --db db', '    depends_on: [db]'),
    expect: [{ service: 'db', message: 'report depends on it but can only wait' }],
  },
  {
    name: 'leaves out a dependent whose wait names the host as a variable with a default',
    text: lines('services:', '  db:', '    image: postgres:16', '  api:', '    build: ./api', "    entrypoint: ['/wait-for-it.sh', '${DB_HOST:-db}:${DB_PORT:-5432}', '-t', '30', '--', '/entrypoint.sh']", '    depends_on: [db]', '  report:', '    build: ./report', "    entrypoint: ['/wait-for-it.sh', '${DB_HOST:-other}:5432', '--', '/run.sh']", '    depends_on: [db]'),
    expect: [{ service: 'db', message: 'report depends on it but can only wait' }],
  },
  {
    name: "leaves out a dependent whose command polls the port through bash's /dev/tcp",
    text: lines('services:', '  db:', '    image: postgres:16', '  web:', '    build: .', "    command: bash -c 'while !</dev/tcp/db/5432; do sleep 1; done; uwsgi app.ini'", '    depends_on: [db]', '  report:', '    build: ./report', "    command: bash -c 'while !</dev/tcp/cache/6379; do sleep 1; done; ./run'", '    depends_on: [db]'),
    expect: [{ service: 'db', message: 'report depends on it but can only wait' }],
  },
  {
    name: "leaves out asynq's dashboard and a log shipper (filebeat) as dependents, and names an application",
    text: lines('services:', '  redis:', '    image: redis:7.2', '  asynqmon:', '    image: hibiken/asynqmon:v0.7.2', '    depends_on: [redis]', '  kafka:', '    image: apache/kafka:3.7.0', '  filebeat:', '    image: elastic/filebeat:8.12.2', '    depends_on: [kafka]', '  orders:', '    build: ./orders', '    depends_on: [kafka]'),
    expect: [{ service: 'redis', message: "Redis datastore 'redis' has no healthcheck: nothing can tell" }, { service: 'kafka', message: "Kafka datastore 'kafka' has no healthcheck: orders depends on it but can only wait" }],
  },
  {
    name: 'reports a datastore whose only dependent is an admin UI (kafka-ui) as nobody\'s dependency, and names an application that depends on it',
    text: lines('services:', '  kafka:', '    image: apache/kafka:3.7.0', '  ui:', '    image: provectuslabs/kafka-ui:v0.7.2', '    depends_on: [kafka]', '  orders:', '    build: ./orders', '    depends_on: [kafka]'),
    expect: [{ service: 'kafka', message: 'orders depends on it but can only wait' }],
  },
  {
    name: 'reports nothing for an application whose only dependents are a reverse proxy and a scraper',
    text: lines('services:', '  api:', '    build: ./api', '  proxy:', '    image: nginx:1.27', '    depends_on: [api]', '  prometheus:', '    image: prom/prometheus:v2.53.0', '    depends_on: [api]'),
    expect: [],
  },
  {
    name: "reports nothing for ZooKeeper under Confluent's Kafka image, which waits for it, and reports it under another broker image",
    text: lines('services:', '  zookeeper:', '    image: confluentinc/cp-zookeeper:7.6.1', '  kafka:', '    image: confluentinc/cp-kafka:7.6.1', '    depends_on: [zookeeper]', '  api:', '    build: ./api', '    depends_on: [kafka]', '    healthcheck:', '      test: ["CMD", "true"]'),
    expect: [{ service: 'zookeeper', message: 'nothing can tell when it is ready' }, { service: 'kafka', message: 'api depends on it' }],
  },
  {
    name: "takes a registry mirror's copy of Confluent's Kafka image for the image, which waits for ZooKeeper",
    text: lines('services:', '  zookeeper:', '    image: ghcr.io/acme/image-mirror-confluentinc-cp-zookeeper:6.2.0', '  kafka:', '    image: ghcr.io/acme/image-mirror-confluentinc-cp-kafka:6.2.0', '    depends_on: [zookeeper]', '  api:', '    build: ./api', '    depends_on: [kafka]', '    healthcheck:', '      test: ["CMD", "true"]'),
    expect: [{ service: 'zookeeper', message: 'nothing can tell when it is ready' }, { service: 'kafka', message: 'api depends on it' }],
  },
  {
    name: 'reports ZooKeeper when the Kafka image does not wait for it',
    text: lines('services:', '  zookeeper:', '    image: bitnami/zookeeper:3.9', '  kafka:', '    image: bitnami/kafka:3.7', '    depends_on: [zookeeper]', '    healthcheck:', '      test: ["CMD", "true"]'),
    expect: [{ service: 'zookeeper', message: 'kafka depends on it' }],
  },
  {
    name: 'reports a healthcheck that is switched off with disable: true',
    text: lines('services:', '  cache:', '    image: redis:7', '    healthcheck:', '      disable: true', '  api:', '    build: ./api'),
    expect: [{ service: 'cache', message: "Redis datastore 'cache' has no healthcheck" }],
  },
  {
    name: 'reports every datastore of a file, in file order',
    text: lines('services:', '  db:', '    image: postgres:16', '  cache:', '    image: redis:7', '  app:', '    build: .'),
    expect: [{ service: 'db', message: 'Postgres' }, { service: 'cache', message: 'Redis' }],
  },
  {
    name: 'finds nothing when the datastore has a healthcheck',
    text: lines('services:', '  db:', '    image: postgres:16', '    healthcheck:', '      test: ["CMD-SHELL", "pg_isready"]'),
    expect: [],
  },
  {
    name: 'finds nothing when a depended-on app service has a healthcheck',
    text: lines('services:', '  api:', '    build: ./api', '    healthcheck:', '      test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"]', '  web:', '    image: nginx:1.27', '    depends_on: [api]'),
    expect: [],
  },
  {
    name: 'finds nothing when the healthcheck comes from a merge key',
    text: lines('x-probe: &probe', '  healthcheck:', '    test: ["CMD", "redis-cli", "ping"]', 'services:', '  cache:', '    <<: *probe', '    image: redis:7'),
    expect: [],
  },
  {
    name: 'finds nothing for a pulled service a dependent waits on until healthy: its image has a HEALTHCHECK',
    text: lines('services:', '  server:', '    image: acme/ci-server:v3', '  agent:', '    image: acme/ci-agent:v3', '    depends_on:', '      server:', '        condition: service_healthy'),
    expect: [],
  },
  {
    name: 'reports a pulled service its dependents wait on only until started',
    text: lines('services:', '  server:', '    image: acme/ci-server:v3', '  agent:', '    image: acme/ci-agent:v3', '    depends_on:', '      server:', '        condition: service_started', '  worker:', '    build: ./worker', '    depends_on: [server]'),
    expect: [{ service: 'server', message: "Service 'server' has no healthcheck: agent, worker depend on it" }],
  },
  {
    name: 'finds nothing for a plain app service that nobody depends on',
    text: lines('services:', '  api:', '    build: ./api', '    ports:', '      - "8080:8080"'),
    expect: [],
  },
  {
    name: 'finds nothing for an exporter whose image name only starts with postgres',
    text: single('prometheuscommunity/postgres-exporter:v0.15.0'),
    expect: [],
  },
  {
    name: 'finds nothing for monitoring and tracing back ends that applications list in depends_on',
    text: lines('services:', '  api:', '    build: ./api', '    depends_on: [prometheus, grafana, jaeger, zipkin]', '  prometheus:', '    image: prom/prometheus:latest', '  grafana:', '    image: grafana/grafana', '  jaeger:', '    image: jaegertracing/all-in-one:1.21', '  zipkin:', '    image: openzipkin/zipkin'),
    expect: [],
  },
  {
    name: 'reports a monitoring back end that a script provisioning it depends on, naming only that script',
    text: lines('services:', '  api:', '    build: ./api', '    depends_on: [grafana]', '  grafana:', '    image: grafana/grafana', '    ports: ["3000:3000"]', '  importer:', '    image: acme/tiny-tools', '    entrypoint: /bin/sh import.sh', '    depends_on: [grafana]'),
    expect: [{ service: 'grafana', message: "Service 'grafana' has no healthcheck: importer depends on it" }],
  },
  {
    name: 'leaves alone a tracing back end that applications run from a prebuilt image for their entrypoint depend on, beside their datastores',
    text: lines('services:', '  social-graph:', '    image: acme/social-network:1.0.0', '    entrypoint: SocialGraphService', '    depends_on: [jaeger-agent, social-graph-db]', '  social-graph-db:', '    image: mongo:4.4.6', '    healthcheck: {test: [CMD, mongo, --eval, "db.adminCommand(1)"]}', '  jaeger-agent:', '    image: jaegertracing/all-in-one:1.57.0'),
    expect: [],
  },
  {
    name: 'does not name the dependents of memcached, whose clients connect per request, and still reports it as a datastore',
    text: lines('services:', '  api:', '    build: ./api', '    depends_on: [cache]', '  cache:', '    image: memcached:1.6.21'),
    expect: [{ service: 'cache', message: "Memcached datastore 'cache' has no healthcheck: nothing can tell when it is ready or hung" }],
  },
  {
    name: 'still reports an application whose image name only contains otel (hotel-reservation)',
    text: lines('services:', '  api:', '    build: ./api', '    depends_on: [search]', '  search:', '    image: acme/hotel-reservation:1.0'),
    expect: [{ service: 'search', message: "Service 'search' has no healthcheck: api depends on it" }],
  },
  {
    name: 'finds nothing for a datastore nobody waits on in a development setup (apps run under a file watcher), and reports one that an app waits on there',
    text: lines('services:', '  api:', '    build: ./api', '    command: nodemon server.js', '    depends_on: [db]', '  db:', '    image: postgres:16', '  cache:', '    image: redis:7'),
    expect: [{ service: 'db', message: "Postgres datastore 'db' has no healthcheck: api depends on it" }],
  },
  {
    name: 'finds nothing for datastores nobody waits on in a file that builds no application (infrastructure for applications run elsewhere)',
    text: lines('services:', '  mongo:', '    image: mongo:7.0', '  kafka:', '    image: apache/kafka:3.7.0', '  ui:', '    image: provectuslabs/kafka-ui:v0.7.2'),
    expect: [],
  },
  {
    name: 'still reports a datastore nobody waits on in a swarm stack of images (deploy: its orchestrator replaces tasks by health)',
    text: lines('services:', '  redis:', '    image: redis:7', '    deploy:', '      replicas: 1', '  vote:', '    image: acme/vote:1.2', '    deploy:', '      replicas: 2'),
    expect: [{ service: 'redis', message: "Redis datastore 'redis' has no healthcheck: nothing can tell" }],
  },
  {
    name: 'finds nothing for datastores nobody waits on whose deploy only repeats the defaults (mode: replicated, replicas: 1)',
    text: lines('services:', '  mongo:', '    image: mongo:7.0', '    deploy:', '      mode: replicated', '      replicas: 1', '  postgres:', '    image: postgres:16.4', '    deploy:', '      mode: replicated', '      replicas: 1'),
    expect: [],
  },
  {
    name: 'finds nothing for a datastore nobody waits on in a file whose deploy sections only set resources (plain compose, not a stack)',
    text: lines('services:', '  redis:', '    image: redis:7', '  otelcol:', '    image: otel/opentelemetry-collector-contrib:0.104.0', '    deploy:', '      resources:', '        limits:', '          memory: 200M'),
    expect: [],
  },
  {
    name: 'still reports a datastore nobody waits on when the file ships built applications',
    text: lines('services:', '  api:', '    build: ./api', '  cache:', '    image: redis:7'),
    expect: [{ service: 'cache', message: "Redis datastore 'cache' has no healthcheck: nothing can tell" }],
  },
  {
    name: 'reports copies of a service (written the same, replicas by hand) once, on the first, naming the copies',
    text: lines('services:', '  leader:', '    image: redis:7', '  follower-1:', '    image: redis:7', '    command: redis-server --replicaof leader 6379', '  follower-2:', '    image: redis:7', '    command: redis-server --replicaof leader 6379', '  proxy:', '    build: ./proxy', '    depends_on: [follower-1, follower-2]'),
    expect: [
      { service: 'leader', message: "Redis datastore 'leader' has no healthcheck: nothing can tell" },
      { service: 'follower-1', message: "Redis datastore 'follower-1' has no healthcheck, nor has 'follower-2', written the same: proxy depends on it" },
    ],
  },
  {
    name: 'does not count a stock datastore that lists another kind of datastore first (ClickHouse after Postgres) as waiting on it',
    text: lines('services:', '  db:', '    image: postgres:16.3', '  clickhouse:', '    image: clickhouse/clickhouse-server:24.3', '    depends_on: [db]', '    healthcheck:', '      test: ["CMD", "true"]', '  api:', '    build: ./api', '    depends_on: [db]'),
    expect: [{ service: 'db', message: "Postgres datastore 'db' has no healthcheck: api depends on it" }],
  },
  {
    name: 'does not count a connection pooler (pgpool) as waiting on its backends: it checks and reconnects them itself',
    text: lines('services:', '  pg-0:', '    image: bitnami/postgresql-repmgr:15.4.0', '  pgpool:', '    image: bitnami/pgpool:4.5.0', '    depends_on: [pg-0]', '    healthcheck:', '      test: ["CMD", "/opt/bitnami/scripts/pgpool/healthcheck.sh"]', '  api:', '    build: ./api', '    depends_on:', '      pgpool:', '        condition: service_healthy'),
    expect: [{ service: 'pg-0', message: "Postgres datastore 'pg-0' has no healthcheck: nothing can tell when it is ready or hung" }],
  },
  {
    name: 'takes services written with other indentation or quoting for copies (the same once parsed)',
    text: lines('services:', '  orders-db:', '    image: mongo', '    networks:', '        - shop', '  users-db:', '        image: "mongo"', '        networks: [shop]', '  api:', '    build: ./api', '    depends_on: [orders-db, users-db]', 'networks:', '  shop: {}'),
    expect: [{ service: 'orders-db', message: "Mongo datastore 'orders-db' has no healthcheck, nor has 'users-db', written the same: api depends on it" }],
  },
  {
    name: 'takes services written with their keys in another order for copies, and not services that differ in a value',
    text: lines('services:', '  auth-db:', '    image: acme/mongodb:3.6.1', '    restart: always', '    environment:', '      MONGODB_PASSWORD: $MONGODB_PASSWORD', '  notification-db:', '    environment:', '      MONGODB_PASSWORD: $MONGODB_PASSWORD', '    image: acme/mongodb:3.6.1', '    restart: always', '  stats-db:', '    image: acme/mongodb:3.6.1', '    restart: "no"', '  api:', '    build: ./api', '    depends_on: [auth-db, notification-db, stats-db]'),
    expect: [
      { service: 'auth-db', message: "Mongo datastore 'auth-db' has no healthcheck, nor has 'notification-db', written the same: api depends on it" },
      { service: 'stats-db', message: "Mongo datastore 'stats-db' has no healthcheck: api depends on it" },
    ],
  },
  {
    name: 'reports numbered nodes that differ only by their own number (their volumes) once, on the first',
    text: lines('services:', ...[0, 1, 2].flatMap((i) => [`  cache-node-${i}:`, '    image: redis:7.2.4', '    volumes:', `      - cache_data-${i}:/data`]), '  api:', '    build: ./api', '    depends_on: [cache-node-0, cache-node-1, cache-node-2]'),
    expect: [{ service: 'cache-node-0', message: "Redis datastore 'cache-node-0' has no healthcheck, nor have 'cache-node-1', 'cache-node-2', written the same: api depends on it" }],
  },
  {
    name: "finds nothing for the nodes of a Bitnami Redis cluster that only the cluster's creator waits on (it pings every node itself)",
    text: lines('services:', ...[0, 1].flatMap((i) => [`  redis-node-${i}:`, '    image: docker.io/bitnami/redis-cluster:7.0', '    volumes:', `      - data-${i}:/bitnami/redis/data`]), '  redis-node-2:', '    image: docker.io/bitnami/redis-cluster:7.0', '    depends_on: [redis-node-0, redis-node-1]', '    environment:', "      - 'REDIS_NODES=redis-node-0 redis-node-1 redis-node-2'", "      - 'REDIS_CLUSTER_CREATOR=yes'"),
    expect: [],
  },
  {
    name: 'reports services written the same but waited on by different services one by one (two databases of two owners)',
    text: lines('services:', '  auth-db:', '    image: mongo:7.0', '  stats-db:', '    image: mongo:7.0', '  auth:', '    build: ./auth', '    depends_on: [auth-db]', '  stats:', '    build: ./stats', '    depends_on: [stats-db]'),
    expect: [
      { service: 'auth-db', message: "Mongo datastore 'auth-db' has no healthcheck: auth depends on it" },
      { service: 'stats-db', message: "Mongo datastore 'stats-db' has no healthcheck: stats depends on it" },
    ],
  },
  {
    name: 'finds nothing for a one-shot job others await to completion, even on a database image (a bootstrap script)',
    text: lines('services:', '  postgres-bootstrap:', '    image: postgres:16', '    entrypoint: ["/bin/sh", "/bootstrap.sh"]', '  api:', '    build: ./api', '    depends_on:', '      postgres-bootstrap:', '        condition: service_completed_successfully'),
    expect: [],
  },
  {
    name: 'drops the finding when a suppression comment is on the line above the service',
    text: lines('services:', '  # backend-architect-ignore missing-healthcheck', '  db:', '    image: postgres:16', '  api:', '    build: ./api'),
    expect: [],
  },
];

describe('missing-healthcheck', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsOf(RULE, FILE, c.text);
      const at = (f: (typeof found)[number]) => c.text.split(/\r?\n/)[f.range.start.line].slice(f.range.start.character, f.range.end.character);
      assert.deepEqual(found.map(at), c.expect.map((e) => e.service), found.map((f) => f.message).join('\n'));
      c.expect.forEach((e, i) => assert.ok(found[i].message.includes(e.message), found[i].message));
    });
  }
});

interface FixCase {
  name: string;
  text: string;
  /** The finding to fix, by service name. */
  service: string;
  /** The healthcheck the fix must write, exactly as it must appear (indentation and line breaks included). */
  inserted: string;
}

const hc = (indent: string, step: string, test: string, eol = '\n') =>
  [`${indent}healthcheck:`, `${indent}${step}test: ${test}`, `${indent}${step}interval: 10s`, `${indent}${step}timeout: 5s`, `${indent}${step}retries: 5`, `${indent}${step}start_period: 10s`].join(eol);

const fixes: FixCase[] = [
  {
    name: 'inserts a pg_isready probe into a postgres service of a 2-space file',
    text: lines('services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: ${DB_PASSWORD}', '  api:', '    build: ./api'),
    service: 'db',
    inserted: '      POSTGRES_PASSWORD: ${DB_PASSWORD}\n' + hc('    ', '  ', '["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]') + '\n  api:',
  },
  {
    name: 'inserts a mysqladmin ping probe into a mysql service of a 4-space file',
    text: lines('services:', '    db:', '        image: mysql:8.4', '    api:', '        build: ./api'),
    service: 'db',
    inserted: '        image: mysql:8.4\n' + hc('        ', '    ', '["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"]') + '\n    api:',
  },
  {
    name: 'inserts a redis-cli ping probe and keeps CRLF line endings',
    text: lines('services:', '  cache:', '    image: redis:7', '    ports:', '      - "6379:6379"', '  api:', '    build: ./api').replace(/\n/g, '\r\n'),
    service: 'cache',
    inserted: '      - "6379:6379"\r\n' + hc('    ', '  ', '["CMD", "redis-cli", "ping"]', '\r\n') + '\r\n  api:',
  },
  {
    name: 'inserts a mongosh ping probe into a mongo service',
    text: single('mongo:7'),
    service: 'db',
    inserted: hc('    ', '  ', `["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]`),
  },
  {
    name: 'inserts a rabbitmq-diagnostics ping probe into a rabbitmq service',
    text: single('rabbitmq:3-management'),
    service: 'db',
    inserted: hc('    ', '  ', '["CMD", "rabbitmq-diagnostics", "-q", "ping"]'),
  },
  {
    name: 'inserts an HTTP /health probe on the container port of a depended-on app service',
    text: lines('services:', '  api:', '    build: ./api', '    ports:', '      - "8080:3000"', '', '  web:', '    build: ./web', '    depends_on: [api]'),
    service: 'api',
    inserted: '      - "8080:3000"\n' + hc('    ', '  ', '["CMD-SHELL", "wget -qO- http://localhost:3000/health || exit 1"]') + '\n\n  web:',
  },
  {
    name: 'replaces a block healthcheck that is disabled instead of adding a second one',
    text: lines('services:', '  cache:', '    image: redis:7', '    healthcheck:', '      disable: true', '    restart: always', '  api:', '    build: ./api'),
    service: 'cache',
    inserted: '    image: redis:7\n' + hc('    ', '  ', '["CMD", "redis-cli", "ping"]') + '\n    restart: always',
  },
  {
    name: 'replaces a flow-style disabled healthcheck of a 4-space file',
    text: lines('services:', '    cache:', '        image: redis:7', '        healthcheck: {disable: true}', '    api:', '        build: ./api'),
    service: 'cache',
    inserted: '        image: redis:7\n' + hc('        ', '    ', '["CMD", "redis-cli", "ping"]') + '\n    api:',
  },
];

describe('missing-healthcheck quick fix', () => {
  for (const image of ['memcached:1.6', 'nats:2.10', 'confluentinc/cp-kafka:7.6.1']) {
    it(`offers no fix for ${image.split(':')[0]}, which has no probe the rule knows (an HTTP probe would never pass)`, async () => {
      const [finding, ...rest] = await findingsOf(RULE, FILE, single(image));
      assert.equal(rest.length, 0);
      assert.ok(finding, 'the datastore is still reported');
      assert.equal(finding.fix, undefined);
    });
  }

  for (const c of fixes) {
    it(c.name, async () => {
      const found = await findingsOf(RULE, FILE, c.text);
      const finding = found.find((f) => f.message.includes(`'${c.service}'`));
      assert.ok(finding?.fix, 'expected a finding with a fix');
      const fixed = applyFix(c.text, finding);
      assert.deepEqual(parseYaml(fixed).problems, [], fixed);
      assert.ok(fixed.includes(c.inserted), `expected:\n${c.inserted}\nin:\n${fixed}`);
      if (c.text.includes('\r\n')) assert.equal(/[^\r]\n/.test(fixed), false, 'a bare LF in a CRLF file');
      const after = await findingsOf(RULE, FILE, fixed);
      assert.deepEqual(after.filter((f) => f.message.includes(`'${c.service}'`)).map((f) => f.message), []);
    });
  }
});

describe('missing-healthcheck: one finding for a dependency without a healthcheck', () => {
  const text = lines('services:', '  api:', '    build: .', '    depends_on: [cache, db]', '  worker:', '    build: .', '    depends_on:', '      cache:', '        condition: service_started', '  cache:', '    image: redis:7', '  db:', '    image: postgres:16', '    healthcheck:', '      test: ["CMD-SHELL", "pg_isready"]');

  it('names the dependents, and its fix makes those without a chosen condition wait until it is healthy', async () => {
    const [f, ...rest] = await findingsOf(RULE, FILE, text);
    assert.equal(rest.length, 0);
    assert.match(f.message, /^Redis datastore 'cache' has no healthcheck: api, worker depend on it/);
    const fixed = applyFix(text, f);
    assert.ok(fixed.includes(lines('    depends_on:', '      cache:', '        condition: service_healthy', '      db:', '        condition: service_healthy')), fixed);
    assert.ok(fixed.includes(lines('      cache:', '        condition: service_started', '  cache:')), 'an explicit service_started is kept');
    assert.deepEqual((await findingsOf('depends-on-without-condition', FILE, fixed)).map((x) => x.message), []);
  });

  it('is the only finding: depends-on-without-condition leaves the dependency to it', async () => {
    assert.deepEqual((await findingsOf('depends-on-without-condition', FILE, text)).map((x) => x.message), ["'api' depends on 'db' without condition: service_healthy: it starts as soon as that container starts, before it is ready"]);
  });
});

describe('missing-healthcheck across the files of a project', () => {
  const base = lines('services:', '  api:', '    build: ./api', '  db:', '    build: ./db');

  it('reports a service that only an override file depends on, in the file that defines it', async () => {
    const files = { '/w/compose.yaml': base, '/w/compose.override.yaml': lines('services:', '  web:', '    image: nginx:1.27', '    depends_on: [api]') };
    const found = await findingsInWorkspace(RULE, files);
    assert.ok(found.some((f) => /^Service 'api' has no healthcheck: web depends on it/.test(f.message)), found.map((f) => f.message).join('\n'));
    assert.deepEqual(await findingsInWorkspace(RULE, files, '/w/compose.override.yaml'), []);
  });

  it('does not count a dependent whose settings name other services and not this one (an app listing ZooKeeper beside the Kafka it uses)', async () => {
    const file = (env: string) => lines('services:', '  zookeeper:', '    image: confluentinc/cp-zookeeper:7.6.1', '  kafka:', '    image: confluentinc/cp-kafka:7.6.1', '    depends_on: [zookeeper]', '  app:', '    build: ./app', '    depends_on: [zookeeper, kafka]', '    environment:', `      ${env}`);
    const messages = async (env: string) => (await findingsInWorkspace(RULE, { '/w/compose.yaml': file(env) })).map((f) => f.message.split(':')[0] + ':' + f.message.split(':')[1]);
    assert.deepEqual(await messages('KAFKA_BROKERS: kafka:9092'), ["Zookeeper datastore 'zookeeper' has no healthcheck: nothing can tell when it is ready or hung", "Kafka datastore 'kafka' has no healthcheck: app depends on it but can only wait for its container to start, not for it to be ready"].map((m) => m.split(':')[0] + ':' + m.split(':')[1]));
    assert.equal((await messages('ZK_HOSTS: zookeeper:2181,KAFKA=kafka:9092')).length, 2);
    // A list of addresses in a plural variable (Go services' KAFKA_ADDRS, REDIS_ADDRESSES) names its hosts the same.
    assert.deepEqual(await messages('KAFKA_ADDRS: kafka:9092'), await messages('KAFKA_BROKERS: kafka:9092'));
  });

  it('reports a datastore built from a Dockerfile whose FROM is a database image, with its probe as the fix', async () => {
    const files = { '/w/compose.yaml': base, '/w/db/Dockerfile': 'FROM bitnami/postgresql:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n' };
    const [f] = await findingsInWorkspace(RULE, files);
    assert.match(f.message, /^Postgres datastore 'db' has no healthcheck/);
    assert.match(applyFix(base, f), /pg_isready/);
  });

  it('finds nothing when an override file adds the healthcheck', async () => {
    const files = {
      '/w/compose.yaml': lines('services:', '  db:', '    image: redis:7'),
      '/w/compose.override.yaml': lines('services:', '  db:', '    healthcheck:', '      test: ["CMD", "redis-cli", "ping"]'),
    };
    assert.deepEqual(await findingsInWorkspace(RULE, files), []);
  });

  const dependent = lines('services:', '  store:', '    build: ./store', '  init:', '    build: ./init', '    depends_on:', '      - store');

  it('finds nothing for a service whose Dockerfile has a HEALTHCHECK in its final stage, and its dependent may wait until it is healthy', async () => {
    const files = { '/w/compose.yaml': dependent, '/w/store/Dockerfile': 'FROM amazon/dynamodb-local:1.18.0\nHEALTHCHECK --interval=5s CMD curl -f http://localhost:8000 || exit 1\n' };
    assert.deepEqual(await findingsInWorkspace(RULE, files), []);
    const waits = await findingsInWorkspace('depends-on-without-condition', files);
    assert.deepEqual(waits.map((f) => f.message.split(':')[0]), ["'init' depends on 'store' without condition"]);
  });

  it("finds nothing for a pulled image that defines its own HEALTHCHECK (Harbor's), whose dependent may wait until it is healthy; reports the same setup on a stock image", async () => {
    const harbor = (image: string) => ({ '/w/compose.yaml': lines('services:', '  postgresql:', `    image: ${image}`, '  core:', '    image: goharbor/harbor-core:v2.10.0', '    depends_on:', '      - postgresql') });
    assert.deepEqual(await findingsInWorkspace(RULE, harbor('goharbor/harbor-db:v2.10.0')), []);
    assert.deepEqual((await findingsInWorkspace('depends-on-without-condition', harbor('goharbor/harbor-db:v2.10.0'))).map((f) => f.message.split(':')[0]), ["'core' depends on 'postgresql' without condition"]);
    assert.match((await findingsInWorkspace(RULE, harbor('postgres:16.4')))[0]?.message ?? '', /datastore 'postgresql' has no healthcheck/);
  });

  it('does not count a dev container that only idles (sleep infinity) as waiting on a datastore, and counts an application', async () => {
    const file = (command: string) => lines('services:', '  workspace:', '    image: mcr.microsoft.com/devcontainers/typescript-node:1-20', `    command: ${command}`, '    depends_on: [postgres]', '  postgres:', '    image: postgres:16.4');
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', file('sleep infinity')), []);
    assert.match((await findingsOf(RULE, 'docker-compose.yml', file('npm start')))[0]?.message ?? '', /has no healthcheck: workspace depends on it/);
  });

  it('takes set-up steps ended by an idle loop for idling, and a server sent to the background before one for an application', async () => {
    const file = (command: string) => lines('services:', '  workspace:', '    image: mcr.microsoft.com/devcontainers/python:3.12', `    command: ${command}`, '    depends_on: [postgres]', '  postgres:', '    image: postgres:16.4');
    for (const idle of ['/bin/sh -c "chown -R dev /src && while sleep 1000; do :; done"', 'bash -c "pip install -e . ; sleep infinity"', '"while true; do sleep 60; done"']) assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', file(idle)), [], idle);
    for (const app of ['sh -c "python server.py & sleep infinity"', 'sh -c "python server.py"']) assert.equal((await findingsOf(RULE, 'docker-compose.yml', file(app))).length, 1, app);
  });

  it('does not take an application for a datastore because it gets the database\'s variables and a named volume for its logs', async () => {
    const compose = lines('x-db-env: &db-env', '  POSTGRES_USER: plane', '  POSTGRES_PASSWORD: plane', '  POSTGRES_DB: plane', 'services:', '  api:', '    image: acme/plane-backend:1.2.0', '    command: ./bin/docker-entrypoint-api.sh', '    volumes:', '      - logs_api:/code/plane/logs', '    environment:', '      <<: *db-env', '  web:', '    image: acme/plane-frontend:1.2.0', '    depends_on:', '      - api', 'volumes:', '  logs_api:');
    const found = await findingsInWorkspace(RULE, { '/w/compose.yaml': compose });
    assert.deepEqual(found.map((f) => f.message.split(':')[0]), ["Service 'api' has no healthcheck"]);
  });

  it('gives a pulled image the HEALTHCHECK of the workspace build that makes it (another compose file builds it, its registry a variable)', async () => {
    const deploy = lines('services:', '  web:', '    image: acme/shop-web:${RELEASE:-stable}', '  proxy:', '    image: acme/shop-proxy:1.0.0', '    depends_on:', '      - web');
    const build = (registry: string) => lines('services:', '  web:', `    image: ${registry}/shop-web:\${RELEASE:-latest}`, '    build:', '      context: ../web');
    const files = (registry: string) => ({ 'compose.yaml': deploy, 'build/docker-compose.yml': build(registry), 'web/Dockerfile': 'FROM nginx:1.27-alpine\nHEALTHCHECK CMD wget -qO- http://127.0.0.1/ || exit 1\n' });
    assert.deepEqual((await diskFindings([RULE], files('${REGISTRY:-local}'))).filter((p) => p === 'compose.yaml'), []);
    // A build of another owner's image of the same last name says nothing of this one.
    assert.deepEqual((await diskFindings([RULE], files('other'))).filter((p) => p === 'compose.yaml'), ['compose.yaml']);
  });

  it('reports a datastore written the same in copies of the stack kept in several folders once, in the first file, naming the copies', async () => {
    const stack = (api: string) => lines('services:', '  redis:', '    image: redis:7.2', '  api:', `    build: ${api}`, '    depends_on: [redis]', '    healthcheck:', '      test: ["CMD", "true"]');
    const files = { '/w/docker-compose.yml': stack('./backend/api'), '/w/backend/docker-compose.yml': stack('./api') };
    const first = await findingsInWorkspace(RULE, files, '/w/backend/docker-compose.yml', true);
    assert.equal(first.length, 1);
    assert.match(first[0].message, /has no healthcheck \(nor in the copy of this stack in docker-compose\.yml\)/);
    assert.deepEqual(await findingsInWorkspace(RULE, files, '/w/docker-compose.yml', true), []);
    // A copy that has a healthcheck is no copy of the finding: both files judged on their own.
    const fixed = stack('./api').replace('    image: redis:7.2', '    image: redis:7.2\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]');
    assert.equal((await findingsInWorkspace(RULE, { ...files, '/w/backend/docker-compose.yml': fixed }, '/w/docker-compose.yml', true)).length, 1);
    // Two services' own files that each run the same Redis are no copies of one stack: each file is judged.
    const own = { '/w/orders/docker-compose.yml': stack('.'), '/w/users/docker-compose.yml': stack('.') };
    assert.equal((await findingsInWorkspace(RULE, own, '/w/users/docker-compose.yml', true)).length, 1);
  });

  it("takes Eventuate's and Oracle's MySQL images for images with a HEALTHCHECK, pulled or built on", async () => {
    const compose = (store: string[]) => lines('services:', '  zookeeper:', ...store, '  cdc:', '    image: acme/cdc:1.0.0', '    depends_on:', '      - zookeeper');
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': compose(['    image: eventuateio/eventuate-zookeeper:0.15.0.RELEASE']) }), []);
    const built = { '/w/compose.yaml': compose(['    build: ./zk']) };
    assert.deepEqual(await findingsInWorkspace(RULE, { ...built, '/w/zk/Dockerfile': 'ARG V\nFROM eventuateio/eventuate-mysql8:$V\nCOPY schema.sql /docker-entrypoint-initdb.d/\n' }), []);
    assert.equal((await findingsInWorkspace(RULE, { ...built, '/w/zk/Dockerfile': 'FROM mysql:8.0.36\nCOPY schema.sql /docker-entrypoint-initdb.d/\n' })).length, 1);
    // Oracle's MySQL server image copied into a registry mirror is the same image, HEALTHCHECK included.
    assert.deepEqual(await findingsInWorkspace(RULE, { ...built, '/w/zk/Dockerfile': 'FROM registry.example.cn/dockerhub_mirror/mysql-server:8.0.32\n' }), []);
    assert.equal((await findingsInWorkspace(RULE, { ...built, '/w/zk/Dockerfile': 'FROM registry.example.cn/dockerhub_mirror/mysql:8.0.32\n' })).length, 1);
  });

  it('reads the HEALTHCHECK of the stage compose builds (build.target), not of another stage', async () => {
    const dockerfile = 'FROM node:20 AS base\nCOPY . .\nFROM base AS backend\nCMD ["node", "main.js"]\nFROM base AS aio\nHEALTHCHECK CMD /bin/sh /healthcheck.sh\n';
    const compose = (target: string) => lines('services:', '  store:', '    build:', '      context: ./store', `      target: ${target}`, '  init:', '    build: ./init', '    depends_on:', '      - store');
    assert.match((await findingsInWorkspace(RULE, { '/w/compose.yaml': compose('backend'), '/w/store/Dockerfile': dockerfile }))[0]?.message ?? '', /Service 'store' has no healthcheck/);
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': compose('aio'), '/w/store/Dockerfile': dockerfile }), []);
  });

  it('follows a final stage that starts from an earlier stage with the HEALTHCHECK', async () => {
    const files = { '/w/compose.yaml': dependent, '/w/store/Dockerfile': 'FROM node:20 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base AS final\nCOPY . .\n' };
    assert.deepEqual(await findingsInWorkspace(RULE, files), []);
  });

  it('reports a service whose Dockerfile says HEALTHCHECK NONE, or has its HEALTHCHECK only in a build stage, or whose compose file disables it', async () => {
    const none = { '/w/compose.yaml': dependent, '/w/store/Dockerfile': 'FROM nginx:1.27\nHEALTHCHECK NONE\n' };
    assert.match((await findingsInWorkspace(RULE, none))[0]?.message ?? '', /^Service 'store' has no healthcheck: init depends on it/);
    const staged = { '/w/compose.yaml': dependent, '/w/store/Dockerfile': 'FROM golang:1.22 AS build\nHEALTHCHECK CMD true\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n' };
    assert.equal((await findingsInWorkspace(RULE, staged)).length, 1);
    const disabled = lines('services:', '  store:', '    build: ./store', '    healthcheck:', '      disable: true', '  init:', '    build: ./init', '    depends_on: [store]');
    const off = { '/w/compose.yaml': disabled, '/w/store/Dockerfile': 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\n' };
    assert.equal((await findingsInWorkspace(RULE, off)).length, 1);
  });

  it('reads the Dockerfile the build names, from its context', async () => {
    const text = lines('services:', '  store:', '    build:', '      context: .', '      dockerfile: docker/store.Dockerfile', '  init:', '    build: ./init', '    depends_on: [store]');
    const files = { '/w/compose.yaml': text, '/w/docker/store.Dockerfile': 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\n', '/w/Dockerfile': 'FROM nginx:1.27\n' };
    assert.deepEqual(await findingsInWorkspace(RULE, files), []);
  });

  it("probes the health route the service's code declares", async () => {
    const text = lines('services:', '  api:', '    build: ./api', '    expose: ["3000"]', '  web:', '    build: ./web', '    depends_on: [api]');
    const files = { '/w/compose.yaml': text, '/w/api/src/server.ts': "app.get('/api/healthz', (_req, res) => res.send('ok'));\n" };
    const [f] = await findingsInWorkspace(RULE, files);
    assert.equal(f.fix?.title, 'Add a HTTP /api/healthz healthcheck and make its dependents wait until it is healthy');
    assert.match(applyFix(text, f), /wget -qO- http:\/\/localhost:3000\/api\/healthz/);
  });

  it('leaves alone a tracing back end that an overlay file adds, when the overlay gives its dependent only a command (its ports are in the base file)', async () => {
    const base = lines('services:', '  collector:', '    image: otel/opentelemetry-collector-contrib:0.120.0', '    ports: ["4317:4317"]');
    const overlay = lines('services:', '  jaeger:', '    image: jaegertracing/jaeger:2.3.0', '    ports: ["16686:16686"]', '  collector:', '    command: ["--config=/conf/extra.yaml"]', '    depends_on: [jaeger]');
    assert.deepEqual(await findingsInWorkspace(RULE, { '/w/compose.yaml': base, '/w/compose.observability.yaml': overlay }, '/w/compose.observability.yaml'), []);
    // A provisioning script (a stock image running its own command, serving nothing) still waits on it.
    const script = overlay + lines('  importer:', '    image: acme/tiny-tools:1.0', '    entrypoint: /bin/sh import.sh', '    depends_on: [jaeger]');
    const [f] = await findingsInWorkspace(RULE, { '/w/compose.yaml': base, '/w/compose.observability.yaml': script }, '/w/compose.observability.yaml');
    assert.match(f.message, /Service 'jaeger' has no healthcheck: importer depends on it/);
  });

describe('missing-healthcheck with the scripts and Dockerfiles of the services', () => {
  it("reads a Dockerfile's dev command in exec form, and leaves out a dependent whose command waits with Confluent's cub kafka-ready", async () => {
    const compose = lines('services:', '  kafka:', '    image: confluentinc/cp-kafka:7.6.1', '  setup:', '    image: confluentinc/cp-kafka:7.6.1', '    command: cub kafka-ready -b kafka:9092 1 20 && kafka-topics --create --topic orders', '    depends_on: [kafka]', '  auth:', '    build: ./auth', '    depends_on: [kafka]');
    const files = { '/w/compose.yaml': compose, '/w/auth/Dockerfile': 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nCMD ["go", "run", "./cmd/auth"]\n' };
    assert.deepEqual(await findingsInWorkspace('missing-restart-policy', files), [], 'a development setup: the Dockerfile runs go run');
    const [dev] = await findingsInWorkspace(RULE, files);
    assert.match(dev.message, /Kafka datastore 'kafka' has no healthcheck: auth depends on it/, 'setup waits for kafka itself');
    const shipped = { ...files, '/w/auth/Dockerfile': 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /auth ./cmd/auth\nCMD ["/auth"]\n' };
    assert.equal((await findingsInWorkspace('missing-restart-policy', shipped)).length, 1);
  });

  it("leaves out a dependent whose entrypoint script waits for the datastore (environment filled in), and names one that does not", async () => {
    const compose = lines('services:', '  db:', '    image: mysql:8.4', '  users:', '    build: ./users', '    command: ./entrypoint.sh', '    environment:', '      DB_HOST: db', '    depends_on: [db]', '  orders:', '    build: ./orders', '    depends_on: [db]');
    const files = { '/w/compose.yaml': compose, '/w/users/Dockerfile': 'FROM python:3.12\n', '/w/users/entrypoint.sh': '#!/bin/sh\nwhile ! nc -z $DB_HOST 3306; do sleep 1; done\nexec gunicorn app\n', '/w/orders/Dockerfile': 'FROM python:3.12\n' };
    const [f, ...rest] = await findingsInWorkspace(RULE, files);
    assert.equal(rest.length, 0);
    assert.match(f.message, /Mysql datastore 'db' has no healthcheck: orders depends on it/);
  });

  it('leaves out a server-rendered web front end (Next.js) as a dependent of an application, not of a datastore', async () => {
    const compose = lines('services:', '  ui:', '    build: ./ui', '    depends_on: [users, db]', '  users:', '    build: ./users', '  db:', '    image: postgres:16.4');
    const files = (pkg: string) => ({ '/w/compose.yaml': compose, '/w/ui/package.json': pkg, '/w/ui/Dockerfile': 'FROM node:22\n', '/w/users/Dockerfile': 'FROM node:22\n' });
    const next = await findingsInWorkspace(RULE, files('{"dependencies": {"next": "15.1.0"}}'));
    assert.deepEqual(next.map((f) => f.message.split(':')[0]), ["Postgres datastore 'db' has no healthcheck"]);
    const plain = await findingsInWorkspace(RULE, files('{"dependencies": {"express": "4.21.0"}}'));
    assert.deepEqual(plain.map((f) => f.message.split(':')[0]).sort(), ["Postgres datastore 'db' has no healthcheck", "Service 'users' has no healthcheck"]);
  });

  it('leaves out a Python web UI (Gradio, Streamlit) as a dependent of an application, found by the requirements beside its Dockerfile', async () => {
    const compose = lines('services:', '  chatbot:', '    build:', '      context: ./', '      dockerfile: src/chatbot/Dockerfile', '    depends_on: [agent]', '  agent:', '    build: ./src/agent');
    const files = (requirements: string) => ({ '/w/compose.yaml': compose, '/w/src/chatbot/Dockerfile': 'FROM python:3.12\n', '/w/src/chatbot/requirements.txt': requirements, '/w/src/agent/Dockerfile': 'FROM python:3.12\n' });
    assert.deepEqual(await findingsInWorkspace(RULE, files('gradio==6.24.0 \\\n    --hash=sha256:00\nrequests==2.32.3\n')), []);
    assert.deepEqual(await findingsInWorkspace(RULE, files('streamlit>=1.40\n')), []);
    const api = await findingsInWorkspace(RULE, files('fastapi==0.115.0\n# via gradio\n'));
    assert.deepEqual(api.map((f) => f.message.split(':')[0]), ["Service 'agent' has no healthcheck"]);
  });

  it('takes a pulled image named after a Next.js folder beside the compose file (its published build) for that front end, and not one named after a server folder', async () => {
    const compose = (image: string) => lines('services:', '  ui:', `    image: ghcr.io/acme/${image}:2.0.0`, '    depends_on: [api]', '  api:', '    build: ./api');
    const files = (image: string) => ({ '/w/compose.yaml': compose(image), '/w/keep-ui/package.json': '{"dependencies": {"next": "15.5.9"}}', '/w/api/Dockerfile': 'FROM python:3.12\n', '/w/api/package.json': '{"dependencies": {"express": "4.21.0"}}' });
    assert.deepEqual(await findingsInWorkspace(RULE, files('keep-ui')), []);
    assert.deepEqual((await findingsInWorkspace(RULE, files('api-gateway'))).map((f) => f.message.split(':')[0]), ["Service 'api' has no healthcheck"]);
  });

  it('leaves out a web front end configured only with browser-bundle variables (REACT_APP_*, VITE_*), pulled or built', async () => {
    const compose = (env: string[]) => lines('services:', '  web:', '    image: ghcr.io/acme/web:1.4.0', '    environment:', ...env, '    depends_on: [api]', '  api:', '    build: ./api');
    const files = (env: string[]) => ({ '/w/compose.yaml': compose(env), '/w/api/Dockerfile': 'FROM node:22\n' });
    assert.deepEqual(await findingsInWorkspace(RULE, files(['      REACT_APP_API_URL: ${API_ROOT_URL}', '      VITE_WS_URL: ws://localhost:3002'])), []);
    // One server-side variable makes it a server that may call the application itself.
    const server = await findingsInWorkspace(RULE, files(['      REACT_APP_API_URL: ${API_ROOT_URL}', '      API_INTERNAL_URL: http://api:3000']));
    assert.deepEqual(server.map((f) => f.message.split(':')[0]), ["Service 'api' has no healthcheck"]);
  });

  it('reports a datastore whose only dependents wait for it themselves as information naming them, and one nobody depends on as a warning', async () => {
    const compose = (command: string) => lines('services:', '  db:', '    image: postgres:16', '  web:', '    build: .', `    command: ${command}`, '    depends_on: [db]');
    const waited = await findingsOf(RULE, FILE, compose("bash -c 'while !</dev/tcp/db/5432; do sleep 1; done; uwsgi app.ini'"));
    assert.deepEqual(waited.map((f) => [f.severity, f.message.split(': ')[1]]), [['information', 'web waits for it itself, but nothing else can tell when it is ready or hung']]);
    const alone = await findingsOf(RULE, FILE, lines('services:', '  db:', '    image: postgres:16', '  web:', '    build: .'));
    assert.deepEqual(alone.map((f) => [f.severity, f.message.split(': ')[1]]), [['warning', 'nothing can tell when it is ready or hung']]);
  });

  it('leaves out a reverse proxy built from an nginx image, and an application in a development setup', async () => {
    const compose = (dev: string[]) => lines('services:', '  gateway:', '    build: ./gateway', '    depends_on: [users]', '  users:', '    build: ./users', ...dev, '  orders:', '    build: ./orders', ...dev, '    depends_on: [users]');
    const files = (dev: string[]) => ({ '/w/compose.yaml': compose(dev), '/w/gateway/Dockerfile': 'FROM nginx:1.27-alpine\n', '/w/users/Dockerfile': 'FROM node:22\n', '/w/orders/Dockerfile': 'FROM node:22\n' });
    const deployed = await findingsInWorkspace(RULE, files([]));
    assert.deepEqual(deployed.map((f) => [f.severity, f.message.split(':')[1].trim()]), [['warning', 'orders depends on it but can only wait for its container to start, not for it to be ready']]);
    const dev = await findingsInWorkspace(RULE, files(['    command: npm run dev']));
    assert.deepEqual(dev.map((f) => f.severity), []);
  });
});
});
