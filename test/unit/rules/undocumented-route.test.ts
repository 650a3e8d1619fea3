import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP, consistencyFindings, SPEC, where } from './consistencyHelpers';

const RULE = 'undocumented-route';
const withRoute = (line: string) => APP.replace('app.listen', `${line}\napp.listen`);

describe(RULE, () => {
  it('reports nothing when every route is in the spec and health routes are exempt', async () => {
    assert.deepEqual(await consistencyFindings(RULE, {}), []);
  });

  it('reports a route the spec does not describe, on the route, with the spec as related location', async () => {
    const app = withRoute("app.delete('/orders/:id', requireAuth, (req, res) => res.end());");
    const found = await consistencyFindings(RULE, { '/w/orders/app.js': app });
    assert.deepEqual(where(found, { '/w/orders/app.js': app }), ["orders/app.js:8 '/orders/:id'"]);
    assert.match(found[0].message, /^DELETE \/orders\/:id is served by service orders, but no operation of its spec \(openapi\.yaml\)/);
    assert.equal(found[0].related?.[0].path, '/w/orders/openapi.yaml');
  });

  it('reports the routes missing from a spec generated from the code once, as an out-of-date spec, without a stub to add by hand', async () => {
    const app = withRoute("app.delete('/orders/:id', requireAuth, (req, res) => res.end());\napp.put('/orders/:id', requireAuth, (req, res) => res.end());");
    const generated = SPEC.replace('components:\n', 'components:\n  schemas:\n    HTTPValidationError:\n      type: object\n');
    const found = await consistencyFindings(RULE, { '/w/orders/app.js': app, '/w/orders/openapi.yaml': generated });
    assert.deepEqual(where(found, { '/w/orders/app.js': app }), ["orders/app.js:8 '/orders/:id'"]);
    assert.match(found[0].message, /^DELETE \/orders\/:id and 1 more route served by service orders are missing from its spec \(openapi\.yaml\), which is generated from the code: the spec is out of date/);
    assert.equal(found[0].fix, undefined);
    assert.deepEqual(found[0].related?.map((r) => r.message), ['the generated spec of service orders', 'PUT /orders/:id: also missing from the spec']);
    // The same routes against a hand-written spec: one finding each, each with its stub.
    assert.equal((await consistencyFindings(RULE, { '/w/orders/app.js': app })).length, 2);
  });

  it('reports routes registered by hand beside a spec generated from .proto files once, as information that names the .proto as the source', async () => {
    const app = withRoute("app.get('/file/:name', (req, res) => res.end());\napp.get('/sse', (req, res) => res.end());");
    const proto = `# Generated with protoc-gen-openapi\n${SPEC.replace('components:\n', 'components:\n  schemas:\n    GoogleProtobufAny:\n      type: object\n')}`;
    const found = await consistencyFindings(RULE, { '/w/orders/app.js': app, '/w/orders/openapi.yaml': proto });
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'information');
    assert.match(found[0].message, /^GET \/file\/:name and 1 more route served by service orders are registered by hand, outside the \.proto files its spec \(openapi\.yaml\) is generated from/);
  });

  it('offers a fix that adds a path item stub to the spec file, not to the code', async () => {
    const app = withRoute("app.put('/orders/:orderId', requireAuth, (req, res) => res.end());");
    const [f] = await consistencyFindings(RULE, { '/w/orders/app.js': app });
    assert.equal(f.fix?.path, '/w/orders/openapi.yaml');
    assert.match(f.fix!.edits[0].newText, /put:\n\s+operationId: putOrdersByOrderId\n\s+parameters:\n\s+- name: orderId\n\s+in: path/);
  });

  it('gives no spec of a package of its own below the service folder (a docs site) to the service, and keeps a spec beside a spec tool\'s package.json', async () => {
    const app = withRoute("app.delete('/orders/:id', requireAuth, (req, res) => res.end());");
    const docsSite = { '/w/orders/openapi.yaml': undefined, '/w/orders/app.js': app, '/w/orders/docs/package.json': '{"dependencies": {"next": "15.1.0"}}', '/w/orders/docs/app/page.tsx': 'export default function Page() { return null; }', '/w/orders/docs/lib/openapi.yaml': SPEC };
    assert.deepEqual(await consistencyFindings(RULE, docsSite), []);
    const lintOnly = { '/w/orders/openapi.yaml': undefined, '/w/orders/app.js': app, '/w/orders/api/package.json': '{"devDependencies": {"@redocly/cli": "1.25.0"}}', '/w/orders/api/openapi.yaml': SPEC };
    assert.deepEqual(where(await consistencyFindings(RULE, lintOnly), { '/w/orders/app.js': app }), ["orders/app.js:8 '/orders/:id'"]);
  });

  it('leaves routes outside the base path every spec declares (a page, a feed) to themselves, and reports an API route below it', async () => {
    const spec = SPEC.replace("info:", "servers:\n  - url: http://localhost:3000/api\ninfo:").replace(/\/orders/g, '/orders');
    const app = "const express = require('express');\nconst app = express();\nconst requireAuth = require('./auth');\napp.get('/api/orders', requireAuth, (req, res) => res.json([]));\napp.post('/api/orders', (req, res) => res.json({}));\napp.get('/api/orders/:id', requireAuth, (req, res) => res.json({}));\napp.get('/api/users', requireAuth, (req, res) => res.json([]));\napp.get('/subscription/form', (req, res) => res.send('<html>'));\napp.get('/campaign/:id/feed.rss', (req, res) => res.send(''));\napp.listen(3000);\n";
    const found = await consistencyFindings(RULE, { '/w/orders/openapi.yaml': spec, '/w/orders/app.js': app });
    assert.deepEqual(found.map((f) => f.message.split(' is served')[0]), ['GET /api/users']);
  });

  it('reports nothing for a service whose spec no route matches (the mapping is doubtful)', async () => {
    const app = "const express = require('express');\nconst app = express();\napp.get('/other', (q, r) => r.end());\napp.listen(3000);\n";
    assert.deepEqual(await consistencyFindings(RULE, { '/w/orders/app.js': app }), []);
  });

  it('reports nothing when no spec belongs to the service', async () => {
    const app = withRoute("app.delete('/orders/:id', (req, res) => res.end());");
    assert.deepEqual(await consistencyFindings(RULE, { '/w/orders/app.js': app, '/w/orders/openapi.yaml': undefined, '/w/specs/petstore.yaml': SPEC.replace('title: Orders', 'title: Petstore') }), []);
  });

  it('finds the spec of a service named in the config file', async () => {
    const app = withRoute("app.delete('/orders/:id', (req, res) => res.end());");
    const files = { '/w/orders/app.js': app, '/w/orders/openapi.yaml': undefined, '/w/contracts/v1.yaml': SPEC.replace('title: Orders', 'title: Public') };
    assert.equal((await consistencyFindings(RULE, files)).length, 0);
    assert.equal((await consistencyFindings(RULE, files, { services: { orders: { spec: 'contracts/v1.yaml' } } })).length, 1);
  });

  it('leaves test files out: their routes are neither reported nor counted as the service routes', async () => {
    const test = "const express = require('express');\nconst app = express();\napp.get('/test-only', (q, r) => r.end());\n";
    assert.deepEqual(await consistencyFindings(RULE, { '/w/orders/app.test.js': test }), []);
  });

  it('finds the service of a file nested deeper than the service-folder search goes, through its spec', async () => {
    const deep = '/w/orders/src/a/b/c/d/e/f/app.js';
    const app = withRoute("app.delete('/orders/:id', requireAuth, (req, res) => res.end());");
    const found = await consistencyFindings(RULE, { '/w/compose.yaml': undefined, '/w/orders/app.js': undefined, [deep]: app });
    assert.deepEqual(found.map((f) => f.path), [deep]);
  });
});
