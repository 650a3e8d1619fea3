import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTestPath } from '../../../server/src/core/code/testFiles';

describe('isTestPath', () => {
  it('knows test files by name, Cypress and Playwright included', () => {
    for (const p of ['/w/a.test.ts', '/w/a.spec.js', '/w/create_spec.js', '/w/login.cy.ts', '/w/cypress.config.js', '/w/playwright.config.ts', '/w/x_test.go', '/w/test_x.py', '/w/netbox/configuration_testing.py', '/w/FooTest.java']) assert.ok(isTestPath(p, '/w'), p);
  });

  it('knows end-to-end test files, Jest setup files and __e2e__ folders, and not names that merely hold e2e', () => {
    for (const p of ['/w/src/webhooks/webhooks.e2e.ts', '/w/sdk/jest.e2e-global-setup.ts', '/w/jest.setup.js', '/w/sdk/src/v1/examples/__e2e__/harness.ts', '/w/.semgrep/security/requests/no-use-requests-lib.py']) assert.ok(isTestPath(p, '/w'), p);
    for (const p of ['/w/src/e2e-client.ts', '/w/src/jester.ts', '/w/src/jest.ts', '/w/src/mockery.ts', '/w/src/mock-server.ts']) assert.equal(isTestPath(p, '/w'), false, p);
  });

  it('knows test folders inside the workspace, and not the folders above it', () => {
    for (const p of ['/w/.github/workflows/ui-tests/helpers.js', '/w/cypress/support/commands.js', '/w/e2e/login.js', '/w/src/test/java/A.java', '/w/loadtest/k8s/mock-llm.yaml', '/w/load-tests/users.js', '/w/.github/actions/notify/index.js', '/w/.circleci/k8s/db.yaml', '/w/internal/mocks/mock_oidc_server.go', '/w/src/__mocks__/axios.ts', '/w/acceptance/support/http.ts', '/w/packages/connectors/alipay/src/mock.ts', '/w/src/api.mock.ts', '/w/go/shared/libs/test_utils.go', '/w/src/test-helpers.ts', '/w/unittests/scans/conftest/many.yaml', '/w/unit_tests/a.py', '/w/.woodpecker/scan.yaml', '/w/.drone/stack.yml', '/w/apps/api/vitest-e2e.setup.ts', '/w/apps/api/vitest.setup.ts', '/w/common/persistence/persistence-tests/setup.go', '/w/scripts/proxy-test/docker-compose.yml', '/w/backend/stacktraces/test-files/lodash.min.js', '/w/packages/mock-otel-server/src/index.ts', '/w/jeecg-visual/jeecg-cloud-test/seata-order/src/main/java/App.java', '/w/shenyu-e2e/shenyu-e2e-case/k8s/admin.yml']) assert.ok(isTestPath(p, '/w'), p);
    assert.equal(isTestPath('/w/payload/k8s/api.yaml', '/w'), false, 'a folder that only ends like load');
    for (const p of ['/tests/w/app.py', '/w/src/mockingbird/app.ts', '/w/src/inspector.ts', '/w/contest/app.js', '/w/latest_spec_notes.md']) assert.equal(isTestPath(p, p.startsWith('/tests') ? '/tests/w' : '/w'), false, p);
  });

  it('knows Gradle test source sets and end-to-end or integration test folders, and not source sets that merely contain Test', () => {
    for (const p of ['/w/e2e/src/endToEndTest/java/A.java', '/w/svc/src/integrationTest/java/B.java', '/w/end-to-end-tests/src/main/java/C.java', '/w/integration_tests/d.py', '/w/_integration-test/custom-ca-roots/check.py', '/w/_tests/util.py', '/w/docker/testing/seed.ts', '/w/api/e2etests/seed_data.py', '/w/packages/shared/src/server/test-utils/factory.ts', '/w/internal/testutil/db.go', '/w/api/app/settings/test.py', '/w/shop/tests.py', '/w/conftest.py', '/w/test-migrations/docker-compose.yml']) assert.ok(isTestPath(p, '/w'), p);
    for (const p of ['/w/svc/src/main/java/Tester.java', '/w/integration/client.py', '/w/svc/src/contest/A.java', '/w/api/utils/testing_flags.py', '/w/api/latest.py']) assert.equal(isTestPath(p, '/w'), false, p);
  });
});
