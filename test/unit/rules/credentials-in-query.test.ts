import { describe } from 'node:test';
import { components, ok, param, ref, ruleCases, spec } from '../openapi/build';

describe('credentials-in-query', () => {
  ruleCases('credentials-in-query', [
    {
      name: 'reports an apiKey security scheme sent in the query',
      doc: (v) => spec(v, { ...components(v, { securitySchemes: { key: { type: 'apiKey', in: 'query', name: 'api_key' } } }), security: [{ key: [] }], paths: { '/v1/o': { get: { responses: ok } } } }),
      expect: [{ message: "Security scheme 'key' sends its API key 'api_key' in the query string", at: 'key' }],
    },
    {
      name: 'reports an inline token query parameter once for every operation that takes it',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { parameters: [param(v, 'access_token', 'query')], responses: ok }, post: { parameters: [param(v, 'access_token', 'query')], responses: ok } } } }),
      expect: [{ message: "Query parameter 'access_token' carries a credential (used by 2 operations)", at: 'access_token' }],
    },
    {
      name: 'reports a token on a GET that no e-mail link opens, beside one that a link opens (a hint, below)',
      doc: (v) => spec(v, { paths: { '/v1/reports': { get: { parameters: [param(v, 'token', 'query')], responses: ok } } } }),
      expect: [{ message: "Query parameter 'token' carries a credential (used by GET /v1/reports)", at: 'token' }],
    },
    {
      name: 'reports a shared password parameter once, at the component',
      doc: (v) => spec(v, { ...components(v, { parameters: { Pw: param(v, 'password', 'query') } }), paths: { '/v1/a': { get: { parameters: [ref(v, 'parameters', 'Pw')], responses: ok } }, '/v1/b': { get: { parameters: [ref(v, 'parameters', 'Pw')], responses: ok } } } }),
      expect: [{ message: "Query parameter 'password' carries a credential (used by 2 operations)", at: 'Pw' }],
    },
    {
      name: 'reports a query parameter named key whose description says it is an API key',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { parameters: [{ ...param(v, 'key', 'query'), description: 'API key. Your API key identifies your project.' }], responses: ok } } } }),
      expect: [{ message: "Query parameter 'key' carries a credential" }],
    },
    { name: 'finds nothing for a query parameter named key that is a cache key', doc: (v) => spec(v, { paths: { '/v1/caches': { delete: { parameters: [{ ...param(v, 'key', 'query'), description: 'A key for identifying the cache.' }], responses: ok } } } }), expect: [] },
    { name: 'finds nothing for a session id its description calls a filter (it selects stored traces), and reports one without', doc: (v) => spec(v, { paths: { '/v1/traces': { get: { parameters: [{ ...param(v, 'sessionId', 'query'), description: 'Filter by session ID.' }], responses: ok } }, '/v1/scores': { get: { parameters: [{ ...param(v, 'sessionId', 'query'), description: 'Retrieve only scores with a specific sessionId.' }], responses: ok } }, '/v1/me': { get: { parameters: [param(v, 'session_id', 'query')], responses: ok } } } }), expect: [{ message: "Query parameter 'session_id' carries a credential" }] },
    { name: 'finds nothing for a session id on an operation authenticated in a header (it names a stored session), and reports one on an open operation', doc: (v) => spec(v, { ...components(v, { securitySchemes: { basic: v === '2.0' ? { type: 'basic' } : { type: 'http', scheme: 'basic' } } }), paths: { '/v1/traces': { get: { security: [{ basic: [] }], parameters: [param(v, 'sessionId', 'query')], responses: ok } }, '/v1/resume': { get: { parameters: [param(v, 'session_id', 'query')], responses: ok } } } }), expect: [{ message: "Query parameter 'session_id' carries a credential" }] },
    { name: 'finds nothing for an apiKey in a header', doc: (v) => spec(v, { ...components(v, { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } }), paths: { '/v1/o': { get: { responses: ok } } } }), expect: [] },
    { name: 'finds nothing for a token in a header parameter', doc: (v) => spec(v, { paths: { '/v1/o': { get: { parameters: [param(v, 'token', 'header')], responses: ok } } } }), expect: [] },
    { name: 'finds nothing for ordinary query parameters like keyword or page_token', doc: (v) => spec(v, { paths: { '/v1/o': { get: { parameters: [param(v, 'keyword', 'query'), param(v, 'page_token', 'query')], responses: ok } } } }), expect: [] },
  ], 'warning');
});

describe('credentials-in-query on the token of a link sent by e-mail', () => {
  ruleCases('credentials-in-query', [
    {
      name: 'gives the token of GET /verify-email a hint to keep it single-use rather than move it to a header',
      doc: (v) => spec(v, { paths: { '/v1/users/verify-email': { get: { parameters: [param(v, 'token', 'query')], responses: ok } } } }),
      expect: [{ message: "Query parameter 'token' is the token of a link sent by e-mail (used by GET /v1/users/verify-email): it can only travel in the URL", at: 'token' }],
    },
  ], 'hint');
});
