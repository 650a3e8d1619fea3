import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuthEvidence, CodeRoute, HttpMethod } from '../../../server/src/core/code/routes/types';
import { makeSource } from '../../../server/src/core/documents/source';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { compareService, isExemptRoute } from '../../../server/src/core/workspace/specs/compare';
import { summarizeSpec } from '../../../server/src/core/workspace/specs/spec';

function spec(text: string) {
  const source = makeSource('/w/orders/openapi.yaml', text, 'openapi');
  return summarizeSpec(source, parseYaml(text).root)!;
}

let offset = 0;
function route(method: HttpMethod, path: string, auth: AuthEvidence[] = []): CodeRoute {
  offset += 10;
  return { method, path, framework: 'express', file: '/w/orders/app.js', at: { start: offset, end: offset + 5 }, auth };
}
const AUTH: AuthEvidence = { kind: 'middleware', name: 'requireAuth', path: '/w/orders/app.js', at: { start: 0, end: 1 } };

const SPEC = spec(`openapi: 3.0.3
info: { title: Orders, version: '1' }
servers:
  - url: https://api.example.com/v1
security:
  - bearer: []
paths:
  /orders:
    get:
      responses: { '200': { description: ok } }
    post:
      security: []
      responses: { '201': { description: ok } }
  /orders/{id}:
    get:
      responses: { '200': { description: ok } }
    delete:
      responses: { '204': { description: ok } }
  /shared:
    $ref: './common.yaml#/paths/~1shared'
`);

const compare = (routes: CodeRoute[], unresolved = [] as Parameters<typeof compareService>[4]) => compareService('orders', '/w/orders', [{ summary: SPEC }], routes, unresolved);
const labels = (list: { method: string; path: string }[]) => list.map((r) => `${r.method} ${r.path}`);

describe('routes in code against the operations of their spec', () => {
  it('matches routes across template syntaxes and under the server path', () => {
    const c = compare([route('GET', '/v1/orders', [AUTH]), route('POST', '/orders'), route('GET', '/orders/:orderId', [AUTH]), route('DELETE', '/orders/<int:id>', [AUTH])]);
    assert.deepEqual(c.undocumented, []);
    assert.deepEqual(c.unimplemented, []);
    assert.deepEqual(c.unenforced, []);
  });

  it('finds a route that no operation describes, and exempts health, metrics, docs and fault-injection (chaos) routes', () => {
    const c = compare([route('GET', '/orders'), route('PUT', '/orders/:id'), route('GET', '/healthz'), route('GET', '/metrics'), route('GET', '/docs'), route('GET', '/'), route('POST', '/chaos/status/:code')]);
    assert.deepEqual(labels(c.undocumented), ['PUT /orders/:id']);
  });

  it('exempts the routes that serve the spec document itself (/openapi-v1.json, /v1/openapi, /swagger.yaml), and not an API under a similar name', () => {
    const c = compare([route('GET', '/orders'), route('GET', '/openapi-v1.json'), route('GET', '/swagger.yaml'), route('GET', '/openapi-clients/:id'), route('GET', '/invoices')]);
    assert.deepEqual(labels(c.undocumented), ['GET /openapi-clients/:id', 'GET /invoices']);
    assert.ok(isExemptRoute({ path: '/v1/openapi', framework: 'hono' }) && !isExemptRoute({ path: '/v1/openapis/:id', framework: 'hono' }));
  });

  it('takes one method and path registered twice (both arms of an if/else) for one route: one finding each', () => {
    const c = compare([route('GET', '/orders'), route('PUT', '/orders/:id'), route('PUT', '/orders/{id}'), route('PATCH', '/orders/:id/notes'), route('PATCH', '/orders/:id/notes')]);
    assert.deepEqual(labels(c.undocumented), ['PUT /orders/:id', 'PATCH /orders/:id/notes']);
  });

  it('tries the API base the code serves under (/api/v1) for a spec that declares no base path, and not for one that declares another', () => {
    const bare = spec("swagger: '2.0'\ninfo: { title: Auth, version: '1' }\npaths:\n  /auth/forgot-password:\n    post:\n      responses: { '200': { description: ok } }\n  /auth/login:\n    post:\n      responses: { '200': { description: ok } }\n");
    const routes = [route('POST', '/api/v1/auth/forgot-password'), route('POST', '/api/v1/auth/login'), route('GET', '/api/v1/auth/me')];
    const c = compareService('auth', '/w/auth', [{ summary: bare }], routes, []);
    assert.deepEqual(labels(c.undocumented), ['GET /api/v1/auth/me']);
    assert.deepEqual(c.unimplemented, []);
    const other = spec("swagger: '2.0'\ninfo: { title: Auth, version: '1' }\nbasePath: /v2\npaths:\n  /auth/login:\n    post:\n      responses: { '200': { description: ok } }\n");
    assert.deepEqual(labels(compareService('auth', '/w/auth', [{ summary: other }], [route('POST', '/api/v1/auth/login'), route('POST', '/v2/auth/login')], []).undocumented), ['POST /api/v1/auth/login']);
  });

  it('matches a version written as a path parameter (/api/{version}/cats) with the versions the code serves', () => {
    const versioned = spec("openapi: 3.0.3\ninfo: { title: Cats, version: '1' }\npaths:\n  /api/{version}/cats:\n    get:\n      responses: { '200': { description: ok } }\n  /api/{version}/cats/{id}:\n    delete:\n      responses: { '204': { description: ok } }\n");
    const c = compareService('cats', '/w/cats', [{ summary: versioned }], [route('GET', '/api/v1/cats'), route('DELETE', '/api/v1/cats/:id'), route('GET', '/api/v1/dogs')], []);
    assert.deepEqual(labels(c.undocumented), ['GET /api/v1/dogs']);
    assert.deepEqual(c.unimplemented, []);
  });

  it('does not ask a probe or a step of getting a credential for auth in code, though a global requirement covers it in the spec', () => {
    const secured = spec("openapi: 3.0.3\ninfo: { title: Users, version: '1' }\nsecurity:\n  - bearer: []\npaths:\n  /health:\n    get:\n      responses: { '200': { description: ok } }\n  /auth/login:\n    post:\n      responses: { '200': { description: ok } }\n  /users:\n    get:\n      responses: { '200': { description: ok } }\n  /me:\n    get:\n      responses: { '200': { description: ok } }\n");
    const c = compareService('users', '/w/users', [{ summary: secured }], [route('GET', '/health'), route('POST', '/auth/login'), route('GET', '/users'), route('GET', '/me', [AUTH])], []);
    assert.deepEqual(labels(c.unenforced.map((u) => u.route)), ['GET /users']);
  });

  it('counts every operation below a catch-all route (gorilla PathPrefix, `*`) as served', () => {
    const c = compare([route('GET', '/orders'), route('POST', '/orders'), route('GET', '/orders/*'), route('DELETE', '/*')]);
    assert.deepEqual(c.unimplemented, []);
  });

  it('reads a Spring `{id:.*}` as one segment, not as a catch-all', () => {
    const spring = (path: string): CodeRoute => ({ ...route('GET', path), framework: 'spring' });
    const c = compare([route('GET', '/orders'), spring('/orders/{id:.*}/items')]);
    assert.deepEqual(labels(c.undocumented), ['GET /orders/{id:.*}/items']);
  });

  it('finds an operation that no route serves', () => {
    const c = compare([route('GET', '/orders'), route('POST', '/orders'), route('GET', '/orders/:id')]);
    assert.deepEqual(c.unimplemented.map((u) => `${u.op.method} ${u.op.path}`), ['delete /orders/{id}']);
  });

  it('reports no unserved operation while some route of the service could not be resolved', () => {
    const c = compare([route('GET', '/orders')], [{ file: '/w/orders/app.js', at: { start: 1, end: 2 }, reason: 'path built from a variable' }]);
    assert.deepEqual(c.unimplemented, []);
    assert.match(c.skipped.map((s) => s.reason).join('\n'), /could not be resolved/);
  });

  it('leaves routes under a $ref path item unjudged and says so', () => {
    const c = compare([route('GET', '/orders'), route('GET', '/shared')]);
    assert.deepEqual(c.undocumented, []);
    assert.match(c.skipped.map((s) => s.reason).join('\n'), /\/shared is a \$ref/);
  });

  it('reports nothing when no route matches any operation (mapping or extraction incomplete)', () => {
    const c = compare([route('GET', '/something/else')]);
    assert.deepEqual([c.undocumented, c.unimplemented, c.unenforced], [[], [], []]);
    assert.match(c.skipped[c.skipped.length - 1].reason, /none of its 1 routes in code matches/);
  });

  it('finds a secured operation served without auth, honouring the global requirement and a per-operation security: []', () => {
    const c = compare([route('GET', '/orders', [AUTH]), route('POST', '/orders'), route('GET', '/orders/:id')]);
    assert.deepEqual(labels(c.unenforced.map((u) => u.route)), ['GET /orders/:id']);
    assert.equal(c.noAuthInCode, false);
  });

  it('marks a service with no auth in code at all as one cause', () => {
    const c = compare([route('GET', '/orders'), route('GET', '/orders/:id')]);
    assert.equal(c.unenforced.length, 2);
    assert.equal(c.noAuthInCode, true);
  });

  it('treats an optional requirement ({} among the alternatives) as no requirement', () => {
    const optional = spec(`openapi: 3.0.3
info: { title: Orders, version: '1' }
paths:
  /orders:
    get:
      security: [{ bearer: [] }, {}]
      responses: { '200': { description: ok } }
`);
    const c = compareService('orders', '/w/orders', [{ summary: optional }], [route('GET', '/orders')], []);
    assert.deepEqual(c.unenforced, []);
  });
});
