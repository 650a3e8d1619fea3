import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { at, entries, entry, get, isMap, isScalar, isSeq, items, str, toPlain } from '../../../server/src/core/documents/tree';

const root = parseYaml('name: shop\nport: 8080\nenabled: false\nnone: ~\nlist:\n  - a\n  - b: 1\nmap:\n  k: v\n').root;

describe('DataNode helpers', () => {
  it('finds an entry by key and returns undefined for a missing key', () => {
    assert.equal(entry(root, 'name')?.key.text, 'name');
    assert.equal(entry(root, 'missing'), undefined);
  });

  it('returns undefined from get on something that is not a mapping', () => {
    assert.equal(get(get(root, 'name'), 'x'), undefined);
    assert.equal(get(undefined, 'x'), undefined);
  });

  it('follows mixed key and index paths', () => {
    assert.equal(str(at(root, 'list', 1, 'b')), '1');
    assert.equal(str(at(root, 'list', 0)), 'a');
  });

  it('returns undefined as soon as a path step is missing', () => {
    assert.equal(at(root, 'list', 5, 'b'), undefined);
    assert.equal(at(root, 'map', 0), undefined);
    assert.equal(at(root, 'nope', 'deeper'), undefined);
  });

  it('converts scalars to strings with str, and gives undefined for null and non-scalars', () => {
    assert.equal(str(get(root, 'port')), '8080');
    assert.equal(str(get(root, 'enabled')), 'false');
    assert.equal(str(get(root, 'none')), undefined);
    assert.equal(str(get(root, 'map')), undefined);
  });

  it('lists entries and items, empty for the wrong kind of node', () => {
    assert.deepEqual(entries(get(root, 'map')).map((e) => e.key.text), ['k']);
    assert.equal(items(get(root, 'list')).length, 2);
    assert.deepEqual(entries(get(root, 'list')), []);
    assert.deepEqual(items(get(root, 'map')), []);
  });

  it('narrows node kinds with the type guards', () => {
    assert.ok(isMap(root));
    assert.ok(isSeq(get(root, 'list')));
    assert.ok(isScalar(get(root, 'name')));
    assert.equal(isMap(undefined), false);
  });

  it('converts a tree to plain JavaScript values', () => {
    assert.deepEqual(toPlain(root), {
      name: 'shop',
      port: 8080,
      enabled: false,
      none: null,
      list: ['a', { b: 1 }],
      map: { k: 'v' },
    });
    assert.equal(toPlain(undefined), undefined);
  });
});
