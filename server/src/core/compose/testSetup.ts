import { basename } from 'node:path';
import { isTestPath } from '../code/testFiles';
import { entries, get, str, type DataNode } from '../documents/tree';
import { datastoreKind } from './images';

/** Words of a compose file name that mark a setup for running tests, not for deploying. */
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'ci', 'e2e', 'it', 'itest', 'integration', 'acceptance', 'loadtest', 'autotest', 'autotests']);

/**
 * A compose file that is no deployment: one that exists to run tests, its name says so (`docker-compose.test.yml`, `compose.ci.yaml`,
 * `docker-compose-e2e.yml`, `docker-compose.integration-tests.yml`, `test.compose.yaml`), or it lies where test code
 * lies (tests/, e2e/, integration-tests/, src/test/ ...: see isTestPath); or a lesson's (isLessonPath). The deployment rules leave it alone and its
 * services stay out of the workspace model, as test code stays out of the code rules.
 */
export function isTestComposePath(path: string, root?: string): boolean {
  const words = basename(path).toLowerCase().replace(/\.ya?ml$/, '').split(/[.\-_]+/).filter((w) => w !== 'docker' && w !== 'compose');
  if (words.some((w) => TEST_WORDS.has(w)) || isTestPath(path, root) || isLessonPath(path, root)) return true;
  // A file kept in the CI's own folder (`.ci/compose.cypress.yaml`): the stack a CI job brings up.
  const folders = (root && path.startsWith(root) ? path.slice(root.length) : path).split(/[\\/]/).slice(0, -1);
  return folders.some((f) => CI_FOLDER.test(f));
}

const CI_FOLDER = /^\.?ci$/i;

/** Folders of teaching material: each lesson's files are a snapshot of the system at one step, not its deployment. */
const LESSON_FOLDER = /^(tutorials?|workshops?|courses?|lessons?|codelabs?)$/i;
/** A folder named for one lesson (`milvus_tutorial`, `pgvector-tutorial`): its last word is one of those (`tutorial-service` is a service). */
const LESSON_WORD = /[-_.](tutorials?|workshops?|codelabs?)$/i;

/**
 * A deployment file (compose, manifest) of a tutorial, workshop or course (`gomall/tutorial/ch12/docker-compose.yaml`):
 * the stack as one lesson leaves it, repeated with small changes in every lesson. Like a test setup it is no deployment.
 */
export function isLessonPath(path: string, root?: string): boolean {
  const folders = (root && path.startsWith(root) ? path.slice(root.length) : path).split(/[\\/]/).slice(0, -1);
  return folders.some((f) => LESSON_FOLDER.test(f) || LESSON_WORD.test(f));
}

/** A browser test runner: a file that starts one is a stack brought up for end-to-end tests. */
const TEST_RUNNER = /(^|\/)(cypress\/[\w.-]+|cypress|playwright|selenium\/[\w.-]+)(:|@|$)|^mcr\.microsoft\.com\/playwright/i;

/** The words of a name between dots, dashes and underscores, lowercased. */
export const nameWords = (name: string | undefined): string[] => (name ?? '').toLowerCase().split(/[.\-_\s]+/).filter(Boolean);

/** Words of a service or container name that mark it as run for tests (`users-db-autotest`, `orders_test_db`). */
const SERVICE_TEST_WORDS = new Set(['test', 'tests', 'testing', 'e2e', 'itest', 'integration', 'autotest', 'autotests']);

/**
 * A compose file whose project is named for tests (`name: shop-test`), whose every service is named (or its container
 * named) for tests or runs a datastore, broker or coordinator they test against, or that runs a browser test runner
 * (a `cypress` or `playwright` service, a Cypress, Playwright or Selenium image, a `Dockerfile.cypress`): a setup for
 * running tests.
 */
export function isTestComposeContent(root: DataNode | undefined): boolean {
  const services = entries(get(root, 'services'));
  const forTests = (name: string | undefined) => !!name && name.toLowerCase().split(/[.\-_]+/).some((w) => SERVICE_TEST_WORDS.has(w));
  // The project's own name (`name: documenso-test`).
  if (nameWords(str(get(root, 'name'))).some((w) => TEST_WORDS.has(w))) return true;
  const runsBrowserTests = services.some((e) => /^(cypress|playwright)$/i.test(e.key.text) || TEST_RUNNER.test(str(get(e.value, 'image')) ?? '') || /(cypress|playwright)/i.test(str(get(get(e.value, 'build'), 'dockerfile')) ?? ''));
  const isTestService = (e: (typeof services)[number]) => forTests(e.key.text) || forTests(str(get(e.value, 'container_name')));
  // The only programs are test runners, beside the datastores and brokers they test against (`snuba-test`, kafka, clickhouse).
  // An image named through a variable reads as its default (`${CLICKHOUSE_IMAGE:-clickhouse/clickhouse-server:25.8}`).
  const data = (e: (typeof services)[number]) => datastoreKind(str(get(e.value, 'image'))?.replace(/\$\{\w+:?-([^}]*)\}/g, '$1')) !== undefined;
  const onlyTestsBesideData = services.some((e) => isTestService(e) && !data(e)) && services.every((e) => isTestService(e) || data(e));
  return services.length > 0 && (runsBrowserTests || services.every(isTestService) || onlyTestsBesideData);
}
