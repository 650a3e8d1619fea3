import { describe } from 'node:test';
import { ok, param, ruleCases, spec, type V } from '../openapi/build';

const at = (v: V, base: string, path = '/orders') =>
  v === '2.0' ? spec(v, { host: 'api.example.com', basePath: base, paths: { [path]: { get: { responses: ok } } } }) : spec(v, { servers: [{ url: `https://api.example.com${base}` }], paths: { [path]: { get: { responses: ok } } } });

describe('unversioned-api', () => {
  ruleCases('unversioned-api', [
    { name: 'reports an API without a version anywhere once', doc: (v) => at(v, '/api'), expect: [{ message: 'No API version in the server URL, the paths' }] },
    { name: 'finds nothing with /v1 in the base URL', doc: (v) => at(v, '/api/v1'), expect: [] },
    { name: 'finds nothing with /v2 in the paths', doc: (v) => at(v, '/', '/v2/orders'), expect: [] },
    { name: 'finds nothing with a version path parameter (/api/{version}/orders)', doc: (v) => at(v, '/', '/api/{version}/orders'), expect: [] },
    { name: 'finds nothing with a date version in the base URL', doc: (v) => at(v, '/2024-01-01'), expect: [] },
    { name: 'finds nothing with an api-version query parameter', doc: (v) => spec(v, { paths: { '/orders': { get: { parameters: [param(v, 'api-version', 'query')], responses: ok } } } }), expect: [] },
    { name: 'does not take /devices or /v1beta-like words inside a segment for versions', doc: (v) => at(v, '/devices', '/overview'), expect: [{ message: 'No API version' }] },
  ], 'information');
});
