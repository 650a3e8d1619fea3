import { describe } from 'node:test';
import { ok, ruleCases, spec } from '../openapi/build';

describe('missing-health-endpoint', () => {
  ruleCases('missing-health-endpoint', [
    { name: 'reports a spec with operations and no health path once', doc: (v) => spec(v, { paths: { '/v1/orders': { get: { responses: ok } }, '/v1/users': { get: { responses: ok } } } }), expect: [{ message: 'No health or readiness endpoint among the 2 operations' }] },
    { name: 'finds nothing with /health', doc: (v) => spec(v, { paths: { '/v1/orders': { get: { responses: ok } }, '/health': { get: { responses: ok } } } }), expect: [] },
    { name: 'finds nothing with /v1/readyz', doc: (v) => spec(v, { paths: { '/v1/orders': { get: { responses: ok } }, '/v1/readyz': { get: { responses: ok } } } }), expect: [] },
    { name: 'does not take /healthcare-providers for a health endpoint', doc: (v) => spec(v, { paths: { '/healthcare-providers': { get: { responses: ok } } } }), expect: [{ message: 'among the 1 operation' }] },
    { name: 'finds nothing in a spec generated from a .proto file (a gRPC service behind its HTTP gateway), and reports the same spec titled as an API', doc: (v) => ({ ...spec(v, { paths: { '/v1/orders': { post: { responses: ok } } } }), info: { title: 'counter.proto', version: 'version not set' } }), expect: [] },
    { name: 'reports a spec whose title only mentions proto', doc: (v) => ({ ...spec(v, { paths: { '/v1/orders': { post: { responses: ok } } } }), info: { title: 'Proto orders', version: '1' } }), expect: [{ message: 'among the 1 operation' }] },
    { name: 'finds nothing in a spec without operations', doc: (v) => spec(v, { paths: {} }), expect: [] },
  ], 'information');
});
