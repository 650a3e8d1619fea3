import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ALIAS_EXPANSION, parseYaml } from '../../../server/src/core/documents/yaml';
import { at, entry, get, isMap, isScalar, isSeq, type DataNode, type MapNode } from '../../../server/src/core/documents/tree';

function slice(text: string, n: { start: number; end: number } | undefined): string {
  assert.ok(n, 'node exists');
  return text.slice(n.start, n.end);
}

function keys(n: DataNode | undefined): string[] {
  assert.ok(isMap(n), 'a mapping');
  return n.entries.map((e) => e.key.text);
}

/** The classic "billion laughs": nine levels, each a list of nine aliases to the level below. */
function billionLaughs(): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}

describe('parseYaml', () => {
  describe('ranges', () => {
    const text = 'openapi: 3.0.3\ninfo:\n  title: "Shop API"\n  version: 1.0.0\npaths:\n  /orders:\n    get: {}\n';
    const doc = parseYaml(text);

    it('parses a valid document without problems', () => {
      assert.deepEqual(doc.problems, []);
      assert.equal(doc.format, 'yaml');
    });

    it('gives each key the exact range of its text', () => {
      assert.equal(slice(text, entry(doc.root, 'info')?.key), 'info');
      assert.equal(slice(text, entry(at(doc.root, 'paths'), '/orders')?.key), '/orders');
    });

    it('gives a quoted scalar a range that includes its quotes and a text without them', () => {
      const title = at(doc.root, 'info', 'title');
      assert.equal(slice(text, title), '"Shop API"');
      assert.ok(isScalar(title));
      assert.equal(title.text, 'Shop API');
    });

    it('gives a plain scalar the range of its text', () => {
      assert.equal(slice(text, at(doc.root, 'info', 'version')), '1.0.0');
    });

    it('gives a block mapping a range that starts at its first key', () => {
      const info = get(doc.root, 'info');
      assert.ok(isMap(info));
      assert.equal(info.start, text.indexOf('title'));
      assert.ok(slice(text, info).includes('version: 1.0.0'));
    });

    it('gives a flow mapping the range of its braces', () => {
      assert.equal(slice(text, at(doc.root, 'paths', '/orders', 'get')), '{}');
    });

    it('keeps offsets as UTF-16 indexes after astral characters and CRLF line breaks', () => {
      const t = 'title: "😀 𝔘"\r\nnext: é\r\n';
      const d = parseYaml(t);
      assert.equal(slice(t, at(d.root, 'title')), '"😀 𝔘"');
      assert.equal(slice(t, entry(d.root, 'next')?.key), 'next');
      assert.equal(slice(t, at(d.root, 'next')), 'é');
    });

    it('keeps key order as written', () => {
      assert.deepEqual(keys(doc.root), ['openapi', 'info', 'paths']);
    });
  });

  describe('scalars', () => {
    const cases: [string, string, string | number | boolean | null][] = [
      ['keeps a version-like plain scalar as a string', 'v: 3.0.3', '3.0.3'],
      ['reads a plain integer as a number', 'v: 42', 42],
      ['reads a plain float as a number', 'v: 1.5', 1.5],
      ['reads a quoted number as a string', 'v: "42"', '42'],
      ['reads plain true as a boolean', 'v: true', true],
      ['reads plain False as a boolean', 'v: False', false],
      ['reads a quoted true as a string', "v: 'true'", 'true'],
      ['reads ~ as null', 'v: ~', null],
      ['reads an empty value as null', 'v:', null],
      ['reads a plain word as a string', 'v: postgres', 'postgres'],
    ];
    for (const [name, text, value] of cases) {
      it(name, () => {
        const v = get(parseYaml(text + '\n').root, 'v');
        assert.ok(isScalar(v));
        assert.equal(v.value, value);
      });
    }
  });

  describe('merge keys and aliases', () => {
    it('applies a <<: *base merge key, with explicit keys winning', () => {
      const d = parseYaml('base: &base\n  image: app\n  restart: always\nweb:\n  <<: *base\n  restart: "no"\n');
      const web = get(d.root, 'web');
      assert.deepEqual(d.problems, []);
      assert.deepEqual(keys(web), ['restart', 'image']);
      assert.equal(at(web, 'restart') && (at(web, 'restart') as { value: unknown }).value, 'no');
      assert.equal(entry(web, 'image')?.merged, true);
      assert.equal(entry(web, 'restart')?.merged, undefined);
    });

    it("applies YAML 1.1's explicit merge key (!!merge <<: *base), keeping every offset", () => {
      const text = 'base: &base\n  interval: 3s\nhc:\n  !!merge <<: *base\n  test: probe\n';
      const d = parseYaml(text);
      assert.deepEqual(d.problems, []);
      const hc = get(d.root, 'hc');
      assert.deepEqual(keys(hc), ['test', 'interval']);
      const test = entry(hc, 'test')!;
      assert.equal(text.slice(test.key.start, test.key.end), 'test');
      assert.equal(parseYaml('a: "!!merge <<: x"\n').problems.length, 0, 'the words inside a string stay as they are');
      assert.equal(get(parseYaml('a: "!!merge <<: x"\n').root, 'a') && (get(parseYaml('a: "!!merge <<: x"\n').root, 'a') as { value: unknown }).value, '!!merge <<: x');
    });

    it('applies a <<: [*a, *b] merge list, with earlier sources winning over later ones', () => {
      const d = parseYaml('a: &a\n  x: 1\n  y: 1\nb: &b\n  y: 2\n  z: 2\nc:\n  <<: [*a, *b]\n  z: 3\n');
      const c = get(d.root, 'c');
      const plain = Object.fromEntries((c as MapNode).entries.map((e) => [e.key.text, (e.value as { value: unknown }).value]));
      assert.deepEqual(plain, { x: 1, y: 1, z: 3 });
      assert.equal(entry(c, 'z')?.merged, undefined);
    });

    it('keeps the source range of a merged entry pointing at where it is written', () => {
      const text = 'base: &base\n  image: app\nweb:\n  <<: *base\n';
      const d = parseYaml(text);
      const image = entry(get(d.root, 'web'), 'image');
      assert.equal(image?.key.start, text.indexOf('image'));
    });

    it('does not leave a << entry in a mapping that merges', () => {
      const d = parseYaml('a: &a {x: 1}\nb:\n  <<: *a\n');
      assert.deepEqual(keys(get(d.root, 'b')), ['x']);
    });

    it('treats a quoted "<<" key as an ordinary key, not a merge', () => {
      const d = parseYaml('a: &a\n  x: 1\nb:\n  "<<": *a\n');
      assert.deepEqual(keys(get(d.root, 'b')), ['<<']);
    });

    it('ignores merge sources that are not mappings', () => {
      const d = parseYaml('s: &s [1, 2]\nb:\n  <<: *s\n  k: v\n');
      assert.deepEqual(keys(get(d.root, 'b')), ['k']);
    });

    it('shares the node an alias points at instead of copying it', () => {
      const d = parseYaml('defaults: &d\n  timeout: 5\nfirst: *d\nsecond: *d\n');
      const original = get(d.root, 'defaults');
      assert.equal(get(d.root, 'first'), original);
      assert.equal(get(d.root, 'second'), original);
    });

    it('parses a recursive alias without hanging, leaving a null where it recurses', () => {
      const d = parseYaml('a: &a\n  b: *a\n');
      const inner = at(d.root, 'a', 'b');
      assert.ok(isScalar(inner));
      assert.equal(inner.value, null);
    });

    it('parses a recursive alias inside a sequence without hanging', () => {
      const d = parseYaml('a: &a [1, *a]\n');
      const seq = get(d.root, 'a');
      assert.ok(isSeq(seq));
      assert.equal(seq.items.length, 2);
    });

    it('parses a mapping that merges itself without hanging', () => {
      const d = parseYaml('a: &a\n  x: 1\n  <<: *a\n');
      assert.deepEqual(keys(get(d.root, 'a')), ['x']);
    });

    it('parses aliases that expand to fewer nodes than the budget', () => {
      const text = 'a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n';
      const d = parseYaml(text);
      assert.deepEqual(d.problems, []);
      assert.ok(isSeq(get(d.root, 'c')));
    });
  });

  describe('alias bombs', () => {
    it('refuses the billion-laughs alias bomb with one problem and no root', () => {
      const text = billionLaughs();
      const d = parseYaml(text);
      assert.equal(d.root, undefined);
      assert.equal(d.problems.length, 1);
      assert.match(d.problems[0].message, /alias/i);
      assert.match(d.problems[0].message, new RegExp(String(MAX_ALIAS_EXPANSION)));
    });

    it('locates the alias-bomb problem at an alias in the text', () => {
      const text = billionLaughs();
      const [p] = parseYaml(text).problems;
      const aliases = [...text.matchAll(/\*[a-z]+/g)].map((m) => [m.index, m.index + m[0].length]);
      assert.ok(aliases.some(([s, e]) => p.start >= s && p.start < e), `offset ${p.start} is inside an alias`);
      assert.ok(p.end > p.start);
    });

    it('refuses a wide alias bomb made of mappings', () => {
      const lines = ['a: &a {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v, k8: v, k9: v}'];
      for (let i = 1; i < 7; i++) {
        const prev = String.fromCharCode(96 + i);
        const name = String.fromCharCode(97 + i);
        const fields = Array.from({ length: 10 }, (_, j) => `k${j}: *${prev}`).join(', ');
        lines.push(`${name}: &${name} {${fields}}`);
      }
      const d = parseYaml(lines.join('\n') + '\n');
      assert.equal(d.root, undefined);
      assert.equal(d.problems.length, 1);
    });
  });

  describe('malformed and empty documents', () => {
    const malformed: [string, string, string][] = [
      ['reports a missing comma in a flow sequence once, where the next entry starts', 'a: [1, 2\nb: 3\n', 'b: 3'],
      ['reports bad indentation once, at the offending mapping entry', 'key: value\n  bad: indent\n', ': indent'],
      ['reports a nested mapping on one line once, where the second value starts', 'a: b: c\n', ': c'],
      ['reports a duplicate key once, at the second key', 'name: a\nname: b\n', 'name: b'],
      ['reports a duplicate key in a mapping of many keys once, at the repeated key', `${Array.from({ length: 11 }, (_, i) => `k${i}: ${i}`).join('\n')}\nk0: again\n`, 'k0: again'],
      ['reports a duplicate key inside a complex key', '? {a: 1, a: 2}\n: v\n', 'a: 2'],
    ];
    for (const [name, text, marker] of malformed) {
      it(name, () => {
        const d = parseYaml(text);
        assert.equal(d.problems.length, 1);
        assert.equal(d.problems[0].start, text.indexOf(marker));
        assert.ok(d.problems[0].end > d.problems[0].start);
      });
    }

    it('reports a nested duplicate key and a later syntax error, in order', () => {
      const text = 'a:\n  x: 1\n  x: 2\nb: [1,\n';
      const d = parseYaml(text);
      assert.deepEqual(d.problems.map((p) => [p.start, !!p.recoverable]), [[text.indexOf('x: 2'), true], [d.problems[1].start, false]]);
      assert.ok(d.problems[1].start >= text.indexOf("[1,"));
    });

    it('reports an explicit tag that cannot resolve (explicit tags stay known)', () => {
      const d = parseYaml('a: !!int x\n');
      assert.equal(d.problems.length, 1);
      assert.match(d.problems[0].message, /cannot resolve a node with !<tag:yaml.org,2002:int> explicit tag/);
    });

    it('reports exactly one problem for a document with several errors', () => {
      const d = parseYaml('a: [1, 2\nb: c: d\n  e: f\n"unterminated\n');
      assert.equal(d.problems.length, 1);
    });

    it('reports an unterminated quoted scalar at the end of the text', () => {
      const text = 'x: "unterminated\n';
      const d = parseYaml(text);
      assert.equal(d.problems.length, 1);
      assert.ok(d.problems[0].start <= text.length && d.problems[0].end <= text.length);
      assert.match(d.problems[0].message, /quoted scalar/);
    });

    it('parses a single document with an explicit --- start marker and a %YAML directive', () => {
      const d = parseYaml('%YAML 1.2\n---\nopenapi: 3.0.0\n...\n');
      assert.deepEqual(d.problems, []);
      assert.deepEqual(keys(d.root), ['openapi']);
    });

    it('returns no root and no problems for an empty document', () => {
      assert.deepEqual(parseYaml(''), { root: undefined, problems: [], format: 'yaml' });
    });

    it('returns a null root and no problems for a document of comments and blank lines', () => {
      const d = parseYaml('# nothing here yet\n\n');
      assert.deepEqual(d.problems, []);
      assert.ok(d.root === undefined || (isScalar(d.root) && d.root.value === null));
    });
  });
});
