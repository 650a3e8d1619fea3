// The architecture map's webview: its Content-Security-Policy, the zod schemas of its messages (both ways), and
// what it draws of a large graph (filters and the limit on drawn nodes).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mapContentSecurityPolicy, mapHtml, mapNonce } from '../../client/src/map/html';
import { parseGraph, parseHostToMap, parseMapToHost, type MapGraph } from '../../client/src/map/protocol';
import { DRAW_LIMIT, NO_FILTERS, visibleGraph } from '../../client/webview/map/filter';
import { layoutGraph } from '../../client/webview/map/layout';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function graphOf(n: number, cycle = false): MapGraph {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: `s${i}`, kind: 'service' as const, count: i % 3, findings: i % 3 ? [{ ruleId: i % 2 ? 'missing-timeout' : 'shared-database', severity: i % 2 ? ('warning' as const) : ('error' as const), message: 'm', location: { path: '/w/c.yml', line: i, character: 2 } }] : [], concerns: [], ...(i % 3 ? { worst: i % 2 ? ('warning' as const) : ('error' as const) } : {}) }));
  const edges = nodes.slice(1).map((x, i) => ({ id: `s${i}->${x.id}`, from: `s${i}`, to: x.id, kind: 'http' as const, concerns: [] }));
  if (cycle) edges.push({ id: `s${n - 1}->s0`, from: `s${n - 1}`, to: 's0', kind: 'http', concerns: [] });
  return { nodes, edges, rules: ['missing-timeout', 'shared-database'], elsewhere: 0 };
}

describe('map content security policy', () => {
  const csp = mapContentSecurityPolicy(SOURCE, mapNonce());
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  test('denies everything by default and runs only the nonce script', () => {
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.match(directives['script-src'].join(' '), /^'nonce-[A-Za-z0-9]{16,}'$/);
  });
  test('allows images only from the extension and blob: (the PNG export), and no connections', () => {
    assert.deepEqual(directives['img-src'], [SOURCE, 'blob:']);
    assert.equal(directives['connect-src'], undefined);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|data:|http:/);
  });
  test('puts the policy and the nonce into the page, escaped', () => {
    const html = mapHtml({ cspSource: SOURCE, nonce: 'abcdefghijklmnop1234', scriptUri: 'https://x/map.js?"><script>', styleUri: 'https://x/map.css' });
    assert.match(html, /<script nonce="abcdefghijklmnop1234" src="https:\/\/x\/map.js\?&quot;&gt;&lt;script&gt;"><\/script>/);
  });
});

describe('map messages', () => {
  test('accepts what the webview sends: open by id, exports, drawing reports', () => {
    for (const m of [{ type: 'ready' }, { type: 'open', target: 'edge', id: 'a->b' }, { type: 'exportSvg', svg: '<svg/>' }, { type: 'exportPng', base64: 'iVBORw0KGgo=' }, { type: 'exportMarkdown', nodeIds: ['a'] }, { type: 'rendered', nodes: 3, edges: 2, ms: 12.5, state: 'graph' }]) {
      assert.ok(parseMapToHost(m).ok, JSON.stringify(m));
    }
  });
  test('rejects a path to open, unknown types, extra keys and a PNG that is not base64', () => {
    for (const m of [{ type: 'open', target: 'node', id: 'a', path: '/etc/passwd' }, { type: 'openFile', path: '/etc/passwd' }, { type: 'open', target: 'file', id: 'a' }, { type: 'exportPng', base64: '<script>' }, null, 'ready']) {
      assert.equal(parseMapToHost(m).ok, false, JSON.stringify(m));
    }
  });
  test('checks the graph the server answers and what the host posts', () => {
    assert.ok(parseGraph(graphOf(5)).ok);
    assert.equal(parseGraph({ ...graphOf(1), nodes: [{ id: 'x', name: 'x', kind: 'spaceship', count: 0, findings: [], concerns: [] }] }).ok, false);
    assert.equal(parseGraph({ nodes: 'all' }).ok, false);
    assert.ok(parseHostToMap({ type: 'graph', graph: graphOf(2), update: true }).ok);
    assert.equal(parseHostToMap({ type: 'eval', code: 'alert(1)' }).ok, false);
  });
});

describe('map drawing', () => {
  test('draws the first 150 of 1,000 nodes with a notice that says how to see the others', () => {
    const v = visibleGraph(graphOf(1000), NO_FILTERS);
    assert.equal(v.nodes.length, DRAW_LIMIT);
    assert.match(v.notice, /Showing the first 150 of 1,000 nodes: filter by rule or severity, or search/);
    assert.ok(v.edges.every((e) => v.nodes.some((n) => n.id === e.to)));
  });
  test('narrows to the search when there are too many to draw', () => {
    const v = visibleGraph(graphOf(1000), { ...NO_FILTERS, search: 's99' });
    assert.deepEqual(v.nodes.map((n) => n.id), ['s99', ...Array.from({ length: 10 }, (_, i) => `s99${i}`)]);
  });
  test('filters by rule and by severity', () => {
    const g = graphOf(12);
    assert.deepEqual(visibleGraph(g, { ...NO_FILTERS, rule: 'shared-database' }).nodes.map((n) => n.id), ['s2', 's4', 's8', 's10']);
    assert.deepEqual(visibleGraph(g, { ...NO_FILTERS, severity: 'error' }).nodes.map((n) => n.id), ['s2', 's4', 's8', 's10']);
    assert.equal(visibleGraph(g, { ...NO_FILTERS, severity: 'warning' }).nodes.length, 8);
  });
  test('lays out a cycle, every node placed and every edge routed', () => {
    const g = graphOf(6, true);
    const l = layoutGraph(g.nodes, g.edges);
    assert.equal(l.nodes.length, 6);
    assert.ok(l.nodes.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
    assert.equal(l.edges.length, 6);
    assert.ok(l.edges.every((e) => e.points.length >= 2));
  });
});
