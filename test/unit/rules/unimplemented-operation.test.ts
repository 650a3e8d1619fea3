import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP, consistencyFindings, SPEC, where } from './consistencyHelpers';

const RULE = 'unimplemented-operation';
const withOp = SPEC.replace('components:', `  /orders/{id}/cancel:
    post:
      responses:
        '202':
          description: Accepted
components:`);

describe(RULE, () => {
  it('reports nothing when every operation has a route', async () => {
    assert.deepEqual(await consistencyFindings(RULE, {}), []);
  });

  it('reports an operation no route serves, on its method key in the spec', async () => {
    const found = await consistencyFindings(RULE, { '/w/orders/openapi.yaml': withOp });
    assert.deepEqual(where(found, { '/w/orders/openapi.yaml': withOp }), ['orders/openapi.yaml:25 post']);
    assert.match(found[0].message, /^POST \/orders\/\{id\}\/cancel is described here, but none of the 4 routes of service orders/);
  });

  it('matches a route mounted under a router prefix in another file', async () => {
    const app = APP.replace('app.listen', "app.use('/orders', require('./cancel'));\napp.listen");
    const cancel = "const express = require('express');\nconst router = express.Router();\nrouter.post('/:id/cancel', (req, res) => res.end());\nmodule.exports = router;\n";
    assert.deepEqual(await consistencyFindings(RULE, { '/w/orders/openapi.yaml': withOp, '/w/orders/app.js': app, '/w/orders/cancel.js': cancel }), []);
  });

  it('reports nothing while a route of the service is built at run time', async () => {
    const app = APP.replace('app.listen', 'app.post(base + "/x", (req, res) => res.end());\napp.listen');
    assert.deepEqual(await consistencyFindings(RULE, { '/w/orders/openapi.yaml': withOp, '/w/orders/app.js': app }), []);
  });

  it('reports nothing for a service with a Spring Data REST repository, whose routes are made at run time', async () => {
    const repo = '@RepositoryRestResource(path = "orders")\npublic interface OrderRepository extends MongoRepository<Order, String> {}\n';
    assert.deepEqual(await consistencyFindings(RULE, { '/w/orders/openapi.yaml': withOp, '/w/orders/OrderRepository.java': repo }), []);
  });

  describe('the spec of an API the service calls', () => {
    const VENDOR = `openapi: 3.0.1
info:
  title: Mail vendor API
  version: '3'
servers:
  - url: https://api.mailvendor.com/v3
paths:
  /mail/send:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                to:
                  type: string
      responses:
        '202':
          description: Accepted
`;
    const path = '/w/orders/src/plugins/mail/mail.spec.yaml';
    const all = async (files: Record<string, string>, config = {}) => {
      const out = [];
      for (const rule of ['unimplemented-operation', 'unbounded-input', 'missing-auth', 'missing-rate-limit']) out.push(...(await consistencyFindings(rule, files, config)).filter((f) => f.path === path));
      return out;
    };

    it('gives one information finding and runs no design rule on a spec whose server is public and that no API route serves', async () => {
      const found = await all({ [path]: VENDOR });
      assert.deepEqual(found.map((f) => [f.ruleId, f.severity]), [['unimplemented-operation', 'information']]);
      assert.deepEqual(where(found, { [path]: VENDOR }), ['orders/src/plugins/mail/mail.spec.yaml:6 https://api.mailvendor.com/v3']);
      assert.match(found[0].message, /The one operation of this spec is not served by the 4 routes of service orders, and its server is api\.mailvendor\.com: it is read as the spec of an API the service calls/);
    });

    it('gives the called specs of one folder one finding, on the first in path order', async () => {
      const second = VENDOR.replace('/mail/send:', '/mail/batch:');
      // mail.spec.yaml sorts after batch.spec.yaml: no finding of its own, and still no design rule.
      assert.deepEqual(await all({ [path]: VENDOR, '/w/orders/src/plugins/mail/batch.spec.yaml': second }), []);
      const other = (await consistencyFindings(RULE, { [path]: VENDOR, '/w/orders/src/plugins/mail/batch.spec.yaml': second })).filter((f) => f.severity === 'information');
      assert.deepEqual(other.map((f) => f.path), ['/w/orders/src/plugins/mail/batch.spec.yaml']);
      assert.match(other[0].message, /\(so are the 1 other specs of this folder\)/);
    });

    it('reports no route of a service whose only spec is one it calls as undocumented', async () => {
      // The vendor's root page and the service's match, as any two APIs' would: no sign that the spec is the service's.
      const withRoot = VENDOR.replace('paths:\n', "paths:\n  /:\n    get:\n      responses:\n        '200':\n          description: OK\n");
      const app = APP.replace('app.listen', "app.get('/', (req, res) => res.send('hi'));\napp.listen");
      assert.deepEqual(await consistencyFindings('undocumented-route', { '/w/orders/openapi.yaml': undefined, [path]: withRoot, '/w/orders/app.js': app }), []);
    });

    it('judges such a spec as the service own when one of its operations is an API route of the service', async () => {
      const served = VENDOR.replace('/mail/send:', '/orders:');
      const found = await all({ [path]: served });
      assert.ok(found.some((f) => f.ruleId === 'unbounded-input' && f.severity === 'warning'), JSON.stringify(found));
      assert.ok(!found.some((f) => f.ruleId === 'unimplemented-operation' && f.severity === 'information'));
    });

    it('does not count the root page or a probe as serving the spec', async () => {
      const withRoot = VENDOR.replace('paths:\n', "paths:\n  /:\n    get:\n      responses:\n        '200':\n          description: OK\n");
      const app = APP.replace('app.listen', "app.get('/', (req, res) => res.send('hi'));\napp.listen");
      const found = await all({ [path]: withRoot, '/w/orders/app.js': app });
      assert.deepEqual(found.map((f) => [f.ruleId, f.severity]), [['unimplemented-operation', 'information']]);
    });

    it('reads a spec without a public server as called when the service code loads it as data', async () => {
      const local = VENDOR.replace('https://api.mailvendor.com/v3', '/v3');
      const loader = "const { readFileSync } = require('fs');\nconst spec = readFileSync(require('path').join(__dirname, './mail.spec.yaml'), 'utf8');\nmodule.exports = { spec };\n";
      const found = await all({ [path]: local, '/w/orders/src/plugins/mail/index.js': loader });
      assert.deepEqual(found.map((f) => [f.ruleId, f.severity]), [['unimplemented-operation', 'information']]);
      assert.match(found[0].message, /src\/plugins\/mail\/index\.js loads it as data/);
      // Loaded by a library that serves an API from it: the service's own spec, whose unserved operation is reported.
      const served = loader.replace("module.exports = { spec };", "const OpenAPIBackend = require('openapi-backend').default;\nnew OpenAPIBackend({ definition: spec });");
      const own = await all({ [path]: local, '/w/orders/src/plugins/mail/index.js': served });
      assert.ok(own.some((f) => f.ruleId === 'unimplemented-operation' && f.severity === 'warning'), JSON.stringify(own));
      // Not loaded at all: the service's own spec.
      assert.ok((await all({ [path]: local })).some((f) => f.ruleId === 'unimplemented-operation' && f.severity === 'warning'));
    });

    it('keeps a spec the configuration file maps to the service as the service own', async () => {
      const found = await all({ [path]: VENDOR }, { services: { orders: { spec: ['orders/openapi.yaml', 'orders/src/plugins/mail/mail.spec.yaml'] } } });
      assert.ok(found.some((f) => f.ruleId === 'unimplemented-operation' && f.severity === 'warning'), JSON.stringify(found));
    });

    it('does not take a loopback, private or placeholder server for a public one', async () => {
      for (const url of ['http://localhost:8080/v3', 'http://10.0.0.4/v3', 'https://api.example.com/v3', 'http://orders.default.svc/v3', 'https://{host}/v3']) {
        const found = await all({ [path]: VENDOR.replace('https://api.mailvendor.com/v3', url) });
        assert.ok(found.some((f) => f.ruleId === 'unimplemented-operation' && f.severity === 'warning'), `${url}: ${JSON.stringify(found)}`);
      }
    });
  });
});
