// Small files that trigger (or do not trigger) each of the first three rules, for the language server tests.
// Other rules may find more in them (the rule set keeps growing): tests that count findings run only the rules
// they are about, with `onlyRules(...)` in the settings the test client answers.

/** The rules the samples below are written for. */
export const SAMPLE_RULES = ['missing-auth', 'missing-healthcheck', 'missing-timeout'] as const;

/** A `rules` setting that turns every rule off (`*`) except `ids`, which run at their default severity. */
export function onlyRules(...ids: string[]): Record<string, string> {
  return { '*': 'off', ...Object.fromEntries(ids.map((id) => [id, 'on'])) };
}

/** Settings under which the samples give exactly the findings their comments describe. */
export const SAMPLE_SETTINGS = { rules: onlyRules(...SAMPLE_RULES) };

/** An OpenAPI spec with no security scheme: one missing-auth finding with a fix. */
export const OPENAPI = `openapi: 3.0.3
info:
  title: Shop
  version: "1"
paths:
  /orders:
    get:
      responses:
        "200":
          description: ok
`;

/** The same API as JSON. */
export const OPENAPI_JSON = JSON.stringify({ openapi: '3.0.3', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: { 200: { description: 'ok' } } } } } }, null, 2);

/** A compose file whose postgres has no healthcheck: one missing-healthcheck finding. */
export const COMPOSE = `services:
  db:
    image: postgres:16
  api:
    image: shop/api
    depends_on: [db]
`;

/** Python calling requests.get without a timeout: one missing-timeout finding. */
export const PYTHON = `import requests


def fetch(url):
    return requests.get(url)
`;

export const PYTHON_OK = `import requests


def fetch(url):
    return requests.get(url, timeout=5)
`;

/**
 * An OpenAPI spec with a security scheme, one operation that requires it and `n` that require none: n missing-auth
 * findings (a spec where no operation mentions security at all would get one finding for the whole spec).
 */
export function manyOpenOperations(n: number): string {
  const lines = ['openapi: 3.0.3', 'info:', '  title: Many', '  version: "1"', 'components:', '  securitySchemes:', '    bearer:', '      type: http', '      scheme: bearer', 'paths:'];
  lines.push('  /secured:', '    get:', '      security:', '        - bearer: []', '      responses:', '        "200":', '          description: ok');
  // Each opts out on its own (`security: []`): one missing-auth finding per operation.
  for (let i = 0; i < n; i++) lines.push(`  /items/${i}:`, '    get:', '      security: []', '      responses:', '        "200":', '          description: ok');
  return `${lines.join('\n')}\n`;
}

/** The billion-laughs shape: nine levels of aliases, each repeating the one below nine times. */
export function aliasBomb(): string {
  const lines = ['openapi: 3.0.3', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  lines.push('paths: {}');
  return `${lines.join('\n')}\n`;
}
