import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { applyFix, findingsOf, lines } from './helpers';

const RULE = 'missing-auth';
const json = (doc: unknown) => JSON.stringify(doc, null, 2) + '\n';
const ok = { '200': { description: 'ok' } };

const info = ['info:', '  title: Shop', "  version: '1'"];
const getOrders = ['  /orders:', '    get:', '      responses:', "        '200':", '          description: ok'];
const bearer30 = ['components:', '  securitySchemes:', '    bearerAuth:', '      type: http', '      scheme: bearer'];

interface Case {
  name: string;
  file: string;
  text: string;
  /** Expected findings: the start line and a fragment of the message of each, in order. */
  expect: { line: number; message: string; severity?: string }[];
}

const cases: Case[] = [
  {
    name: 'gives a spec generated from a .proto file (no scheme unless the .proto declares one) a hint: the gateway decides',
    file: 'shop.swagger.json',
    text: json({ swagger: '2.0', info: { title: 'v1/shop_interface.proto', version: 'version not set' }, paths: { '/v1/beers': { get: { responses: ok } } } }),
    expect: [{ line: 1, message: 'This spec is generated from .proto files, which declare no security scheme', severity: 'hint' }],
  },
  {
    name: "gives a spec gnostic's protoc-gen-openapi writes (its header, GoogleProtobufAny) the same hint",
    file: 'openapi.yaml',
    text: lines('# Generated with protoc-gen-openapi', 'openapi: 3.0.3', 'info:', '  title: ""', '  version: 0.0.1', 'paths:', '  /api/v1/memos:', '    get:', '      responses:', "        '200':", '          description: OK', 'components:', '  schemas:', '    GoogleProtobufAny:', '      type: object'),
    expect: [{ line: 1, message: 'This spec is generated from .proto files, which declare no security scheme', severity: 'hint' }],
  },
  {
    name: "gives a spec protoc-gen-connect-openapi writes (Connect RPC paths, connect-protocol-version) the same hint",
    file: 'openapi.yaml',
    text: lines('openapi: 3.1.0', 'info: {}', 'paths:', '  /shop.v1.OrderService/ListOrders:', '    post:', '      responses:', "        '200':", '          description: OK', 'components:', '  schemas:', '    connect-protocol-version:', '      type: number'),
    expect: [{ line: 0, message: 'This spec is generated from .proto files, which declare no security scheme', severity: 'hint' }],
  },
  {
    name: 'takes a required Authorization header or access token parameter for authentication without a scheme: a hint to declare one',
    file: 'swagger.json',
    text: json({ swagger: '2.0', info: { title: 'Chat', version: '1' }, paths: {
      '/chat': { get: { parameters: [{ name: 'access_token', in: 'query', required: true, type: 'string' }], responses: ok } },
      '/chat/users': { get: { parameters: [{ name: 'Authorization', in: 'header', required: true, type: 'string' }], responses: ok } },
      '/user/login': { post: { responses: ok } },
    } }),
    expect: [{ line: 1, message: 'Authentication is described as parameters (access_token, Authorization), not as a security scheme', severity: 'hint' }],
  },
  {
    name: 'counts only the operations without a credential parameter as open, and an optional Authorization header protects nothing',
    file: 'swagger.json',
    text: json({ swagger: '2.0', info: { title: 'Chat', version: '1' }, paths: {
      '/chat/users': { get: { parameters: [{ name: 'Authorization', in: 'header', required: true, type: 'string' }], responses: ok } },
      '/chat/rooms': { get: { parameters: [{ name: 'Authorization', in: 'header', type: 'string' }], responses: ok } },
    } }),
    expect: [{ line: 1, message: 'No security scheme is defined: 1 of 2 operations is callable without authentication' }],
  },
  {
    name: 'reports a Swagger 2.0 YAML spec without securityDefinitions once, at the swagger key',
    file: 'api.yaml',
    text: lines("swagger: '2.0'", ...info, 'paths:', ...getOrders),
    expect: [{ line: 0, message: 'the only operation is callable without authentication' }],
  },
  {
    name: 'reports an OpenAPI 3.0 YAML spec without security schemes once, counting its open operations',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, 'paths:', ...getOrders, '    post:', '      responses:', "        '201':", '          description: created', '  /orders/{id}:', '    delete:', '      responses:', "        '204':", '          description: gone'),
    expect: [{ line: 0, message: 'all 3 operations are callable without authentication' }],
  },
  {
    name: 'reports an OpenAPI 3.1 JSON spec without security schemes',
    file: 'api.json',
    text: json({ openapi: '3.1.0', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: ok } } } }),
    expect: [{ line: 1, message: 'No security scheme is defined' }],
  },
  {
    name: 'reports a Swagger 2.0 JSON spec without securityDefinitions',
    file: 'swagger.json',
    text: json({ swagger: '2.0', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: ok } } } }),
    expect: [{ line: 1, message: 'No security scheme is defined' }],
  },
  {
    name: 'reports schemes that nothing requires once, at the openapi key',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'paths:', ...getOrders),
    expect: [{ line: 0, message: 'Security schemes are defined but no operation requires one: the only operation is callable' }],
  },
  {
    name: 'reports an operation with no security when another operation requires a scheme but nothing does globally',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'paths:', ...getOrders, '    post:', '      security:', '        - bearerAuth: []', '      responses:', "        '201':", '          description: created'),
    expect: [{ line: 11, message: 'GET /orders has no security requirement and none applies globally' }],
  },
  {
    name: 'reports operations left without a requirement because none applies globally once, at the openapi key (one cause)',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'paths:', ...getOrders, '    delete:', '      responses:', "        '204':", '          description: gone', '  /portal:', '    get:', '      security:', '        - bearerAuth: []', '      responses:', "        '200':", '          description: ok'),
    expect: [{ line: 0, message: 'No security requirement applies globally, and 2 of 3 operations name none of their own' }],
  },
  {
    name: 'does not ask for authentication on signing in, signing up or refreshing a token (public by design), and reports another open operation',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'paths:', '  /v1/user/login:', '    post:', '      responses:', "        '200':", '          description: ok', '  /v1/user/register:', '    post:', '      responses:', "        '201':", '          description: ok', '  /v1/auth/token/refresh:', '    post:', '      responses:', "        '200':", '          description: ok', '  /v1/user/{id}:', '    delete:', '      responses:', "        '204':", '          description: ok', '  /v1/user/me:', '    get:', '      security:', '        - bearerAuth: []', '      responses:', "        '200':", '          description: ok'),
    expect: [{ line: 26, message: 'DELETE /v1/user/{id} has no security requirement' }],
  },
  {
    name: "reports the open operations of a spec generated from the code (FastAPI's HTTPValidationError) once, as information: the code left them open",
    file: 'openapi.yaml',
    text: lines('openapi: 3.0.3', ...info, 'paths:', ...['/a', '/b', '/c'].flatMap((p) => [`  ${p}:`, '    get:', '      security:', '        - bearerAuth: []', '      responses:', "        '200':", '          description: ok']), ...['/global/config', '/authz/check'].flatMap((p) => [`  ${p}:`, '    get:', '      responses:', "        '200':", '          description: ok']), ...bearer30, '  schemas:', '    HTTPValidationError:', '      type: object'),
    expect: [{ line: 0, message: 'This spec is generated from the code, and 2 of its 5 operations require no authentication in it (GET /global/config, GET /authz/check)', severity: 'information' }],
  },
  {
    name: "reports a generated spec where few operations name a requirement as information: the others carry no annotation, and the code's filter may authenticate them",
    file: 'openapi.yaml',
    text: lines('openapi: 3.0.3', ...info, 'paths:', '  /a:', '    get:', '      security:', '        - bearerAuth: []', '      responses:', "        '200':", '          description: ok', ...['/b', '/c', '/d'].flatMap((p) => [`  ${p}:`, '    get:', '      responses:', "        '200':", '          description: ok']), ...bearer30, '  schemas:', '    HTTPValidationError:', '      type: object'),
    expect: [{ line: 0, message: "This spec is generated from the code's annotations, and 3 of its 4 operations name no security requirement in it", severity: 'information' }],
  },
  {
    name: 'keeps the same spec written by hand a warning',
    file: 'openapi.yaml',
    text: lines('openapi: 3.0.3', ...info, 'paths:', '  /a:', '    get:', '      security:', '        - bearerAuth: []', '      responses:', "        '200':", '          description: ok', ...['/b', '/c', '/d'].flatMap((p) => [`  ${p}:`, '    get:', '      responses:', "        '200':", '          description: ok']), ...bearer30),
    expect: [{ line: 0, message: 'No security requirement applies globally, and 3 of 4 operations name none of their own', severity: 'warning' }],
  },
  {
    name: 'keeps a generated spec with no security scheme at all a warning: the code behind it rarely authenticates either',
    file: 'openapi.yaml',
    text: lines('openapi: 3.0.3', ...info, 'paths:', ...getOrders, 'components:', '  schemas:', '    HTTPValidationError:', '      type: object'),
    expect: [{ line: 0, message: 'No security scheme is defined', severity: 'warning' }],
  },
  {
    name: 'does not ask for authentication on signing in through SSO (SAML, OIDC callbacks) or opening a session, and reports listing sessions',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'paths:', ...['/api/v1/complete/saml', '/api/v1/complete/oidc', '/api/v2/sessions/email_password', '/api/v2/sessions/rotate'].flatMap((p) => [`  ${p}:`, '    post:', '      responses:', "        '200':", '          description: ok']), '  /api/v2/users/{id}/sessions:', '    get:', '      responses:', "        '200':", '          description: ok', '  /api/v2/me:', '    get:', '      security:', '        - bearerAuth: []', '      responses:', "        '200':", '          description: ok'),
    expect: [{ line: 31, message: 'GET /api/v2/users/{id}/sessions has no security requirement' }],
  },
  {
    name: 'reports the open operations one by one when most operations name their own requirement (deliberate exceptions), and leaves alone a capability in the path and an operation tagged public',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'paths:', ...['/a', '/b', '/c'].flatMap((p) => [`  ${p}:`, '    get:', '      security:', '        - bearerAuth: []', '      responses:', "        '200':", '          description: ok']), '  /storefront:', '    get:', '      responses:', "        '200':", '          description: ok', '  /license-keys/validate:', '    post:', '      tags: [license-keys, public]', '      responses:', "        '200':", '          description: ok', '  /checkouts/client/{client_secret}:', '    get:', '      parameters:', '        - name: client_secret', '          in: path', '          required: true', '          schema:', '            type: string', '      responses:', "        '200':", '          description: ok'),
    expect: [{ line: 32, message: 'GET /storefront has no security requirement and none applies globally' }],
  },
  {
    name: 'leaves public by design a webhook receiver and the OCSP, CRL and CA endpoints that opt out, and reports another opt-out',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'security:', '  - bearerAuth: []', 'paths:', ...['/apps/{id}/stripe/webhook', '/certs/ocsp', '/certs/crl', '/certs/ca', '/certs/view-ca', '/orders'].flatMap((p) => [`  ${p}:`, '    post:', '      security: []', '      responses:', "        '200':", '          description: ok'])),
    expect: [{ line: 43, message: 'POST /orders opts out of authentication' }],
  },
  {
    name: 'leaves public an opt-out whose description says it needs no authentication, and reports an opt-out that says nothing',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'security:', '  - bearerAuth: []', 'paths:', '  /api/instance:', '    get:', '      description: Returns whether setup is required. This endpoint does not require authentication.', '      security: []', '      responses:', "        '200':", '          description: ok', '  /api/setup:', '    post:', '      description: Creates the first admin user.', '      security: []', '      responses:', "        '200':", '          description: ok'),
    expect: [{ line: 20, message: 'POST /api/setup opts out of authentication' }],
  },
  {
    name: 'leaves public an operation whose summary says it registers an account (POST /users), and reports another create',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'security:', '  - bearerAuth: []', 'paths:', '  /users:', '    post:', '      summary: Registers user account', '      security: []', '      responses:', "        '201':", '          description: ok', '  /orders:', '    post:', '      summary: Creates an order', '      security: []', '      responses:', "        '201':", '          description: ok'),
    expect: [{ line: 20, message: 'POST /orders opts out of authentication' }],
  },
  {
    name: 'reports Swagger 2.0 securityDefinitions that no requirement uses, once',
    file: 'api.yaml',
    text: lines("swagger: '2.0'", ...info, 'securityDefinitions:', '  key:', '    type: apiKey', '    in: header', '    name: X-Api-Key', 'paths:', ...getOrders),
    expect: [{ line: 0, message: 'Security schemes are defined but no operation requires one' }],
  },
  {
    name: 'reports `security: []` on /orders as opting out of a global requirement',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'security:', '  - bearerAuth: []', 'paths:', '  /orders:', '    get:', '      security: []', '      responses:', "        '200':", '          description: ok'),
    expect: [{ line: 13, message: 'GET /orders opts out of authentication' }],
  },
  {
    name: 'reports `security: [{}]` (optional authentication) in OpenAPI 3.1',
    file: 'api.yaml',
    text: lines('openapi: 3.1.0', ...info, ...bearer30, 'security:', '  - bearerAuth: []', 'paths:', '  /orders:', '    post:', '      security:', '        - {}', '      responses:', "        '201':", '          description: created'),
    expect: [{ line: 13, message: 'POST /orders opts out of authentication' }],
  },
  {
    name: 'reports each open operation of a JSON spec with schemes, and not the protected one',
    file: 'api.json',
    text: json({
      openapi: '3.0.3',
      info: { title: 'Shop', version: '1' },
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
      paths: { '/orders': { get: { responses: ok }, post: { security: [{ key: [] }], responses: ok }, delete: { security: [], responses: ok } } },
    }),
    expect: [
      { line: 17, message: 'GET /orders has no security requirement' },
      { line: 36, message: 'DELETE /orders opts out of authentication' },
    ],
  },
  {
    name: 'finds nothing when a global security requirement applies',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'security:', '  - bearerAuth: []', 'paths:', ...getOrders),
    expect: [],
  },
  {
    name: 'finds nothing in a Swagger 2.0 JSON spec with a global requirement',
    file: 'swagger.json',
    text: json({ swagger: '2.0', info: { title: 'Shop', version: '1' }, securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } }, security: [{ key: [] }], paths: { '/orders': { get: { responses: ok } } } }),
    expect: [],
  },
  {
    name: 'finds nothing when every operation declares its own security',
    file: 'api.yaml',
    text: lines('openapi: 3.1.0', ...info, ...bearer30, 'paths:', '  /orders:', '    get:', '      security:', '        - bearerAuth: []', '      responses:', "        '200':", '          description: ok'),
    expect: [],
  },
  {
    name: 'allows `security: []` on a /health path',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'security:', '  - bearerAuth: []', 'paths:', '  /health:', '    get:', '      security: []', '      responses:', "        '200':", '          description: ok'),
    expect: [],
  },
  {
    name: 'finds nothing when the only operation without schemes is a health probe that opts out',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, 'paths:', '  /healthz:', '    get:', '      security: []', '      responses:', "        '200':", '          description: ok'),
    expect: [],
  },
  {
    name: 'leaves probes, the root page and metrics open when nothing global covers them, and reports a business operation and a health path under a resource',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'paths:', ...['/', '/health/ready', '/api/v1/status', '/metrics', '/feeds/{id}/health', '/jobs/status'].flatMap((p) => [`  ${p}:`, '    get:', '      responses:', "        '200':", '          description: ok'])),
    // One finding for the spec (no operation requires a scheme), counting the two business operations only.
    expect: [{ line: 0, message: 'all 2 operations are callable without authentication' }],
  },
  {
    name: 'finds nothing in a spec of probes and metrics only',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, 'paths:', ...['/', '/health', '/health/live', '/metrics'].flatMap((p) => [`  ${p}:`, '    get:', '      responses:', "        '200':", '          description: ok'])),
    expect: [],
  },
  {
    name: 'finds nothing in a spec without paths',
    file: 'api.yaml',
    text: lines('openapi: 3.1.0', ...info, 'components:', '  schemas:', '    Order:', '      type: object'),
    expect: [],
  },
  {
    name: 'finds nothing in a Swagger 2.0 spec with empty paths',
    file: 'api.json',
    text: json({ swagger: '2.0', info: { title: 'Shop', version: '1' }, paths: {} }),
    expect: [],
  },
  {
    name: 'drops the spec-level finding when the suppression comment is the first line, above `openapi:`',
    file: 'api.yaml',
    text: lines('# backend-architect-ignore missing-auth', 'openapi: 3.0.3', ...info, 'paths:', ...getOrders),
    expect: [],
  },
  {
    name: 'drops the finding when a suppression comment is on the line above',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'paths:', '  /orders:', '    post:', '      security:', '        - bearerAuth: []', '      responses:', "        '201':", '          description: created', '    # backend-architect-ignore missing-auth', '    get:', '      responses:', "        '200':", '          description: ok'),
    expect: [],
  },
];

describe('missing-auth', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsOf(RULE, c.file, c.text);
      assert.deepEqual(found.map((f) => f.range.start.line), c.expect.map((e) => e.line), found.map((f) => f.message).join('\n'));
      c.expect.forEach((e, i) => assert.match(found[i].message, new RegExp(e.message.replace(/[[\]{}()*+?.\\^$|`]/g, '\\$&'))));
      found.forEach((f, i) => assert.equal(f.severity, c.expect[i].severity ?? 'warning'));
    });
  }

  it('relates the root finding to each unauthenticated operation', async () => {
    const [f] = await findingsOf(RULE, 'api.yaml', lines('openapi: 3.0.3', ...info, 'paths:', ...getOrders, '    post:', '      responses:', "        '201':", '          description: created'));
    assert.deepEqual(f.related?.map((r) => [r.range.start.line, r.message]), [[6, 'GET /orders is unauthenticated'], [10, 'POST /orders is unauthenticated']]);
  });
});

interface FixCase {
  name: string;
  file: string;
  text: string;
  /** Text the fixed file must contain. */
  contains: string[];
}

const fixes: FixCase[] = [
  {
    name: 'requires the scheme globally for operations that name none, and keeps signing in public',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'paths:', ...getOrders, '    delete:', '      responses:', "        '204':", '          description: gone', '  /login:', '    post:', '      responses:', "        '200':", '          description: ok', '  /portal:', '    get:', '      security:', '        - bearerAuth: []', '      responses:', "        '200':", '          description: ok'),
    contains: ['security:\n  - bearerAuth: []\n', '  /login:\n    post:\n      responses:\n        \'200\':\n          description: ok\n      security: []\n'],
  },
  {
    name: 'adds securityDefinitions and a global requirement to a Swagger 2.0 YAML spec',
    file: 'api.yaml',
    text: lines("swagger: '2.0'", ...info, 'paths:', ...getOrders),
    contains: ['securityDefinitions:\n  bearerAuth:\n    type: apiKey\n    in: header\n    name: Authorization\nsecurity:\n  - bearerAuth: []\n'],
  },
  {
    name: 'adds components.securitySchemes and a global requirement to an OpenAPI 3.0 YAML spec',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, 'paths:', ...getOrders),
    contains: ['components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\nsecurity:\n  - bearerAuth: []\n'],
  },
  {
    name: 'adds securitySchemes inside the existing components of an OpenAPI 3.1 YAML spec',
    file: 'api.yaml',
    text: lines('openapi: 3.1.0', ...info, 'components:', '  schemas:', '    Order:', '      type: object', 'paths:', ...getOrders),
    contains: ['      type: object\n  securitySchemes:\n    bearerAuth:\n'],
  },
  {
    name: 'keeps CRLF line endings when it adds a scheme to a YAML spec',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, 'paths:', ...getOrders).replace(/\n/g, '\r\n'),
    contains: ['\r\ncomponents:\r\n  securitySchemes:\r\n'],
  },
  {
    name: 'defines the scheme a global requirement already names instead of adding a second `security` key',
    file: 'api.yaml',
    text: lines("swagger: '2.0'", ...info, 'security:', '  - api_key: []', 'paths:', ...getOrders),
    contains: ['securityDefinitions:\n  api_key:\n'],
  },
  {
    name: 'adds a scheme and a global requirement to an OpenAPI 3.0 JSON spec as valid JSON',
    file: 'api.json',
    text: json({ openapi: '3.0.3', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: ok } } } }),
    contains: ['"bearerFormat": "JWT"', '"security": ['],
  },
  {
    name: 'adds securityDefinitions to a Swagger 2.0 JSON spec as valid JSON',
    file: 'swagger.json',
    text: json({ swagger: '2.0', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: ok } } } }),
    contains: ['"securityDefinitions": {'],
  },
  {
    name: 'fills an empty components object and replaces an empty global requirement in OpenAPI 3.1 JSON',
    file: 'api.json',
    text: json({ openapi: '3.1.0', info: { title: 'Shop', version: '1' }, components: {}, security: [], paths: { '/orders': { get: { responses: ok } } } }),
    contains: ['"securitySchemes": {', '"security": [{"bearerAuth":[]}]'],
  },
  {
    name: 'replaces `security: []` on an operation with the first defined scheme',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'security:', '  - bearerAuth: []', 'paths:', '  /orders:', '    get:', '      security: []', '      responses:', "        '200':", '          description: ok'),
    contains: ['    get:\n      security:\n        - bearerAuth: []\n      responses:'],
  },
  {
    name: 'replaces a block-style `security: [{}]` without swallowing the next key',
    file: 'api.yaml',
    text: lines('openapi: 3.1.0', ...info, ...bearer30, 'paths:', '  /orders:', '    post:', '      security:', '        - {}', '      responses:', "        '201':", '          description: created'),
    contains: ['      security:\n        - bearerAuth: []\n      responses:'],
  },
  {
    name: 'adds a requirement to an unprotected operation of a 4-space YAML spec',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', 'info:', '    title: Shop', "    version: '1'", 'components:', '    securitySchemes:', '        key:', '            type: apiKey', '            in: header', '            name: X-Api-Key', 'paths:', '    /orders:', '        post:', '            security:', '                - key: []', '            responses:', "                '201':", '                    description: ok', '        get:', '            responses:', "                '200':", '                    description: ok'),
    contains: ["                    description: ok\n            security:\n                - key: []\n"],
  },
  {
    name: 'requires a defined but unused scheme globally in a JSON spec, as valid JSON',
    file: 'api.json',
    text: json({ openapi: '3.0.3', info: { title: 'Shop', version: '1' }, components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } }, paths: { '/orders': { get: { responses: ok } } } }),
    contains: ['"key": []'],
  },
  {
    name: 'requires a defined but unused scheme globally in a YAML spec',
    file: 'api.yaml',
    text: lines('openapi: 3.0.3', ...info, ...bearer30, 'paths:', ...getOrders),
    contains: ['\nsecurity:\n  - bearerAuth: []\n'],
  },
];

function assertParses(file: string, text: string): void {
  if (file.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(text), text);
  else assert.deepEqual(parseYaml(text).problems, [], text);
}

describe('missing-auth quick fix', () => {
  for (const c of fixes) {
    it(c.name, async () => {
      const [finding] = await findingsOf(RULE, c.file, c.text);
      assert.ok(finding?.fix, 'expected a finding with a fix');
      const fixed = applyFix(c.text, finding);
      assertParses(c.file, fixed);
      for (const s of c.contains) assert.ok(fixed.includes(s), `expected ${JSON.stringify(s)} in:\n${fixed}`);
      const after = await findingsOf(RULE, c.file, fixed);
      assert.deepEqual(after.map((f) => f.message), [], fixed);
    });
  }
});
