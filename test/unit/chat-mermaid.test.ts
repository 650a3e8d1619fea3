// The chat's Mermaid reader: the flowchart subset the architect writes and `graph` prints, what it refuses (other
// diagram kinds, unterminated subgraphs, too many nodes), labels that stay text, and the shared layout it feeds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layered } from '../../client/src/diagram/layered';
import { describeFlowchart } from '../../client/src/chat/webview/diagram';
import { MAX_FLOW_NODES, parseFlowchart, type Flowchart } from '../../client/src/chat/webview/mermaid';
import { graphToMermaid } from '../../server/src/core/workspace/graphMermaid';
import type { ArchitectureGraph } from '../../server/src/core/workspace/graphTypes';

function chart(source: string): Flowchart {
  const r = parseFlowchart(source);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.chart;
}
const refusal = (source: string) => {
  const r = parseFlowchart(source);
  assert.ok(!r.ok, 'expected a refusal');
  return r;
};
const edgeList = (c: Flowchart) => c.edges.map((e) => `${e.from}>${e.to}:${e.line}:${e.head}${e.both ? ':both' : ''}${e.label ? `:${e.label}` : ''}`);

describe('mermaid flowchart reader', () => {
  test('reads what backend-architect graph prints: quoted labels, entities, <br/>, cylinders and labelled links', () => {
    const graph: ArchitectureGraph = {
      nodes: [
        { id: 'orders', name: 'orders <svc>', kind: 'service', count: 0, findings: [], concerns: [] },
        { id: 'db', name: 'postgres', kind: 'datastore', detail: 'orders, "users"', count: 0, findings: [], concerns: [] },
        { id: 'q', name: 'rabbitmq', kind: 'broker', count: 0, findings: [], concerns: [] },
        { id: 'x', name: 'api.example.com', kind: 'external', count: 0, findings: [], concerns: [] },
      ],
      edges: [
        { id: 'e1', from: 'orders', to: 'db', kind: 'database', database: 'orders', concerns: [{ ruleId: 'shared-database', label: 'shared database' }] },
        { id: 'e2', from: 'orders', to: 'q', kind: 'queue', concerns: [] },
        { id: 'e3', from: 'orders', to: 'x', kind: 'http', concerns: [] },
      ],
      rules: [],
      elsewhere: 0,
    };
    const c = chart(graphToMermaid(graph));
    assert.equal(c.direction, 'LR');
    assert.deepEqual(c.nodes.map((n) => [n.label, n.shape]), [['orders <svc>', 'rect'], ['postgres\norders, "users"', 'cylinder'], ['rabbitmq', 'subroutine'], ['api.example.com', 'hexagon']]);
    assert.deepEqual(edgeList(c), ['n0>n1:solid:arrow:database: orders (shared database)', 'n0>n2:solid:arrow:queue', 'n0>n3:solid:arrow:HTTP']);
  });

  test('reads the CLI graph command\'s text: plain labels on links and a %% note after the last line', () => {
    const c = chart('flowchart LR\n  gateway["gateway"]\n  postgres[("postgres<br/>postgres: shop")]\n  gateway --> orders\n  orders -->|shop| postgres\n%% not compared with code: openapi/shop.yaml: no service folder holds it');
    assert.deepEqual(c.nodes.map((n) => [n.id, n.label, n.shape]), [['gateway', 'gateway', 'rect'], ['postgres', 'postgres\npostgres: shop', 'cylinder'], ['orders', 'orders', 'rect']]);
    assert.deepEqual(edgeList(c), ['gateway>orders:solid:arrow', 'orders>postgres:solid:arrow:shop']);
  });

  test('reads every node shape and link kind of the subset, chains, & groups and statements split by semicolons', () => {
    const c = chart(['graph TD', '  A[Client] --> B{Gateway}', '  B -- REST --> C(Orders)', '  B -.->|async| D[[Queue]]', '  C ==> E[(Postgres)]; C --- F((Cache))', '  A & B --> G{{Ext}}', '  H([Stadium]) --> I>Flag] --> J[/In/] --> K[\\Out\\] --> L[/Top\\] --> M[\\Bottom/]', '  X <--> Y --o Z --x W', '  P -. maybe .-> Q', '  R == heavy ==> S ~~~ T', '  order-service --> order-db'].join('\n'));
    assert.equal(c.direction, 'TB');
    const shape = Object.fromEntries(c.nodes.map((n) => [n.id, n.shape]));
    assert.deepEqual([shape.A, shape.B, shape.C, shape.D, shape.E, shape.F, shape.G, shape.H, shape.I, shape.J, shape.K, shape.L, shape.M], ['rect', 'rhombus', 'round', 'subroutine', 'cylinder', 'circle', 'hexagon', 'stadium', 'flag', 'lean-right', 'lean-left', 'trapezoid', 'trapezoid-alt']);
    const edges = edgeList(c);
    for (const e of ['A>B:solid:arrow', 'B>C:solid:arrow:REST', 'B>D:dotted:arrow:async', 'C>E:thick:arrow', 'C>F:solid:none', 'A>G:solid:arrow', 'B>G:solid:arrow', 'X>Y:solid:arrow:both', 'Y>Z:solid:circle', 'Z>W:solid:cross', 'P>Q:dotted:arrow:maybe', 'R>S:thick:arrow:heavy', 'S>T:invisible:none', 'order-service>order-db:solid:arrow']) assert.ok(edges.includes(e), `${e} in ${edges.join(' ')}`);
  });

  test('skips comments, front matter and styling lines (classDef, class, style, linkStyle, click)', () => {
    const c = chart('---\ntitle: x\n---\n%% a comment\nflowchart LR\n  a --> b:::hot\n  classDef hot fill:#f00;\n  class a hot\n  style b fill:#f9f,stroke:#333\n  linkStyle 0 stroke:#f00\n  click a "https://example.com"\n');
    assert.deepEqual(c.nodes.map((n) => n.id), ['a', 'b']);
    assert.equal(c.edges.length, 1);
  });

  test('reads subgraphs with their titles, members and nesting', () => {
    const c = chart('flowchart LR\n  subgraph core [Core services]\n    orders --> payments\n    subgraph data["Data stores"]\n      db[(db)]\n    end\n  end\n  subgraph Edge layer\n    gw\n  end\n  gw --> orders\n  payments --> db');
    assert.deepEqual(c.subgraphs.map((s) => [s.id, s.label, s.parent ?? '', s.members.join(' ')]), [['core', 'Core services', '', 'orders payments data'], ['data', 'Data stores', 'core', 'db'], ['subgraph-3', 'Edge layer', '', 'gw']]);
  });

  test('keeps HTML in labels as text: tags and quotes are label characters, never markup', () => {
    const c = chart('flowchart LR\n  A["<img src=x onerror=alert(1)>"] -->|"<script>steal()</script>"| B[<b>bold</b> &lt;i&gt;]');
    assert.equal(c.nodes[0].label, '<img src=x onerror=alert(1)>');
    assert.equal(c.nodes[1].label, '<b>bold</b> <i>');
    assert.equal(c.edges[0].label, '<script>steal()</script>');
    assert.match(describeFlowchart(c), /^Flowchart, left to right, 2 nodes: <img src=x onerror=alert\(1\)>, <b>bold<\/b> <i>; 1 link\.$/);
  });

  test('refuses other diagram kinds, naming the kind', () => {
    for (const [source, kind] of [['sequenceDiagram\n  A->>B: hi', 'sequenceDiagram'], ['pie title Pets\n "Dogs" : 3', 'pie'], ['erDiagram\n  A ||--o{ B : has', 'erDiagram'], ['', 'empty'], ['%% only a comment', 'empty']]) {
      const r = refusal(source);
      assert.equal(r.kind, kind);
      assert.match(r.reason, /only flowcharts/);
    }
  });

  test('refuses a broken flowchart with the line at fault: an unterminated subgraph, a stray end, a dangling link, no nodes, a line too long', () => {
    assert.match(refusal('flowchart LR\n  subgraph a\n  A --> B').reason, /subgraph "a" has no "end"/);
    assert.match(refusal('flowchart LR\n  A --> B\n  end').reason, /line 3: "end" without a subgraph/);
    assert.match(refusal('flowchart LR\n  A -->').reason, /line 2: a link ends without a node/);
    assert.match(refusal('flowchart LR\n  A -->> B').reason, /line 2: cannot read "> B"/);
    assert.match(refusal('flowchart LR\n  A["unclosed --> B').reason, /line 2/);
    assert.match(refusal('flowchart TD\n').reason, /no nodes/);
    assert.match(refusal(`flowchart TD\n  A -- ${' '.repeat(5000)}x`).reason, /line 2: the line is longer than 4000 characters/);
  });

  test(`reads and lays out 1,000 nodes (the quick layout, ranks top to bottom), and refuses more than ${MAX_FLOW_NODES}`, () => {
    const lines = ['flowchart TD', ...Array.from({ length: 999 }, (_, i) => `  n${i} --> n${i + 1}[node ${i + 1}]`)];
    const started = performance.now();
    const c = chart(lines.join('\n'));
    const layout = layered(c.nodes, c.edges, { size: () => ({ width: 80, height: 30 }), label: (e) => e.label, direction: c.direction });
    const ms = performance.now() - started;
    assert.equal(c.nodes.length, 1000);
    assert.equal(layout.engine, 'quick');
    assert.equal(layout.nodes.length, 1000);
    assert.ok(layout.nodes[1].y > layout.nodes[0].y && layout.nodes.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
    assert.ok(ms < 2000, `${ms} ms`);
    const tooMany = ['flowchart LR', ...Array.from({ length: MAX_FLOW_NODES + 1 }, (_, i) => `  m${i}`)];
    assert.match(refusal(tooMany.join('\n')).reason, /more than 2000 nodes/);
  });

  test('lays a small flowchart out with dagre in its direction, subgraphs as boxes around their nodes', () => {
    const c = chart('flowchart LR\n  subgraph core [Core]\n    a --> b\n  end\n  b --> c');
    const parents = new Map(c.subgraphs.flatMap((s) => s.members.map((m) => [m, s.id] as [string, string])));
    const layout = layered(c.nodes, c.edges, { size: () => ({ width: 60, height: 30 }), label: (e) => e.label, direction: c.direction, parents });
    const at = Object.fromEntries(layout.nodes.map((p) => [p.node.id, p]));
    assert.equal(layout.engine, 'dagre');
    assert.ok(at.a.x < at.b.x && at.b.x < at.c.x, 'left to right');
    const box = layout.clusters?.[0];
    assert.ok(box && box.x <= at.a.x - 30 && box.x + box.width >= at.b.x + 30 && box.x + box.width < at.c.x, JSON.stringify(box));
  });
});
