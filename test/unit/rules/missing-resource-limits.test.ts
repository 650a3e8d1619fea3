import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { runCases } from './composeCases';
import { findingsInWorkspace } from './workspaceHelpers';

const RULE = 'missing-resource-limits';

describe(RULE, () => {
  runCases(RULE, [
    { name: 'finds nothing for one-shot jobs (a migration, a database initializer, a job awaited to completion, a profile-only job), and reports the long-running service beside them', text: lines('services:', '  api:', '    build: .', '    mem_limit: 512m', '    depends_on:', '      prepare:', '        condition: service_completed_successfully', '  db-migrate:', '    build: ./migrations', '  initdb:', '    image: mongo:7.0.12', '  prepare:', '    build: ./prepare', '  worker:', '    build: ./worker'), expect: ["'worker' has no memory limit"] },
    { name: 'reports a service without any limit', text: lines('services:', '  api:', '    build: .'), expect: ["'api' has no memory limit"] },
    { name: 'finds nothing in a development setup (the built service runs the mounted source, under reflex), and reports a service that ships its code', text: lines('services:', '  api:', '    build: docker/app', '    command: reflex -c /reflex.conf', '  cache:', '    image: redis:7.2'), expect: [] },
    { name: 'finds nothing in a development setup whose applications run the mounted source in a stock runtime image', text: lines('services:', '  orders:', '    image: node:18.20-alpine', '    working_dir: /app', '    volumes:', '      - ./orders:/app', '    command: npm start', '  kafka:', '    image: bitnami/kafka:3.6.1'), expect: [] },
    { name: 'reports once, naming them all, the services of a file where no service has a memory limit (one cause: the file)', text: lines('services:', '  api:', '    build: .', '  cache:', '    image: redis:7.2'), expect: ["No service of this file has a memory limit ('api', 'cache')"] },
    { name: 'reports each service without a memory limit when another service of the file has one (each is an oversight)', text: lines('services:', '  api:', '    build: .', '    mem_limit: 512m', '  worker:', '    build: ./worker', '  cache:', '    image: redis:7.2'), expect: ["'worker' has no memory limit", "'cache' has no memory limit"] },
    { name: 'finds nothing for a memory limit without a CPU limit', text: lines('services:', '  api:', '    build: .', '    deploy:', '      resources:', '        limits:', '          memory: 512M'), expect: [] },
    { name: 'reports a CPU limit without a memory limit', text: lines('services:', '  api:', '    build: .', '    cpus: 0.5'), expect: ["'api' has no memory limit"] },
    { name: 'finds nothing with deploy.resources.limits for memory and cpus', text: lines('services:', '  api:', '    build: .', '    deploy:', '      resources:', '        limits:', "          cpus: '0.5'", '          memory: 512M'), expect: [] },
    { name: 'finds nothing with the service-level mem_limit and cpus', text: lines('services:', '  api:', '    build: .', '    mem_limit: 512m', '    cpus: 0.5'), expect: [] },
  ]);
});

describe('missing-resource-limits across included and overlay files', () => {
  const files = {
    '/w/app/compose.yaml': lines('include:', '  - ../orders/compose.yaml'),
    '/w/app/compose.tracing.yaml': lines('services:', '  orders:', '    environment:', '      OTEL_SERVICE_NAME: orders'),
    '/w/orders/compose.yaml': lines('services:', '  orders:', '    build: .'),
  };

  it('reports a service on the included file that gives it its build, not on an overlay that only adds settings', async () => {
    assert.deepEqual((await findingsInWorkspace('missing-resource-limits', files, '/w/orders/compose.yaml')).map((f) => f.message), ["'orders' has no memory limit: a leak in it can starve every other service on the host (set deploy.resources.limits.memory)"]);
    assert.deepEqual(await findingsInWorkspace('missing-resource-limits', files, '/w/app/compose.tracing.yaml'), []);
  });
});

describe('missing-resource-limits across variants of one stack', () => {
  // Two files run on their own (the proxy variant restates the base's services in full), both without limits.
  const base = lines('services:', '  mongo:', '    image: mongo:7.0.12', '  app:', '    image: acme/app:2.1.0', '    depends_on: [mongo]');
  const proxy = lines('services:', '  mongo:', '    image: mongo:7.0.12', '  app:', '    image: acme/app:2.1.0', '    depends_on: [mongo]', '  proxy:', '    image: acme/proxy:1.0.0', '    depends_on: [app]');
  const files = { '/w/docker-compose.yml': base, '/w/docker-compose.proxy.yml': proxy };

  it('reports a file-wide gap that a variant beside the base repeats once, in the base file, naming the variant', async () => {
    const [f, ...rest] = await findingsInWorkspace('missing-resource-limits', files, '/w/docker-compose.yml');
    assert.equal(rest.length, 0);
    assert.match(f.message, /^No service of this file has a memory limit \('mongo', 'app'; the same in docker-compose\.proxy\.yml beside it\)/);
    assert.ok(f.related?.some((r) => r.path === '/w/docker-compose.proxy.yml'));
    assert.deepEqual(await findingsInWorkspace('missing-resource-limits', files, '/w/docker-compose.proxy.yml'), []);
  });

  it('reports the gap once for copies of the stack kept in other folders, naming them by path, and not for two stacks that only share a datastore', async () => {
    const copies = { '/w/install/plain/docker-compose.yml': base, '/w/install/traefik/docker-compose.yml': base };
    const [f, ...rest] = await findingsInWorkspace('missing-resource-limits', copies, '/w/install/plain/docker-compose.yml', true);
    assert.equal(rest.length, 0);
    assert.match(f.message, /\('mongo', 'app'; the same in install\/traefik\/docker-compose\.yml\)/);
    assert.deepEqual(await findingsInWorkspace('missing-resource-limits', copies, '/w/install/traefik/docker-compose.yml', true), []);
    const other = { '/w/orders/docker-compose.yml': base, '/w/users/docker-compose.yml': base.replace('acme/app:2.1.0', 'acme/users:1.0.0') };
    assert.equal((await findingsInWorkspace('missing-resource-limits', other, '/w/users/docker-compose.yml', true)).length, 1);
  });

  it('keeps the variant its own finding when it sets a limit somewhere, or lacks a service of the base', async () => {
    const limited = proxy.replace('    image: acme/proxy:1.0.0\n', '    image: acme/proxy:1.0.0\n    mem_limit: 256m\n');
    assert.match((await findingsInWorkspace('missing-resource-limits', { ...files, '/w/docker-compose.proxy.yml': limited }, '/w/docker-compose.yml'))[0].message, /\('mongo', 'app'\): a leak/);
    const other = lines('services:', '  cache:', '    image: redis:7.4.0', '  worker:', '    image: acme/worker:2.1.0');
    assert.equal((await findingsInWorkspace('missing-resource-limits', { ...files, '/w/docker-compose.proxy.yml': other }, '/w/docker-compose.proxy.yml')).length, 1);
  });
});
