import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataNode, MapNode } from '../../../server/src/core/documents/tree';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { patchYaml, type EditableYaml } from '../../../server/src/core/documents/yamlEdit';
import { openApiYaml } from '../../../bench/corpus';

/** Every field of every node, offsets included: a patched tree must be exactly the one a parse gives. */
function plain(n: DataNode): unknown {
  if (n.kind === 'scalar') return [n.start, n.end, n.text, n.value];
  if (n.kind === 'seq') return [n.start, n.end, n.items.map(plain)];
  return [n.start, n.end, n.entries.map((e) => [plain(e.key), plain(e.value), e.merged ?? false])];
}

function editable(text: string): EditableYaml {
  const doc = parseYaml(text);
  assert.ok(doc.root && doc.root.kind !== 'scalar' && !doc.problems.length && !doc.shared, 'an editable document');
  return { text, root: doc.root };
}

/** Patches `before` into `after`; when the patch applies, its tree must equal a fresh parse of `after`. */
function check(before: string, after: string): boolean {
  const patched = patchYaml(editable(before), after);
  if (!patched) return false;
  const parsed = parseYaml(after);
  assert.equal(parsed.problems.length, 0, `a patch was made for text the parser rejects: ${JSON.stringify(after.slice(0, 200))}`);
  assert.deepEqual(plain(patched), plain(parsed.root!), `patched tree differs from the parse of ${JSON.stringify(after.slice(0, 300))}`);
  return true;
}

const TRICKY = [
  'openapi: 3.0.3',
  'info:',
  '  title: "Quoted title"',
  "  summary: 'single quoted'",
  '  description: plain words here # a comment',
  '  x-url: http://example.com/a',
  '  x-escaped: "tab\\there"',
  '  x-number: 42',
  '  x-negative: -1',
  '  x-bool: true',
  '  x-empty:',
  '  x-tagged: !!str 12',
  '  x-flow: [one, "two", three]',
  '  x-map: {k: v, n: 7}',
  '  x-block: |',
  '    line one',
  '    line two',
  '  x-folded: >',
  '    folded text',
  '  x-multi: first line',
  '    continued line',
  'paths:',
  '  /items:',
  '    get:',
  '      tags: [a, b]',
  '      parameters:',
  '        - name: limit',
  '          in: query',
  '        - plain item',
  '        - 12',
  '      responses:',
  '        "200":',
  '          description: ok',
  '',
].join('\n');

/** A small deterministic random source. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const CHARS = ['x', 'Q', '7', ' ', ':', '#', '"', "'", ',', '[', '}', '-', '\\', '\t', '\n', '&', '*', '!', '.'];

describe('patchYaml: an edit inside one scalar without a re-parse', () => {
  it('agrees with a full parse on thousands of random one-character edits (insertions and deletions)', () => {
    let patched = 0;
    let tried = 0;
    for (const [name, text] of [['tricky', TRICKY], ['bench corpus', openApiYaml(300)]] as const) {
      const rand = rng(name.length);
      for (let i = 0; i < 2500; i++) {
        const at = Math.floor(rand() * text.length);
        const after = rand() < 0.5 ? text.slice(0, at) + CHARS[Math.floor(rand() * CHARS.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
        if (parseYaml(after).problems.length && !patchYaml(editable(text), after)) continue;
        tried++;
        if (check(text, after)) patched++;
      }
    }
    // Most random edits touch structure, keys or indentation and must fall back; enough take the fast path.
    assert.ok(patched > 400, `only ${patched} of ${tried} edits were patched`);
  });

  it('patches typing in plain, double- and single-quoted values, in flow collections and sequence items', () => {
    const cases: [string, string][] = [
      ['description: plain words', 'description: plain wordsx'],
      ['description: plain words', 'description: plainx words'],
      ['title: "Quoted title"', 'title: "Quoted titlex"'],
      ["summary: 'single quoted'", "summary: 'single quotedx'"],
      ['x-url: http://example.com/a', 'x-url: http://example.com/ab'],
      ['x-number: 42', 'x-number: 421'],
      ['x-flow: [one, "two", three]', 'x-flow: [onex, "two", three]'],
      ['x-map: {k: v, n: 7}', 'x-map: {k: vx, n: 7}'],
      ['        - plain item', '        - plain itemx'],
    ];
    for (const [from, to] of cases) {
      assert.ok(TRICKY.includes(from), from);
      assert.equal(check(TRICKY, TRICKY.replace(from, to)), true, `patched: ${to}`);
    }
  });

  it('retypes a value whose type changes (a number becomes a string, a string becomes a boolean)', () => {
    const root = patchYaml(editable('a: 42\nb: trux\n'), 'a: 42x\nb: trux\n') as MapNode;
    assert.equal(root.entries[0].value.kind === 'scalar' && root.entries[0].value.value, '42x');
    const again = patchYaml(editable('a: 42\nb: trux\n'), 'a: 42\nb: tru\n') as MapNode;
    assert.equal(again.entries[1].value.kind === 'scalar' && again.entries[1].value.value, 'tru');
    const bool = patchYaml(editable('a: 42\nb: tru\n'), 'a: 42\nb: true\n') as MapNode;
    assert.equal(bool.entries[1].value.kind === 'scalar' && bool.entries[1].value.value, true);
  });

  it('refuses edits that change structure, keys, tags, block scalars, escapes or comments', () => {
    const refused: [string, string][] = [
      ['description: plain words', 'description: plain: words'], // a mapping inside a value
      ['description: plain words', 'description: plain #words'], // a comment
      ['description: plain words here', 'description: plain words here '], // trailing space is not part of a plain scalar
      ['description: plain words here', 'description: plain words here:'], // a mapping key
      ['description: plain words', 'descriptionx: plain words'], // a key
      ['description: plain words', 'description: xplain words'], // the first character
      ['x-tagged: !!str 12', 'x-tagged: !!str 123'], // tagged
      ['    line one', '    line onex'], // block scalar
      ['x-escaped: "tab\\there"', 'x-escaped: "tab\\therex"'], // escapes
      ['title: "Quoted title"', 'title: "Quoted" title"'], // a quote inside
      ['x-flow: [one, "two", three]', 'x-flow: [o,ne, "two", three]'], // a flow separator
      ['x-multi: first line', 'x-multi: first linex'], // a multi-line plain scalar
      ['x-empty:', 'x-empty: x'], // typing into an empty value
    ];
    for (const [from, to] of refused) {
      assert.ok(TRICKY.includes(from), from);
      assert.equal(patchYaml(editable(TRICKY), TRICKY.replace(from, to)), undefined, `refused: ${to}`);
    }
  });

  it('returns a new root object and shifts every later offset', () => {
    const kept = editable('a: x\nb: y\n');
    const oldRoot = kept.root;
    const root = patchYaml(kept, 'a: xyz\nb: y\n') as MapNode;
    assert.notEqual(root, oldRoot);
    assert.deepEqual(plain(root), plain(parseYaml('a: xyz\nb: y\n').root!));
  });

  it('shifts an empty flow mapping after the edit (the parser ends it at -1)', () => {
    const before = 'a: text\nb: {}\nc: [{}, x]\n';
    assert.equal(check(before, before.replace('text', 'texts')), true);
    assert.equal(check(before, before.replace('text', 'tex')), true);
  });

  it('leaves documents with aliases or merge keys to the parser', () => {
    assert.equal(parseYaml('a: &x v\nb: *x\n').shared, true);
    assert.equal(parseYaml('base: &b {k: v}\nc:\n  <<: *b\n').shared, true);
    assert.equal(parseYaml('a: v\nb: w\n').shared, undefined);
  });
});
