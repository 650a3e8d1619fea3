import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseJson, parseJsonRanged } from '../../../server/src/core/documents/json';
import type { DataNode } from '../../../server/src/core/documents/tree';

/** Walks two trees side by side and compares kinds, values and every start/end. */
function same(lazy: DataNode, ranged: DataNode, path: string): void {
  assert.equal(lazy.kind, ranged.kind, path);
  assert.deepEqual([lazy.start, lazy.end], [ranged.start, ranged.end], `${path} span`);
  if (lazy.kind === 'scalar' && ranged.kind === 'scalar') {
    assert.equal(lazy.value, ranged.value, path);
    assert.equal(lazy.text, ranged.text, path);
  } else if (lazy.kind === 'seq' && ranged.kind === 'seq') {
    assert.equal(lazy.items.length, ranged.items.length, path);
    lazy.items.forEach((x, i) => same(x, ranged.items[i], `${path}[${i}]`));
  } else if (lazy.kind === 'map' && ranged.kind === 'map') {
    const byKey = new Map(ranged.entries.map((e) => [e.key.text, e]));
    assert.deepEqual(new Set(lazy.entries.map((e) => e.key.text)), new Set(byKey.keys()), path);
    for (const e of lazy.entries) {
      const r = byKey.get(e.key.text)!;
      assert.deepEqual([e.key.start, e.key.end], [r.key.start, r.key.end], `${path}.${e.key.text} key span`);
      same(e.value, r.value, `${path}.${e.key.text}`);
    }
  }
}

const samples: [string, string][] = [
  ['an OpenAPI spec pretty-printed', JSON.stringify({ openapi: '3.1.0', paths: { '/a': { get: { responses: { '200': { description: 'ok' }, default: { description: 'e' } } } } } }, null, 2)],
  ['minified JSON with escapes, unicode and nested arrays', '{"a\\"b":"x\\\\","c":[1,-2.5e3,true,false,null,[[]],{}],"é😀":{"k":"\\u00e9\\"}"}}'],
  ['irregular whitespace and CRLF', '\r\n {  "a" :\t[ 1 ,\r\n 2 ] , "b"  :  { "c" : "d" }  }\r\n'],
  ['integer-like keys, which JSON.parse reorders', '{"404": {"d": 1}, "200": {"d": 2}, "default": 3, "10": [4]}'],
  ['a top-level array and a scalar', '[{"x": 1}, "y"]'],
];

describe('JSON fast path', () => {
  for (const [name, text] of samples) {
    it(`gives the same kinds, values and offsets as the ranged parser for ${name}`, () => {
      const lazy = parseJson(text);
      const ranged = parseJsonRanged(text);
      assert.deepEqual(lazy.problems, []);
      same(lazy.root!, ranged.root!, '$');
    });
  }

  it('gives the same offsets as the ranged parser on the example workspace package.json', () => {
    const text = readFileSync(join(__dirname, '../../../package.json'), 'utf8');
    same(parseJson(text).root!, parseJsonRanged(text).root!, '$');
  });

  it('falls back to the tolerant parser for comments and trailing commas, and reports syntax errors with a position', () => {
    assert.equal(parseJson('{"a": 1, // c\n "b": [2,],}').root?.kind, 'map');
    const bad = parseJson('{"a": }');
    assert.equal(bad.problems.length, 1);
    assert.equal(bad.problems[0].start, 6);
  });
});
