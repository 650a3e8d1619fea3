import { describe } from 'node:test';
import { components, ok, param, ref, resp, ruleCases, spec } from '../openapi/build';

describe('missing-correlation-id', () => {
  ruleCases('missing-correlation-id', [
    { name: 'reports an API with no request-id or trace header once', doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: ok }, post: { responses: ok } } } }), expect: [{ message: 'No request-id, correlation-id or traceparent header anywhere in the API (2 operations)' }] },
    { name: 'finds nothing when an operation takes X-Request-ID', doc: (v) => spec(v, { paths: { '/v1/o': { get: { parameters: [param(v, 'X-Request-ID', 'header')], responses: ok } } } }), expect: [] },
    { name: 'finds nothing when a shared traceparent parameter exists', doc: (v) => spec(v, { ...components(v, { parameters: { Trace: param(v, 'traceparent', 'header') } }), paths: { '/v1/o': { get: { parameters: [ref(v, 'parameters', 'Trace')], responses: ok } } } }), expect: [] },
    { name: 'finds nothing when a response returns X-Correlation-Id', doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: { '200': resp(v, undefined, { 'X-Correlation-Id': { type: 'string' } }) } } } } }), expect: [] },
    { name: 'does not count a query parameter named request_id', doc: (v) => spec(v, { paths: { '/v1/o': { get: { parameters: [param(v, 'request_id', 'query')], responses: ok } } } }), expect: [{ message: '1 operation' }] },
    { name: 'finds nothing in a spec without operations', doc: (v) => spec(v, { paths: {} }), expect: [] },
  ], 'information');
});
