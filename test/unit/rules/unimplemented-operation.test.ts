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
});
