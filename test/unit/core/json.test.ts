import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJson } from '../../../server/src/core/documents/json';
import { at, entry, get, isMap, isScalar, isSeq } from '../../../server/src/core/documents/tree';

function slice(text: string, n: { start: number; end: number } | undefined): string {
  assert.ok(n, 'node exists');
  return text.slice(n.start, n.end);
}

describe('parseJson', () => {
  describe('ranges', () => {
    const text = '{\n  "openapi": "3.0.3",\n  "info": { "title": "Shop" },\n  "tags": [ "a", 2, true, null ]\n}\n';
    const doc = parseJson(text);

    it('parses a valid document without problems, as json', () => {
      assert.deepEqual(doc.problems, []);
      assert.equal(doc.format, 'json');
    });

    it('gives a key a range that includes its quotes and a text without them', () => {
      const key = entry(doc.root, 'info')?.key;
      assert.equal(slice(text, key), '"info"');
      assert.equal(key?.text, 'info');
    });

    it('gives an object value the range of its braces', () => {
      assert.equal(slice(text, get(doc.root, 'info')), '{ "title": "Shop" }');
    });

    it('gives an array the range of its brackets and each item its own range', () => {
      const tags = get(doc.root, 'tags');
      assert.ok(isSeq(tags));
      assert.equal(slice(text, tags), '[ "a", 2, true, null ]');
      assert.deepEqual(tags.items.map((i) => slice(text, i)), ['"a"', '2', 'true', 'null']);
    });

    it('keeps scalar types: strings, numbers, booleans and null', () => {
      const tags = get(doc.root, 'tags');
      assert.ok(isSeq(tags));
      assert.deepEqual(tags.items.map((i) => (isScalar(i) ? i.value : 'not a scalar')), ['a', 2, true, null]);
    });

    it('keeps the whole document range on the root', () => {
      assert.ok(isMap(doc.root));
      assert.equal(doc.root.start, 0);
      assert.equal(text[doc.root.end - 1], '}');
    });

    it('keeps offsets as UTF-16 indexes after astral characters', () => {
      const t = '{"emoji": "😀😀", "next": 1}';
      const d = parseJson(t);
      assert.equal(slice(t, get(d.root, 'emoji')), '"😀😀"');
      assert.equal(slice(t, entry(d.root, 'next')?.key), '"next"');
    });

    it('follows a path of keys and indexes', () => {
      assert.equal(slice(text, at(doc.root, 'tags', 1)), '2');
    });
  });

  describe('tolerance', () => {
    const tolerated: [string, string][] = [
      ['tolerates a trailing comma in an object', '{"a": 1,}'],
      ['tolerates a trailing comma in an array', '{"a": [1, 2,]}'],
      ['tolerates a line comment', '{\n  // the version\n  "a": 1\n}'],
      ['tolerates a block comment', '{ /* note */ "a": 1 }'],
    ];
    for (const [name, text] of tolerated) {
      it(name, () => {
        const d = parseJson(text);
        assert.deepEqual(d.problems, []);
        assert.ok(isMap(d.root));
        assert.ok(entry(d.root, 'a'));
      });
    }
  });

  describe('syntax errors', () => {
    const broken: [string, string, number][] = [
      ['reports a missing value once, where the value should be', '{"a": }', 6],
      ['reports a missing comma once, where the next token starts', '{"a": 1 "b": 2}', 8],
      ['reports a missing colon once, after the key', '{"a" 1}', 5],
      ['reports a missing closing bracket once', '{"a": [1, 2}', 11],
    ];
    for (const [name, text, offset] of broken) {
      it(name, () => {
        const d = parseJson(text);
        assert.equal(d.problems.length, 1);
        assert.equal(d.problems[0].start, offset);
        assert.ok(d.problems[0].end > d.problems[0].start);
        assert.match(d.problems[0].message, /^JSON syntax error: /);
      });
    }

    it('reports exactly one problem for a document with several errors', () => {
      const d = parseJson('{"a" 1, "b": , "c": [1 2}');
      assert.equal(d.problems.length, 1);
    });

    it('still returns the part of the tree it could read', () => {
      const d = parseJson('{"a": 1, "b": }');
      assert.ok(entry(d.root, 'a'));
    });
  });
});
