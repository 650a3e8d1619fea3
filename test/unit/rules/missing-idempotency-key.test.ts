import { describe } from 'node:test';
import { body, param, ruleCases, spec, type V } from '../openapi/build';

const created = { '201': { description: 'created' } };
const post = (v: V, path: string, headers: object[] = [], responses: object = created) => ({ [path]: { post: { parameters: headers, responses } } });
const key = (v: V) => param(v, 'Idempotency-Key', 'header', { type: 'string', maxLength: 64 });

describe('missing-idempotency-key', () => {
  ruleCases('missing-idempotency-key', [
    { name: 'reports the only create operation without an Idempotency-Key at its method', doc: (v) => spec(v, { paths: post(v, '/v1/orders') }), expect: [{ message: 'POST /v1/orders creates a resource without an Idempotency-Key header', at: 'post' }] },
    {
      name: 'reports several create operations without the header once for the API',
      doc: (v) => spec(v, { paths: { ...post(v, '/v1/orders'), ...post(v, '/v1/users') } }),
      expect: [{ message: '2 of 2 POST operations create resources without an Idempotency-Key header' }],
    },
    {
      name: 'reports the create operation that lacks the header when another has it',
      doc: (v) => spec(v, { paths: { ...post(v, '/v1/orders', [key(v)]), ...post(v, '/v1/users') } }),
      expect: [{ message: 'POST /v1/users creates a resource without an Idempotency-Key header, unlike other create operations', at: 'post' }],
    },
    {
      name: 'counts a POST with a body to a collection answered with 200 as a create',
      doc: (v) => spec(v, { paths: { '/v1/orders': { post: { ...body(v, { type: 'object' }), responses: { '200': { description: 'ok' } } } } } }),
      expect: [{ message: 'POST /v1/orders creates a resource' }],
    },
    { name: 'finds nothing when the create operation takes an Idempotency-Key', doc: (v) => spec(v, { paths: post(v, '/v1/orders', [key(v)]) }), expect: [] },
    { name: 'finds nothing for gRPC or Connect methods (POST /shop.v1.AIService/Chat), and reports a POST to a collection beside them', doc: (v) => spec(v, { paths: Object.fromEntries(['/shop.v1.AIService/Chat', '/api/Orders'].map((p) => [p, { post: { ...body(v, { type: 'object' }), responses: { '200': { description: 'ok' } } } }])) }), expect: [{ message: 'POST /api/Orders creates a resource' }] },
    { name: 'finds nothing for an evaluation POST (/evaluate, /evaluation/batch) answered with 200', doc: (v) => spec(v, { paths: { '/evaluate/v1/evaluate': { post: { ...body(v, { type: 'object' }), responses: { '200': { description: 'ok' } } } } } }), expect: [] },
    { name: 'finds nothing for an action POST like /search answered with 200', doc: (v) => spec(v, { paths: { '/v1/orders/search': { post: { ...body(v, { type: 'object' }), responses: { '200': { description: 'ok' } } } } } }), expect: [] },
    { name: 'finds nothing for receivers of another system\'s events (on-sign-up, a webhook, a callback), and reports a POST to a collection beside them', doc: (v) => spec(v, { paths: Object.fromEntries(['/api/users/on-sign-up', '/api/payments/stripe-webhook', '/api/oauth/callback', '/api/orders'].map((p) => [p, { post: { ...body(v, { type: 'object' }), responses: { '200': { description: 'ok' } } } }])) }), expect: [{ message: 'POST /api/orders creates a resource' }] },
    { name: 'finds nothing for an RPC-style POST like /rcra_rest_services.get_facilities', doc: (v) => spec(v, { paths: { '/rcra_rest_services.get_facilities': { post: { ...body(v, { type: 'object' }), responses: { '200': { description: 'ok' } } } }, '/v1/get_items': { post: { ...body(v, { type: 'object' }), responses: { '200': { description: 'ok' } } } } } }), expect: [] },
    { name: 'finds nothing for PUT, which is idempotent', doc: (v) => spec(v, { paths: { '/v1/orders/{id}': { put: { responses: created } } } }), expect: [] },
  ], 'information');
});
