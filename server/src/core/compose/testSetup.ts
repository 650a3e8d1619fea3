import { basename } from 'node:path';
import { isTestPath } from '../code/testFiles';
import { entries, get, str, type DataNode } from '../documents/tree';

/** Words of a compose file name that mark a setup for running tests, not for deploying. */
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'ci', 'e2e', 'it', 'itest', 'integration', 'acceptance', 'loadtest', 'autotest', 'autotests']);

/**
 * A compose file that exists to run tests: its name says so (`docker-compose.test.yml`, `compose.ci.yaml`,
 * `docker-compose-e2e.yml`, `docker-compose.integration-tests.yml`, `test.compose.yaml`), or it lies where test code
 * lies (tests/, e2e/, integration-tests/, src/test/ ...: see isTestPath). The deployment rules leave it alone and its
 * services stay out of the workspace model, as test code stays out of the code rules.
 */
export function isTestComposePath(path: string, root?: string): boolean {
  const words = basename(path).toLowerCase().replace(/\.ya?ml$/, '').split(/[.\-_]+/).filter((w) => w !== 'docker' && w !== 'compose');
  return words.some((w) => TEST_WORDS.has(w)) || isTestPath(path, root);
}

/** Words of a service or container name that mark it as run for tests (`users-db-autotest`, `orders_test_db`). */
const SERVICE_TEST_WORDS = new Set(['test', 'tests', 'testing', 'e2e', 'itest', 'integration', 'autotest', 'autotests']);

/** A compose file whose every service is named (or its container named) for tests: a setup for running them. */
export function isTestComposeContent(root: DataNode | undefined): boolean {
  const services = entries(get(root, 'services'));
  const forTests = (name: string | undefined) => !!name && name.toLowerCase().split(/[.\-_]+/).some((w) => SERVICE_TEST_WORDS.has(w));
  return services.length > 0 && services.every((e) => forTests(e.key.text) || forTests(str(get(e.value, 'container_name'))));
}
