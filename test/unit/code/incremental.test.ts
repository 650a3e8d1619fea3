import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCode } from '../../../server/src/core/documents/treeSitter';
import { TreeCache, diffEdit } from '../../../server/src/lsp/incremental';

const BEFORE = 'import requests\n\ndef a():\n    return requests.get(u, timeout=5)\n\ndef b():\n    pass\n';
const edits: [string, string][] = [
  ['an inserted character', BEFORE.replace('pass', 'passx')],
  ['a deleted argument', BEFORE.replace(', timeout=5', '')],
  ['a new line in the middle', BEFORE.replace('def b', 'x = 1\n\ndef b')],
  ['a replaced whole text', 'package main\n'],
  ['non-ASCII text before the change', BEFORE.replace('import requests', '# héllo ✓\nimport requests').replace('pass', 'return 1')],
];

describe('incremental re-parse', () => {
  for (const [name, after] of edits) {
    it(`gives the same tree as a full parse after ${name}`, async () => {
      const cache = new TreeCache();
      cache.keep('u', BEFORE, 'python', await parseCode('python', BEFORE));
      const old = cache.take('u', after, 'python');
      assert.ok(old);
      const incremental = await parseCode('python', after, old);
      const full = await parseCode('python', after);
      assert.equal(incremental.rootNode.toString(), full.rootNode.toString());
      old.delete();
      incremental.delete();
      full.delete();
      cache.dispose();
    });
  }

  it('computes one edit between the common prefix and suffix, with rows and UTF-16 columns', () => {
    const e = diffEdit('ab\ncdé\nf', 'ab\ncdéXY\nf')!;
    assert.deepEqual([e.startIndex, e.oldEndIndex, e.newEndIndex], [6, 6, 8]);
    assert.deepEqual(e.startPosition, { row: 1, column: 3 });
    assert.deepEqual(e.newEndPosition, { row: 1, column: 5 });
    assert.equal(diffEdit('same', 'same'), undefined);
  });

  it('drops a kept tree when the document changes language', async () => {
    const cache = new TreeCache();
    cache.keep('u', 'x = 1\n', 'python', await parseCode('python', 'x = 1\n'));
    assert.equal(cache.take('u', 'let x = 1;\n', 'typescript'), undefined);
    assert.equal(cache.take('u', 'let x = 1;\n', 'typescript'), undefined);
  });
});
