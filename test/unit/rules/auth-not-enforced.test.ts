import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP, consistencyFindings, SPEC, where } from './consistencyHelpers';

const RULE = 'auth-not-enforced';

describe(RULE, () => {
  it('reports nothing when secured operations have auth in front and open ones (security: []) have none', async () => {
    assert.deepEqual(await consistencyFindings(RULE, {}), []);
  });

  it('reports a secured route without auth when other routes of the service authenticate, with the spec requirement related', async () => {
    const app = APP.replace("app.get('/orders/:id', requireAuth,", "app.get('/orders/:id',");
    const found = await consistencyFindings(RULE, { '/w/orders/app.js': app });
    assert.deepEqual(where(found, { '/w/orders/app.js': app }), ["orders/app.js:6 '/orders/:id'"]);
    assert.match(found[0].message, /GET \/orders\/:id has no authentication in front of its handler, but the spec requires security/);
    assert.deepEqual(found[0].related?.map((r) => [r.path, r.range.start.line + 1]), [['/w/orders/openapi.yaml', 5]]);
  });

  it('reports a service with no auth in code at all once, on its first secured route', async () => {
    const app = APP.replace(/requireAuth, /g, '');
    const found = await consistencyFindings(RULE, { '/w/orders/app.js': app });
    assert.equal(found.length, 1);
    assert.match(found[0].message, /No route of service orders has authentication in code, yet its spec requires it for 2 operations/);
    assert.equal(found[0].related?.length, 2);
  });

  it('honours a per-operation requirement that overrides the global one', async () => {
    const spec = SPEC.replace("  /orders/{id}:\n    get:\n", "  /orders/{id}:\n    get:\n      security: []\n");
    const app = APP.replace("app.get('/orders/:id', requireAuth,", "app.get('/orders/:id',");
    assert.deepEqual(await consistencyFindings(RULE, { '/w/orders/app.js': app, '/w/orders/openapi.yaml': spec }), []);
  });
});
