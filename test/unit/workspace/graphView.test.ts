// The architecture map's graph: nodes by kind, typed and merged edges, external hosts, findings and system
// concerns on the nodes and edges they concern, cycles, the node limit, and the Markdown/Mermaid export.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity } from '../../../server/src/core/findings';
import { graphToMarkdown, graphToMermaid } from '../../../server/src/core/workspace/graphMermaid';
import { buildGraphView, type GraphFinding } from '../../../server/src/core/workspace/graphView';
import { buildWorkspaceModel, memoryFs } from '../../../server/src/core/workspace/index';

const lines = (...l: string[]) => l.join('\n') + '\n';
const build = (compose: string) => buildWorkspaceModel('/w', { fs: memoryFs({ '/w/docker-compose.yml': compose }), composeFiles: ['/w/docker-compose.yml'] });
const finding = (ruleId: string, line: number, severity: Severity = 'warning', path = '/w/docker-compose.yml', related?: number[]): GraphFinding => ({
  ruleId,
  severity,
  message: `${ruleId} here`,
  path,
  range: { start: { line, character: 2 }, end: { line, character: 8 } },
  ...(related ? { related: related.map((l) => ({ path, range: { start: { line: l, character: 6 }, end: { line: l, character: 9 } } })) } : {}),
});

const SHOP = lines(
  'services:', //                                 0
  '  api:', //                                     1
  '    build: ./api',
  '    environment:',
  '      ORDERS_URL: http://orders:8080', //       4
  '      DATABASE_URL: postgres://db:5432/shop', // 5
  '      PAY_URL: https://pay.example.com/v1', //  6
  '    depends_on: [db, orders]',
  '  orders:', //                                  8
  '    build: ./orders',
  '    environment:',
  '      DATABASE_URL: postgres://db:5432/shop', // 11
  '      REDIS_URL: redis://cache:6379/0', //      12
  '      API_URL: http://api:8080', //             13
  '  db:', //                                      14
  '    image: postgres:16',
  '  cache:', //                                   16
  '    image: redis:7',
  '  mq:',
  '    image: rabbitmq:3',
);

describe('architecture graph', () => {
  it('draws services, datastores with their databases, a broker and an external host', async () => {
    const g = buildGraphView(await build(SHOP));
    assert.deepEqual(g.nodes.map((n) => `${n.id}:${n.kind}:${n.detail ?? ''}`), ['api:service:', 'orders:service:', 'db:datastore:postgres: postgres, shop', 'cache:datastore:redis: 0', 'mq:broker:rabbitmq', 'external:pay.example.com:external:https']);
  });

  it('types each edge by what it reaches, merges depends_on into the configured connection, and keeps cycles', async () => {
    const g = buildGraphView(await build(SHOP));
    assert.deepEqual(g.edges.map((e) => `${e.id}:${e.kind}:${e.location?.line}`).sort(), ['api->db:database:5', 'api->external:pay.example.com:http:6', 'api->orders:http:4', 'orders->api:http:13', 'orders->cache:cache:12', 'orders->db:database:11'].sort());
    assert.equal(g.edges.find((e) => e.id === 'api->db')?.database, 'shop');
  });

  it('puts a compose finding on the service defined above it, a code finding on the service whose folder holds it, and counts the rest as elsewhere', async () => {
    const g = buildGraphView(await build(SHOP), [finding('missing-healthcheck', 15), finding('hardcoded-secret', 11, 'error'), finding('missing-timeout', 3, 'warning', '/w/orders/app.py'), finding('missing-auth', 0, 'warning', '/w/openapi.yaml')]);
    const by = (id: string) => g.nodes.find((n) => n.id === id)!;
    assert.deepEqual([by('db').count, by('db').worst], [1, 'warning']);
    assert.deepEqual([by('orders').count, by('orders').worst], [2, 'error']);
    assert.equal(by('api').count, 0);
    assert.equal(by('api').worst, undefined);
    assert.equal(g.elsewhere, 1);
    assert.deepEqual(g.rules, ['hardcoded-secret', 'missing-healthcheck', 'missing-timeout']);
  });

  it('draws a shared database on the datastore and on the connections it names, and missing breakers on the service calls', async () => {
    const g = buildGraphView(await build(SHOP), [finding('shared-database', 14, 'warning', undefined, [5, 11]), finding('missing-circuit-breaker', 3, 'information', '/w/api/main.py'), finding('single-replica', 16)]);
    const concerns = (list: { id: string; concerns: { ruleId: string }[] }[], id: string) => list.find((x) => x.id === id)!.concerns.map((c) => c.ruleId);
    assert.deepEqual(concerns(g.nodes, 'db'), ['shared-database']);
    assert.deepEqual(concerns(g.edges, 'api->db'), ['shared-database']);
    assert.deepEqual(concerns(g.edges, 'orders->db'), ['shared-database']);
    assert.deepEqual(concerns(g.edges, 'api->orders'), ['missing-circuit-breaker']);
    assert.deepEqual(concerns(g.edges, 'api->external:pay.example.com'), [], 'an external API is not a call between services');
    assert.deepEqual(concerns(g.nodes, 'cache'), ['single-replica']);
    assert.deepEqual(concerns(g.edges, 'orders->api'), []);
  });

  it('keeps at most maxNodes nodes, with the edges between them and the total', async () => {
    const many = lines('services:', ...Array.from({ length: 30 }, (_, i) => [`  s${i}:`, `    image: s:${i}`, '    environment:', `      NEXT_URL: http://s${i + 1}:80`]).flat());
    const g = buildGraphView(await build(many), [], 10);
    assert.equal(g.nodes.length, 10);
    assert.deepEqual(g.truncated, { total: 30, kept: 10 });
    assert.ok(g.edges.every((e) => g.nodes.some((n) => n.id === e.from) && g.nodes.some((n) => n.id === e.to)));
  });

  it('answers an empty graph for an empty model', async () => {
    const g = buildGraphView(await build('services: {}\n'));
    assert.deepEqual([g.nodes, g.edges, g.elsewhere], [[], [], 0]);
  });
});

describe('architecture graph as Markdown', () => {
  it('writes a Mermaid flowchart with a shape per kind and labelled edges', async () => {
    const m = graphToMermaid(buildGraphView(await build(SHOP)));
    assert.match(m, /^flowchart LR\n/);
    assert.match(m, /n2\[\("db<br\/>postgres: postgres, shop"\)\]/);
    assert.match(m, /n4\[\["mq<br\/>rabbitmq"\]\]/);
    assert.match(m, /n1 -->\|"cache: 0"\| n3/);
  });

  it('keeps names with HTML or Markdown characters as text, in the diagram and in the table', () => {
    const evil = '<img src=x onerror=alert(1)>|*x*';
    const md = graphToMarkdown({ nodes: [{ id: 'e', name: evil, kind: 'service', count: 1, worst: 'error', findings: [], concerns: [] }], edges: [], rules: [], elsewhere: 0 });
    assert.doesNotMatch(md, /<img/);
    assert.match(md, /#60;img src=x onerror=alert\(1\)#62;/);
    assert.match(md, /\| &lt;img src=x onerror=alert\(1\)&gt;\\\|\\\*x\\\* \| service \| 1 \| error \|/);
  });

  it('draws only the nodes asked for, and the edges between them', async () => {
    const g = buildGraphView(await build(SHOP));
    const m = graphToMermaid(g, new Set(['api', 'db']));
    assert.equal(m.split('\n').length, 4);
    assert.match(m, /n0 -->\|"database: shop"\| n1/);
  });
});
