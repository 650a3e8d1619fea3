import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf } from './helpers';
import { lines } from './helpers';
import { runCases, runFixes } from './composeCases';
import { systemFindings } from './serviceHelpers';

const RULE = 'depends-on-without-condition';
const db = ['  db:', '    image: postgres:16', '    healthcheck:', '      test: ["CMD-SHELL", "pg_isready"]'];

describe(RULE, () => {
  runCases(RULE, [
    { name: 'reports the list form of depends_on on a service with a healthcheck', text: lines('services:', '  api:', '    build: .', '    depends_on: [db]', ...db), expect: ["'api' depends on 'db' without condition: service_healthy"] },
    { name: "finds nothing for a registry's browser (docker-registry-ui) that shows what it finds when a person opens it", text: lines('services:', '  registry-ui:', '    image: joxit/docker-registry-ui:2.5.7', '    depends_on: [db]', ...db), expect: [] },
    { name: 'finds nothing for a ClickHouse browser (ch-ui) that connects when a person opens it', text: lines('services:', '  ch-ui:', '    image: ghcr.io/caioricciuti/ch-ui:1.6.4', '    depends_on: [db]', ...db), expect: [] },
    { name: 'finds nothing for Redpanda Console, a Kafka browser', text: lines('services:', '  console:', '    image: docker.redpanda.com/redpandadata/console:v2.7.2', '    depends_on: [db]', ...db), expect: [] },
    { name: 'finds nothing for a dependency the dependent waits for in its own command (until nc -z db 5432), and reports one it does not wait for', text: lines('services:', '  worker:', '    build: ./worker', '    command: sh -c "until nc -z db 5432; do sleep 1; done; ./main"', '    depends_on: [db, cache]', ...db, '  cache:', '    image: redis:7.2', '    healthcheck:', '      test: ["CMD", "redis-cli", "ping"]'), expect: ["'worker' depends on 'cache' without condition"] },
    { name: 'finds nothing for a reverse proxy (nginx) that connects per request, nor for a CLI box that only idles (sleep infinity)', text: lines('services:', '  proxy:', '    image: nginx:1.27.0', '    depends_on: [db]', '  nats-box:', '    image: natsio/nats-box:0.14.3', '    command: sleep infinity', '    depends_on: [db]', ...db), expect: [] },
    { name: 'finds nothing for an admin tool (Adminer) that connects when a person logs in, and reports the application beside it', text: lines('services:', '  adminer:', '    image: adminer:4.8.1', '    depends_on: [db]', '  api:', '    build: .', '    depends_on: [db]', ...db), expect: ["'api' depends on 'db' without condition: service_healthy"] },
    { name: 'finds nothing for an explicit condition: service_started (a choice)', text: lines('services:', '  api:', '    build: .', '    depends_on:', '      db:', '        condition: service_started', ...db), expect: [] },
    { name: 'reports a map entry without a condition', text: lines('services:', '  api:', '    build: .', '    depends_on:', '      db:', '        restart: true', ...db), expect: ["'api' depends on 'db'"] },
    { name: 'leaves a dependency without a healthcheck to missing-healthcheck (one cause, one finding)', text: lines('services:', '  api:', '    build: .', '    depends_on: [cache]', '  cache:', '    image: redis:7'), expect: [] },
    { name: 'reports every waiting dependency of a service in one finding', text: lines('services:', '  api:', '    build: .', '    depends_on:', '      - db', '      - cache', ...db, '  cache:', '    image: redis:7', '    healthcheck:', '      test: ["CMD", "redis-cli", "ping"]'), expect: ["'api' depends on 'db', 'cache'"] },
    { name: 'reports only the dependencies that have a healthcheck', text: lines('services:', '  api:', '    build: .', '    depends_on: [db, cache]', ...db, '  cache:', '    image: redis:7'), expect: ["'api' depends on 'db' without"] },
    { name: 'finds nothing when the condition is service_healthy', text: lines('services:', '  api:', '    build: .', '    depends_on:', '      db:', '        condition: service_healthy', ...db), expect: [] },
    { name: 'finds nothing for a one-shot job awaited with service_completed_successfully', text: lines('services:', '  api:', '    build: .', '    depends_on:', '      migrate:', '        condition: service_completed_successfully', '  migrate:', '    build: .'), expect: [] },
    { name: 'finds nothing for a datastore with no probe and no healthcheck (kafka)', text: lines('services:', '  api:', '    build: .', '    depends_on: [kafka]', '  kafka:', '    image: bitnami/kafka:3.7'), expect: [] },
    { name: 'finds nothing for waiting on a tracing back end that has a healthcheck (spans are sent in the background)', text: lines('services:', '  api:', '    build: .', '    depends_on: [jaeger]', '  jaeger:', '    image: jaegertracing/all-in-one:1.57', '    healthcheck:', '      test: ["CMD", "wget", "-qO-", "http://localhost:14269/"]'), expect: [] },
    { name: 'reports a script that provisions a monitoring back end with a healthcheck waiting only for it to start', text: lines('services:', '  importer:', '    image: acme/tiny-tools', '    command: ["sh", "import.sh"]', '    depends_on: [grafana]', '  grafana:', '    image: grafana/grafana', '    healthcheck:', '      test: ["CMD", "wget", "-qO-", "http://localhost:3000/api/health"]'), expect: ["'importer' depends on 'grafana' without"] },
    { name: 'reports waiting on an application with a healthcheck beside a tracing back end', text: lines('services:', '  web:', '    build: .', '    depends_on: [api, jaeger]', '  api:', '    build: ./api', '    healthcheck:', '      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]', '  jaeger:', '    image: jaegertracing/all-in-one:1.57', '    healthcheck:', '      test: ["CMD", "wget", "-qO-", "http://localhost:14269/"]'), expect: ["'web' depends on 'api' without"] },
    { name: 'finds nothing for a stock datastore listed after another kind of datastore (ClickHouse after Postgres: ordering only), and reports a Kafka broker waiting on ZooKeeper', text: lines('services:', '  clickhouse:', '    image: clickhouse/clickhouse-server:24.3', '    depends_on: [db]', ...db, '  zookeeper:', '    image: zookeeper:3.9', '    healthcheck:', '      test: ["CMD", "zkOk.sh"]', '  kafka:', '    image: bitnami/kafka:3.7', '    depends_on: [zookeeper]'), expect: ["'kafka' depends on 'zookeeper' without"] },
    { name: "finds nothing for the node that creates a Bitnami Redis cluster (it pings every node itself; their health needs the cluster it creates)", text: lines('services:', '  redis-node-0:', '    image: bitnami/redis-cluster:7.0', '    healthcheck:', '      test: ["CMD-SHELL", "redis-cli cluster info | grep -q cluster_state:ok"]', '  redis-node-1:', '    image: docker.io/bitnamilegacy/redis-cluster:8.0', '    depends_on: [redis-node-0]', '    environment:', '      REDIS_CLUSTER_CREATOR: "yes"'), expect: [] },
    { name: 'finds nothing for a dependency defined nowhere', text: lines('services:', '  api:', '    build: .', '    depends_on: [elsewhere]'), expect: [] },
  ]);
  runFixes(RULE, [
    { name: 'rewrites the list form to the long form with condition: service_healthy', text: lines('services:', '  api:', '    build: .', '    depends_on: [db]', ...db), contains: lines('    depends_on:', '      db:', '        condition: service_healthy') },
    {
      name: 'keeps the other keys of a map entry and the condition of dependencies that cannot be healthy',
      text: lines('services:', '  api:', '    build: .', '    depends_on:', '      db:', '        restart: true', '      kafka:', '        condition: service_started', ...db, '  kafka:', '    image: bitnami/kafka:3.7'),
      contains: lines('      db:', '        restart: true', '        condition: service_healthy', '      kafka:', '        condition: service_started'),
    },
  ]);

  it('reports a file that never writes a condition once, on its services key, naming each dependent, with one fix for all', async () => {
    const text = lines('services:', '  api:', '    build: ./api', '    depends_on: [db]', '  worker:', '    build: ./worker', '    depends_on: [db]', ...db);
    const f = await findingsOf(RULE, 'docker-compose.yml', text);
    assert.equal(f.length, 1, f.map((x) => x.message).join('\n'));
    assert.match(f[0].message, /^No service of this file waits for its dependencies to be healthy \('api', 'worker'\)/);
    assert.equal(f[0].range.start.line, 0);
    assert.deepEqual(f[0].related?.map((r) => r.message), ["'api' depends on 'db'", "'worker' depends on 'db'"]);
    // A file that writes a condition somewhere chose them: each service without one is an oversight of its own.
    const chosen = text.replace('    depends_on: [db]\n  worker:', "    depends_on:\n      db:\n        condition: service_started\n  worker:");
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', chosen)).map((x) => x.message.split(':')[0]), ["'worker' depends on 'db' without condition"]);
  });
});

describe(`${RULE} of a server-rendered web front end`, () => {
  const api = ['  api:', '    build: ./api', '    healthcheck:', '      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]'];
  const compose = lines('services:', '  ui:', '    build: ./frontend', '    depends_on: [api, db]', ...api, ...db);
  it('leaves the applications a Next.js server calls per request alone, and reports the datastore it waits on', async () => {
    const f = await systemFindings([RULE], { '/w/docker-compose.yml': compose, '/w/frontend/package.json': '{"dependencies": {"next": "15.1.0", "react": "19.0.0"}}', '/w/frontend/Dockerfile': 'FROM node:22\nCMD ["node", "server.js"]\n' });
    assert.deepEqual(f.map((x) => x.message.split(':')[0]), ["'ui' depends on 'db' without condition"]);
  });
  it('reports both for a front end that is no server-rendered framework (a Vite build served by Node)', async () => {
    const f = await systemFindings([RULE], { '/w/docker-compose.yml': compose, '/w/frontend/package.json': '{"dependencies": {"vite": "6.0.0"}}', '/w/frontend/Dockerfile': 'FROM node:22\nCMD ["node", "server.js"]\n' });
    assert.deepEqual(f.map((x) => x.message.split(':')[0]), ["'ui' depends on 'api', 'db' without condition"]);
  });
});
