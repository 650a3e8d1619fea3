import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTestComposePath } from '../../../server/src/core/compose/testSetup';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { findingsInWorkspace } from './workspaceHelpers';
import { lines } from './helpers';

const STACK = lines('services:', '  sut:', '    build: ./tests/', '    depends_on: [api]', '  api:', '    build: ../api', '    depends_on: [db]', '  db:', '    image: postgres:latest');

/** Every rule's findings on one compose file of an in-memory workspace under /w. */
async function allFindings(files: Record<string, string>, path: string, config = new EffectiveConfig(DEFAULT_SETTINGS)) {
  const workspace = new WorkspaceIndex({ root: '/w', fs: memoryFs(files) });
  return (await analyzeSource({ source: makeSource(path, files[path], 'compose'), config, workspace })).findings;
}

describe('compose files that exist to run tests', () => {
  it('recognizes test setups by the words of their name or by a test folder', () => {
    for (const p of ['/w/result/docker-compose.test.yml', '/w/compose.test.yaml', '/w/docker-compose.ci.yml', '/w/docker-compose-e2e.yml', '/w/docker-compose.integration-tests.yml', '/w/test.compose.yaml', '/w/docker-compose.it.yml', '/w/e2e/docker-compose.yml', '/w/svc/src/test/resources/compose.yaml', '/w/.ci/compose.cypress.yaml', '/w/ci/docker-compose.yml', '/w/docker/testing/compose.yml', '/w/.github/workflows/cluster-test/mysql/docker-compose-base.yaml', '/w/.gitlab/compose.yml']) {
      assert.ok(isTestComposePath(p, '/w'), p);
    }
  });

  it("takes a tutorial's or workshop's compose files (a lesson's snapshot of the stack) for no deployment, and not an ML training service's", () => {
    for (const p of ['/w/gomall/tutorial/ch12/docker-compose.yaml', '/w/workshops/part-2/compose.yaml', '/w/course/lesson-3/docker-compose.yml', '/w/examples/online_store/milvus_tutorial/docker-compose.yml', '/w/examples/pgvector-tutorial/compose.yaml']) assert.ok(isTestComposePath(p, '/w'), p);
    for (const p of ['/w/training/docker-compose.yml', '/w/tutorial-service/docker-compose.yml']) assert.ok(!isTestComposePath(p, '/w'), p);
  });

  it('leaves deployment files alone, including names that only contain a test word inside another word', () => {
    for (const p of ['/w/docker-compose.yml', '/w/docker-compose.prod.yml', '/w/docker-compose.latest.yml', '/w/docker-compose.testnet.yml', '/w/docker-compose-load.yaml', '/w/docker-compose.local.yaml', '/w/contest/docker-compose.yml', '/w/circle/docker-compose.yml', '/w/github/docker-compose.yml']) {
      assert.ok(!isTestComposePath(p, '/w'), p);
    }
  });

  it('gets no deployment findings, while the same file under a deployment name gets them', async () => {
    const test = await allFindings({ '/w/result/docker-compose.test.yml': STACK }, '/w/result/docker-compose.test.yml');
    assert.deepEqual(test.map((f) => f.ruleId), []);
    const deployed = new Set((await allFindings({ '/w/result/docker-compose.yml': STACK }, '/w/result/docker-compose.yml')).map((f) => f.ruleId));
    for (const rule of ['missing-healthcheck', 'missing-restart-policy', 'missing-resource-limits', 'unpinned-image']) assert.ok(deployed.has(rule), rule);
  });

  it('takes a file whose project is named for tests (name: shop-test) for a test setup, and not one named for the product', async () => {
    const stack = (name: string) => lines(`name: ${name}`, 'services:', '  api:', '    build: ./api', '    depends_on: [db]', '  db:', '    image: postgres:latest');
    assert.deepEqual((await allFindings({ '/w/stack.yaml': stack('documenso-test') }, '/w/stack.yaml')).map((f) => f.ruleId), []);
    assert.ok((await allFindings({ '/w/stack.yaml': stack('documenso') }, '/w/stack.yaml')).length > 0);
  });

  it('takes a file that runs a browser test runner (a cypress service, a Playwright image, a Dockerfile.cypress build) for a test setup', async () => {
    const stack = (runner: string[]) => lines('services:', '  api:', '    build: ./api', '    depends_on: [db]', '  db:', '    image: postgres:latest', ...runner);
    for (const runner of [['  cypress:', '    build: ./e2e'], ['  e2e-runner:', '    image: mcr.microsoft.com/playwright:v1.44.0-jammy'], ['  runner:', '    build:', '      context: .', '      dockerfile: .ci/Dockerfile.cypress']]) {
      assert.deepEqual((await allFindings({ '/w/stack.yaml': stack(runner) }, '/w/stack.yaml')).map((f) => f.ruleId), [], runner.join(' '));
    }
    assert.ok((await allFindings({ '/w/stack.yaml': stack(['  web:', '    build: ./web']) }, '/w/stack.yaml')).length > 0);
  });

  it('takes a file whose every service (or container) is named for tests for a test setup, and not a file with one such service', async () => {
    const autotest = lines('services:', '  users-db-autotest:', '    image: mongo:latest', '    ports: ["27017:27017"]', '  cache:', '    image: redis:latest', '    container_name: users-cache-autotest');
    assert.deepEqual((await allFindings({ '/w/users/docker-compose.yaml': autotest }, '/w/users/docker-compose.yaml')).map((f) => f.ruleId), []);
    const mixed = autotest.replace('    container_name: users-cache-autotest\n', '');
    assert.ok((await allFindings({ '/w/users/docker-compose.yaml': mixed }, '/w/users/docker-compose.yaml')).some((f) => f.ruleId === 'unpinned-image'));
  });

  it('takes a file whose only programs are test runners, beside the datastores and brokers they test against, for a test setup', async () => {
    const ci = lines('services:', '  snuba-test:', '    image: "$APP_IMAGE"', '    command: make test', '    depends_on: [kafka, clickhouse]', '  kafka:', '    image: ghcr.io/acme/image-mirror-confluentinc-cp-kafka:6.2.0', '  clickhouse:', '    image: ghcr.io/acme/image-mirror-altinity-clickhouse-server:25.8', '    mem_limit: 2g', '  clickhouse-query:', '    image: "${CLICKHOUSE_IMAGE:-ghcr.io/acme/image-mirror-altinity-clickhouse-server:25.8}"');
    assert.deepEqual((await allFindings({ '/w/docker-compose.gcb.yml': ci }, '/w/docker-compose.gcb.yml')).map((f) => f.ruleId), []);
    // The application itself beside them: a deployment with a test service.
    const withApp = ci.replace('services:\n', 'services:\n  api:\n    image: acme/api:latest\n');
    assert.ok((await allFindings({ '/w/docker-compose.gcb.yml': withApp }, '/w/docker-compose.gcb.yml')).some((f) => f.ruleId === 'unpinned-image'));
  });

  it('still gets a hardcoded token: a real credential is a leak wherever it is written', async () => {
    const token = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    const text = lines('services:', '  sut:', '    image: alpine:3.20', '    environment:', `      GITHUB_TOKEN: ${token}`);
    assert.deepEqual((await allFindings({ '/w/docker-compose.ci.yml': text }, '/w/docker-compose.ci.yml')).map((f) => f.ruleId), ['hardcoded-secret']);
  });

  it('adds no services to the model: a test overlay beside the base makes no dependency of the base file', async () => {
    const base = lines('services:', '  api:', '    build: ./api');
    const overlay = lines('services:', '  sut:', '    build: ./tests', '    depends_on: [api]');
    assert.deepEqual(await findingsInWorkspace('missing-healthcheck', { '/w/compose.yaml': base, '/w/compose.test.yaml': overlay }), []);
    const found = await findingsInWorkspace('missing-healthcheck', { '/w/compose.yaml': base, '/w/compose.prod.yaml': overlay });
    assert.match(found[0]?.message ?? '', /^Service 'api' has no healthcheck: sut depends on it/);
  });

  it('is judged again when scope.backend in the config file names it', async () => {
    const config = new EffectiveConfig(DEFAULT_SETTINGS, { scope: { backend: ['result/docker-compose.test.yml'] } });
    const found = await allFindings({ '/w/result/docker-compose.test.yml': STACK }, '/w/result/docker-compose.test.yml', config);
    assert.ok(found.some((f) => f.ruleId === 'missing-healthcheck'), found.map((f) => f.ruleId).join(', '));
  });
});
