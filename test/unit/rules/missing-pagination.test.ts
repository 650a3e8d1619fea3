import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diskFindings } from './serviceHelpers';
import { components, param, ref, resp, ruleCases, spec, type V } from '../openapi/build';

const list = { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 5 } };
const get = (v: V, schema: object, parameters: object[] = [], path = '/v1/orders') => spec(v, { paths: { [path]: { get: { parameters, responses: { '200': resp(v, schema as never) } } } } });

describe('missing-pagination', () => {
  ruleCases('missing-pagination', [
    { name: 'reports a GET that returns an array with no paging parameter, with a limit+cursor fix', doc: (v) => get(v, list), expect: [{ message: 'GET /v1/orders returns an array with no limit, page or cursor parameter', at: 'get', fix: true }] },
    {
      name: 'reports a GET whose body wraps the list as its only array property',
      doc: (v) => get(v, { type: 'object', properties: { data: list, total: { type: 'integer' } } }),
      expect: [{ message: "returns a list in 'data'", fix: true }],
    },
    {
      name: 'follows a $ref to a list schema and keeps existing parameters in the fix',
      doc: (v) => spec(v, { ...components(v, { schemas: { Orders: list } }), paths: { '/v1/orders': { get: { parameters: [param(v, 'status', 'query')], responses: { '200': resp(v, ref(v, 'schemas', 'Orders')) } } } } }),
      expect: [{ message: 'returns an array', fix: true }],
    },
    { name: "finds nothing for collections of configuration people set up one by one (a project's webhooks, MFA factors, identity providers)", doc: (v) => spec(v, { paths: Object.fromEntries(['/v1/projects/{id}/webhooks/', '/factors', '/admin/sso/providers'].map((p) => [p, { get: { responses: { '200': resp(v, list as never) } } }])) }), expect: [] },
    { name: 'still reports a collection that grows with use beside them (a project\'s webhook deliveries)', doc: (v) => get(v, list, [], '/v1/projects/{id}/webhooks/{hook}/deliveries'), expect: [{ message: 'GET /v1/projects/{id}/webhooks/{hook}/deliveries returns an array' }] },
    { name: 'finds nothing when a limit parameter exists', doc: (v) => get(v, list, [param(v, 'limit', 'query', { type: 'integer', maximum: 100 })]), expect: [] },
    { name: 'finds nothing when a page_token or $top parameter exists', doc: (v) => get(v, list, [param(v, 'pageToken', 'query'), param(v, '$top', 'query', { type: 'integer', maximum: 9 })]), expect: [] },
    { name: 'finds nothing with a structured paging parameter like searchCriteria[pageSize]', doc: (v) => get(v, list, [param(v, 'searchCriteria[pageSize]', 'query', { type: 'integer', maximum: 9 })]), expect: [] },
    { name: 'finds nothing for a single resource with an items array on a /{id} path', doc: (v) => get(v, { type: 'object', properties: { items: list } }, [], '/v1/orders/{id}'), expect: [] },
    { name: 'finds nothing when the body links to the next page (nextLink)', doc: (v) => get(v, { type: 'object', properties: { value: list, nextLink: { type: 'string' } } }), expect: [] },
    { name: 'finds nothing when the body carries page details', doc: (v) => get(v, { type: 'object', properties: { items: list, pageDetails: { type: 'object' } } }), expect: [] },
    { name: 'finds nothing for an object with two arrays', doc: (v) => get(v, { type: 'object', properties: { a: list, b: list } }), expect: [] },
    { name: 'finds nothing for a POST that returns an array', doc: (v) => spec(v, { paths: { '/v1/o': { post: { responses: { '200': resp(v, list) } } } } }), expect: [] },
  ], 'information');
});

describe('missing-pagination on a generated spec', () => {
  const SPEC = ['openapi: 3.0.3', 'info:', '  title: Flags', "  version: '1'", 'paths:',
    ...['flags', 'keys', 'invites'].flatMap((r) => [`  /api/v1/${r}/:`, '    get:', '      responses:', "        '200':", '          description: ok', '          content:', '            application/json:', '              schema:', '                type: array', '                items:', '                  type: string']), ''].join('\n');

  it('notes the lists of a spec written by a filter or generator once, and a hand-written spec per list', async () => {
    const makefile = ['mcp-openapi:', '\tnpx openapi-format ../openapi.yaml --filterFile f.yaml \\', '\t  --output ../mcp/openapi.yaml', ''].join('\n');
    const generated = await diskFindings(['missing-pagination'], { 'mcp/openapi.yaml': SPEC, 'api/Makefile': makefile });
    assert.deepEqual(generated, ['mcp/openapi.yaml']);
    assert.deepEqual(await diskFindings(['missing-pagination'], { 'mcp/openapi.yaml': SPEC }), ['mcp/openapi.yaml', 'mcp/openapi.yaml', 'mcp/openapi.yaml']);
  });
});
