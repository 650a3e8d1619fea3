import { describe } from 'node:test';
import { ok, param, ruleCases, spec } from '../openapi/build';

describe('missing-error-responses', () => {
  ruleCases('missing-error-responses', [
    {
      name: 'reports an API without any error response once, with a shared problem+json fix',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: ok }, delete: { responses: { '204': { description: 'gone' } } } } } }),
      expect: [{ message: 'No operation documents a 4xx or default error response (2 operations without)', fix: true }],
    },
    {
      name: 'reports the operation that lacks error responses when the others have them',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: { ...ok, '404': { description: 'not found' } } }, post: { responses: ok } } } }),
      expect: [{ message: 'POST /v1/o documents no 4xx or default response', at: 'post', fix: true }],
    },
    {
      name: 'leaves an operation that takes no input alone when the others document only a validation error (422), and reports one that takes input',
      doc: (v) => spec(v, { paths: {
        '/v1/a': { get: { parameters: [param(v, 'q', 'query')], responses: { ...ok, '422': { description: 'invalid' } } } },
        '/v1/b': { get: { parameters: [param(v, 'q', 'query')], responses: { ...ok, '422': { description: 'invalid' } } } },
        '/v1/limits': { get: { responses: ok } },
        '/v1/c': { get: { parameters: [param(v, 'q', 'query')], responses: ok } },
      } }),
      expect: [{ message: 'GET /v1/c documents no 4xx or default response', at: 'get', fix: true }],
    },
    { name: 'accepts a default response', doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: { ...ok, default: { description: 'error' } } } } } }), expect: [] },
    { name: 'accepts a 4XX range response', versions: ['3.0', '3.1'], doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: { ...ok, '4XX': { description: 'client error' } } } } } }), expect: [] },
    {
      name: 'does not count a 5xx response as documenting client errors',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { responses: { ...ok, '500': { description: 'oops' } } } } } }),
      expect: [{ message: 'No operation documents a 4xx or default error response (1 operation without)' }],
    },
  ], 'information');
});
