// Path-only, so the workspace model (outbound.ts) can use it without importing the rule types.

const TEST_DIR = /^\.semgrep$|^\.(github|gitlab|circleci|buildkite|woodpecker|drone)$|^_?(tests?|testing|__tests__|__e2e__|__mocks__|mocks?|spec|specs|testdata|fixtures?|e2e|cypress|playwright|load-?tests?|loadtesting|acceptance|(unit|ui|e2e|end-to-end|integration|acceptance|functional|component)[-_]?tests?|[a-z0-9][a-z0-9_-]*[-_](tests?|e2e)|test[-_]?(utils?|helpers?|support)|tests?[-_](migrations?|data|env|stack|infra|setup|integration|e2e|suite|harness|files|resources|assets|inputs?)|mock[-_][\w-]+)$/i;
const TEST_NAME = /[._](test|spec|e2e)\.[cm]?[jt]sx?$|(^|[._])mocks?\.[cm]?[jt]sx?$|^test[-_]?(utils?|helpers?|support)\.(go|[cm]?[jt]s)$|^(jest|vitest)[.-][\w.-]+\.[cm]?[jt]s$|\.cy\.[cm]?[jt]sx?$|^(cypress|playwright)\.config\.[cm]?[jt]s$|_test\.(go|py)$|_testing\.py$|^test_[^/\\]*\.py$|^(tests?|conftest)\.py$|Tests?\.java$/;

/**
 * Test code: `*.test.ts`, `*.spec.js`, `*.e2e.ts`, `*_spec.js`, a JavaScript/TypeScript mock module (`mock.ts`, `api.mock.ts`), `*.cy.js`, Jest's and Vitest's setup files (`jest.e2e-setup.ts`, `vitest-e2e.setup.ts`), `*_test.go`, `test_*.py`, `*Test.java`, Cypress and
 * Playwright configs, Python's `tests.py`, `test.py` (a test settings module) and `conftest.py`, or a file under a tests/,
 * __tests__/, __e2e__/, mocks/ (mock/, Jest's __mocks__/: stand-ins the tests use), .semgrep/ (a linter's rules with the code they are tested on), a CI service's own folder (.github/, .gitlab/,
 * .circleci/, .buildkite/, .woodpecker/, .drone/: the stacks, scripts and actions its jobs run), spec/, testdata/, fixtures/, e2e/, e2etests/, unittests/ (unit_tests/), loadtest/ (load-tests/), test-utils/ (test-helpers/, test_support/), cypress/ or
 * ui-tests/ (end-to-end-tests/, integration-tests/, _integration-test/, any <word>-tests/ or <word>_test/: persistence-tests/, proxy-test/ ...) folder or a Gradle test source set (src/integrationTest/) of the workspace (only folders inside the workspace `root` count, so a checkout that happens to
 * live under ~/tests is not all test code; without a known root, the two nearest folders count).
 */
export function isTestPath(path: string, root?: string): boolean {
  const parts = path.split(/[\\/]/);
  if (TEST_NAME.test(parts[parts.length - 1])) return true;
  const relative = root && path.startsWith(root) ? path.slice(root.length) : path;
  // Maven and Gradle test sources, and Gradle's own test source sets (src/integrationTest/, src/endToEndTest/ ...)
  if (/[\\/]src[\\/](test|[a-z][A-Za-z]*Test)[\\/]/.test(relative)) return true;
  const inside = root && path.startsWith(root) ? relative.split(/[\\/]/).slice(0, -1) : parts.slice(-3, -1);
  return inside.some((d) => TEST_DIR.test(d));
}
