// Small files that trigger (or do not trigger) each of the first three rules, for the language server tests.

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

/** An OpenAPI spec with a security scheme but `n` operations that require none: n missing-auth findings. */
export function manyOpenOperations(n: number): string {
  const lines = ['openapi: 3.0.3', 'info:', '  title: Many', '  version: "1"', 'components:', '  securitySchemes:', '    bearer:', '      type: http', '      scheme: bearer', 'paths:'];
  for (let i = 0; i < n; i++) lines.push(`  /items/${i}:`, '    get:', '      responses:', '        "200":', '          description: ok');
  return `${lines.join('\n')}\n`;
}

/** The billion-laughs shape: nine levels of aliases, each repeating the one below nine times. */
export function aliasBomb(): string {
  const lines = ['openapi: 3.0.3', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  lines.push('paths: {}');
  return `${lines.join('\n')}\n`;
}
