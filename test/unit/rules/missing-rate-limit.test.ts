import { describe } from 'node:test';
import { components, ok, ref, resp, ruleCases, spec } from '../openapi/build';

describe('missing-rate-limit', () => {
  ruleCases('missing-rate-limit', [
    {
      name: 'reports an API where no operation declares rate limiting once, with a fix that adds a shared 429',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: ok }, post: { responses: { '201': { description: 'created' } } } } } }),
      expect: [{ message: 'No operation declares rate limiting (no 429 response, no rate-limit headers) across 2 operations', fix: true }],
    },
    {
      name: 'reports only the operations without a 429 when others declare one',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: { ...ok, '429': { description: 'slow down' } } }, post: { responses: ok } } } }),
      expect: [{ message: 'POST /v1/o declares no 429 response', at: 'post', fix: true }],
    },
    {
      name: 'reports once for the spec when only a minority of operations declare a 429, fixing the others',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: { ...ok, '429': { description: 'slow down' } } }, post: { responses: ok }, delete: { responses: ok } } } }),
      expect: [{ message: 'Only 1 of 3 operations declare rate limiting (no 429 response, no rate-limit headers) across 2 operations', fix: true }],
    },
    {
      name: 'adds the missing reference to an existing shared 429 response',
      doc: (v) => spec(v, { ...components(v, { responses: { TooManyRequests: { description: 'slow down' } } }), paths: { '/v1/o': { get: { responses: { ...ok, '429': ref(v, 'responses', 'TooManyRequests') } }, post: { responses: ok } } } }),
      expect: [{ message: 'POST /v1/o', fix: true }],
    },
    { name: 'finds nothing when every operation has a 429 response', doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: { ...ok, '429': { description: 'slow down' } } } } } }), expect: [] },
    { name: 'accepts X-RateLimit-Remaining response headers instead of a 429', doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: { '200': resp(v, undefined, { 'X-RateLimit-Remaining': { type: 'integer' } }) } } } } }), expect: [] },
    { name: 'finds nothing in a spec without operations', doc: (v) => spec(v, { paths: {} }), expect: [] },
    { name: 'accepts an operation extension that assigns a rate-limit bucket or throttling tier (x-ory-ratelimit-bucket, x-throttling-tier)', doc: (v) => spec(v, { paths: { '/v1/o': { get: { 'x-ory-ratelimit-bucket': 'hydra-public-medium', responses: { ...ok } }, post: { 'x-throttling-tier': 'Gold', responses: { ...ok } } } } }), expect: [] },
    { name: 'does not take another extension for rate limiting', doc: (v) => spec(v, { paths: { '/v1/o': { get: { 'x-codegen-request-body-name': 'body', responses: { ...ok } } } } }), expect: [{ message: 'No operation declares rate limiting' }] },
  ], 'information');
});

