// The chat webview's Markdown: markdown-it's tokens as a tree of allowed elements, with hostile answers kept inert.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { treeToDom, type DocumentLike, type ElementLike } from '../../client/src/chat/webview/dom';
import { renderMarkdown } from '../../client/src/chat/webview/markdown';
import { ALLOWED_ATTRS, ALLOWED_TAGS, type MdElement, type MdNode } from '../../client/src/chat/webview/tree';

const elements = (nodes: MdNode[]): MdElement[] => nodes.flatMap((n) => (typeof n === 'string' ? [] : [n, ...elements(n.children)]));
const text = (nodes: MdNode[]): string => nodes.map((n) => (typeof n === 'string' ? n : text(n.children))).join('');
const tags = (md: string) => elements(renderMarkdown(md)).map((e) => e.tag);

/** Nothing in the tree could run, load or navigate: allowed tags and attributes only, no src, no scripted URL. */
function assertInert(nodes: MdNode[]): void {
  for (const e of elements(nodes)) {
    assert.ok((ALLOWED_TAGS as readonly string[]).includes(e.tag), e.tag);
    for (const [k, v] of Object.entries(e.attrs ?? {})) {
      assert.ok((ALLOWED_ATTRS as readonly string[]).includes(k), k);
      assert.doesNotMatch(String(v), /^\s*(javascript|vbscript|data|file|command):/i, `${k}=${v}`);
    }
  }
}

describe('chat markdown', () => {
  test('renders a table with its header, cells and alignment', () => {
    const tree = renderMarkdown('| Rule | Count |\n| :--- | ---: |\n| shared-database | 2 |\n');
    assert.deepEqual(tags('| a | b |\n| --- | --- |\n| 1 | 2 |\n').slice(0, 4), ['table', 'thead', 'tr', 'th']);
    const cells = elements(tree).filter((e) => e.tag === 'td');
    assert.deepEqual(cells.map((c) => [text(c.children), c.attrs?.class]), [['shared-database', 'align-left'], ['2', 'align-right']]);
  });

  test('renders nested lists and task lists as disabled checkboxes', () => {
    const tree = renderMarkdown('- [x] Service boundaries\n- [ ] Caching\n  1. Redis\n  2. CDN\n');
    const boxes = elements(tree).filter((e) => e.tag === 'input');
    assert.deepEqual(boxes.map((b) => b.attrs), [{ type: 'checkbox', disabled: '', checked: '' }, { type: 'checkbox', disabled: '' }]);
    assert.ok(!text(tree).includes('[x]') && !text(tree).includes('[ ]'));
    const nested = elements(tree).find((e) => e.tag === 'ol');
    assert.equal(elements([nested!]).filter((e) => e.tag === 'li').length, 2);
  });

  test('highlights code with highlight.js spans, and leaves an unknown language plain', () => {
    const ts = elements(renderMarkdown('```ts\nconst x: number = 1;\n```\n')).find((e) => e.tag === 'codeblock')!;
    assert.equal(text(ts.children), 'const x: number = 1;');
    assert.ok(elements(ts.children).some((e) => e.tag === 'span' && e.attrs?.class === 'hljs-keyword'));
    const other = elements(renderMarkdown('```cobol\nDISPLAY "<b>".\n```\n')).find((e) => e.tag === 'codeblock')!;
    assert.deepEqual(other.children, ['DISPLAY "<b>".']);
  });

  test('marks a Mermaid block with data-mermaid and keeps its text as code', () => {
    const block = elements(renderMarkdown('```mermaid\nflowchart LR\n  a --> b\n```\n')).find((e) => e.tag === 'codeblock')!;
    assert.deepEqual(block.attrs, { 'data-lang': 'mermaid', 'data-mermaid': '' });
    assert.deepEqual(block.children, ['flowchart LR\n  a --> b']);
  });

  test('keeps script tags, event handlers and raw HTML as text', () => {
    const md = '<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> and <a href="javascript:alert(1)">x</a>\n\n<div onclick="steal()">hi</div>';
    const tree = renderMarkdown(md);
    assertInert(tree);
    assert.ok(!tags(md).some((t) => t === ('script' as string) || t === ('img' as string) || t === ('div' as string)));
    assert.match(text(tree), /<script>alert\(1\)<\/script>/);
    assert.match(text(tree), /<img src=x onerror=alert\(1\)>/);
  });

  test('drops javascript:, data:, file: and command: links to their text, and keeps http(s), mailto and workspace files', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>x</script>', 'file:///etc/passwd', 'command:workbench.action.terminal.new', '../../etc/passwd', 'vbscript:x']) {
      const tree = renderMarkdown(`[click](${href})`);
      assertInert(tree);
      assert.ok(!elements(tree).some((e) => e.tag === 'a'), href);
      assert.ok(['click', `[click](${href})`].includes(text(tree)), text(tree));
    }
    const ok = ['https://example.com/docs', 'mailto:team@example.com', 'orders/app.py:25', 'docker-compose.yml#L12'];
    for (const href of ok) assert.equal(elements(renderMarkdown(`[x](${href})`)).find((e) => e.tag === 'a')?.attrs?.['data-href'], href);
  });

  test('never loads an image: a remote image becomes its alt text, with no src anywhere', () => {
    const tree = renderMarkdown('![diagram](https://evil.example/track.png) and ![](http://x/y.gif)');
    assertInert(tree);
    assert.ok(!elements(tree).some((e) => e.tag === ('img' as string) || e.attrs?.['data-href']));
    assert.match(text(tree), /\[image: diagram\]/);
    assert.doesNotMatch(JSON.stringify(tree), /"src"/);
  });

  test('keeps hostile content inside tables and task lists inert', () => {
    const md = '| name | link |\n| --- | --- |\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |\n\n- [ ] <script>alert(1)</script>\n- [x] ![t](https://evil.example/t.png)\n';
    const tree = renderMarkdown(md);
    assertInert(tree);
    assert.ok(!elements(tree).some((e) => e.tag === 'a'));
    assert.match(text(tree), /<img src=x onerror=alert\(1\)>/);
    assert.match(text(tree), /<script>alert\(1\)<\/script>/);
  });
});

/** A document that records what the webview's DOM builder creates: elements, attributes, listeners, text. */
class FakeElement implements ElementLike {
  readonly attributes = new Map<string, string>();
  readonly listeners: string[] = [];
  readonly handlers: (() => void)[] = [];
  readonly children: unknown[] = [];
  namespace = '';
  constructor(readonly tag: string) {}
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  removeAttribute(name: string) {
    this.attributes.delete(name);
  }
  append(...nodes: unknown[]) {
    this.children.push(...nodes);
  }
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void) {
    this.listeners.push(type);
    this.handlers.push(() => listener({ preventDefault() {} }));
  }
}

function buildDom(markdown: string): { elements: FakeElement[]; text: string; posted: unknown[] } {
  const elements: FakeElement[] = [];
  const posted: unknown[] = [];
  const doc: DocumentLike = {
    createElement: (tag) => {
      const e = new FakeElement(tag);
      elements.push(e);
      return e;
    },
    createElementNS: (namespace, tag) => {
      const e = new FakeElement(tag);
      e.namespace = namespace;
      elements.push(e);
      return e;
    },
    createTextNode: (text) => ({ text }),
  };
  const roots = treeToDom(renderMarkdown(markdown), doc, (m) => posted.push(m));
  const textOfNode = (n: unknown): string => (n instanceof FakeElement ? n.children.map(textOfNode).join('') : (n as { text: string }).text);
  return { elements, text: roots.map(textOfNode).join(''), posted };
}

describe('chat markdown in the DOM', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '| a | b |\n| --- | --- |\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |',
    '- [ ] <iframe src="https://evil.example"></iframe>\n- [x] ![t](https://evil.example/t.png)\n  - [click](JaVaScRiPt:alert(1))',
    '<a href="https://evil.example" onclick="steal()">x</a> <svg onload=alert(1)>',
    '```html\n<script>alert(1)</script>\n```',
  ].join('\n\n');

  test('creates only allowed elements, no event-handler or src attribute, and no href: links open through the host', () => {
    const { elements, text } = buildDom(hostile);
    const allowed = new Set<string>([...ALLOWED_TAGS, 'pre', 'div', 'button']);
    for (const e of elements) {
      assert.ok(allowed.has(e.tag), e.tag);
      assert.ok(!['script', 'img', 'iframe', 'svg', 'style', 'link', 'object'].includes(e.tag), e.tag);
      for (const k of e.attributes.keys()) assert.ok(!/^on|^(src|href|srcdoc|style|formaction)$/i.test(k), `${e.tag} ${k}`);
    }
    assert.match(text, /<script>alert\(1\)<\/script>/, 'the script tag is shown as text');
    assert.match(text, /<img src=x onerror=alert\(1\)>/);
  });

  test('renders a table and a task list as real elements, with disabled checkboxes', () => {
    const { elements } = buildDom('| Item | Verdict |\n| --- | :---: |\n| Boundaries | not met |\n\n- [x] done\n- [ ] open\n');
    assert.deepEqual(elements.filter((e) => /^(table|th|td)$/.test(e.tag)).map((e) => e.tag), ['table', 'th', 'th', 'td', 'td']);
    const boxes = elements.filter((e) => e.tag === 'input');
    assert.deepEqual(boxes.map((b) => [...b.attributes.keys()].sort()), [['checked', 'disabled', 'type'], ['disabled', 'type']]);
  });

  test('a workspace link posts openLink with its target when clicked, and a code block gets its actions', () => {
    const { elements } = buildDom('See [orders/app.py:25](orders/app.py:25).\n\n```mermaid\nflowchart LR\n```\n');
    const link = elements.find((e) => e.tag === 'a')!;
    assert.equal(link.getAttribute('data-href'), 'orders/app.py:25');
    assert.deepEqual(link.listeners.sort(), ['click', 'keydown']);
    assert.equal(elements.find((e) => e.tag === 'pre')?.getAttribute('data-mermaid'), '');
    assert.equal(elements.filter((e) => e.tag === 'button').length, 3);
  });
});

describe('mermaid blocks in the chat', () => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const textIn = (e: FakeElement): string => e.children.map((c) => (c instanceof FakeElement ? textIn(c) : (c as { text: string }).text)).join('');

  test('draws a flowchart block as an SVG image named by its nodes, the source hidden behind a Source toggle', () => {
    const { elements } = buildDom('```mermaid\nflowchart LR\n  gw[API gateway] -->|HTTP| orders(Orders)\n  orders --> db[(orders-db)]\n```\n');
    const svg = elements.find((e) => e.tag === 'svg')!;
    assert.equal(svg.namespace, SVG_NS);
    assert.equal(svg.getAttribute('role'), 'img');
    assert.equal(svg.getAttribute('aria-label'), 'Flowchart, left to right, 3 nodes: API gateway, Orders, orders-db; 2 links.');
    const nodeLabels = elements.filter((e) => e.tag === 'g' && e.getAttribute('class')?.startsWith('node ')).map(textIn);
    assert.deepEqual(nodeLabels, ['API gateway', 'Orders', 'orders-db']);
    assert.deepEqual(elements.filter((e) => e.getAttribute('class') === 'edge-label').map(textIn), ['HTTP']);
    assert.equal(elements.filter((e) => e.tag === 'path' && e.getAttribute('class')?.startsWith('edge ')).length, 2);
    const pre = elements.find((e) => e.tag === 'pre')!;
    const figure = elements.find((e) => e.getAttribute('class') === 'diagram')!;
    assert.equal(pre.getAttribute('hidden'), '');
    const source = elements.find((e) => e.tag === 'button' && textIn(e) === 'Source')!;
    source.handlers[0]();
    assert.equal(pre.getAttribute('hidden'), null);
    assert.equal(figure.getAttribute('hidden'), '');
    assert.equal(source.getAttribute('aria-pressed'), 'true');
    assert.deepEqual(elements.filter((e) => e.tag === 'button').map(textIn), ['Copy', 'Source']);
  });

  test('keeps HTML in diagram labels as text: no element but the drawing\'s own, no handler, href or style attribute', () => {
    const { elements } = buildDom('```mermaid\ngraph TD\n  A["<img src=x onerror=alert(1)>"] -->|"<script>x()</script>"| B[<iframe src=https://evil.example>]\n```\n');
    const drawing = new Set(['svg', 'defs', 'marker', 'path', 'circle', 'g', 'rect', 'text']);
    for (const e of elements.filter((x) => x.namespace === SVG_NS)) {
      assert.ok(drawing.has(e.tag), e.tag);
      for (const k of e.attributes.keys()) assert.ok(!/^on|^(src|href|xlink:href|style)$/i.test(k), `${e.tag} ${k}`);
    }
    assert.ok(!elements.some((e) => ['img', 'script', 'iframe', 'foreignObject'].includes(e.tag)));
    const texts = elements.filter((e) => e.tag === 'text').map(textIn);
    assert.ok(texts.includes('<img src=x onerror=alert(1)>') && texts.includes('<script>x()</script>') && texts.includes('<iframe src=https://evil.example>'), texts.join(' | '));
  });

  test('while a block streams (no closing fence yet) draws what reads so far and shows the rest as code without a note', () => {
    assert.equal(elements(renderMarkdown('```mermaid\nflowchart LR\n  a -->')).find((e) => e.tag === 'codeblock')?.attrs?.['data-mermaid'], 'open');
    const partial = buildDom('```mermaid\nflowchart LR\n  a -->');
    assert.ok(!partial.elements.some((e) => e.tag === 'svg' || e.getAttribute('class') === 'diagram-note'));
    assert.ok(partial.text.includes('a -->'));
    assert.ok(buildDom('```mermaid\nflowchart LR\n  a --> b').elements.some((e) => e.tag === 'svg'));
  });

  test('shows a sequence diagram or a broken flowchart as its source, with a note saying why it is not drawn', () => {
    for (const [source, why] of [['sequenceDiagram\n  A->>B: hi', /Not drawn: sequenceDiagram diagrams are not drawn here, only flowcharts\. The source:/], ['flowchart LR\n  subgraph a\n  A --> B', /Not drawn: the subgraph "a" has no "end"\./]] as const) {
      const { elements, text } = buildDom(`\`\`\`mermaid\n${source}\n\`\`\`\n`);
      assert.ok(!elements.some((e) => e.tag === 'svg'));
      assert.match(textIn(elements.find((e) => e.getAttribute('class') === 'diagram-note')!), why);
      assert.equal(elements.find((e) => e.tag === 'pre')?.getAttribute('hidden'), null);
      assert.ok(text.includes(source));
      assert.equal(elements.filter((e) => e.tag === 'button').length, 3);
    }
  });
});
