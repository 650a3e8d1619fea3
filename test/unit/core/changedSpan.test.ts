import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedSpan } from '../../../server/src/core/text/changedSpan';

/** The span one character at a time: what the block comparisons must give. */
function reference(before: string, after: string) {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < max - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

describe('changedSpan', () => {
  it('finds a one-character insertion and deletion in a long text', () => {
    const text = 'kind: Deployment\n'.repeat(600);
    const typed = text.slice(0, 5000) + 'x' + text.slice(5000);
    assert.deepEqual(changedSpan(text, typed), { start: 5000, oldEnd: 5000, newEnd: 5001 });
    assert.deepEqual(changedSpan(typed, text), { start: 5000, oldEnd: 5001, newEnd: 5000 });
    assert.deepEqual(changedSpan(text, text), { start: text.length, oldEnd: text.length, newEnd: text.length });
  });

  it('stops the common suffix where the common prefix ends when they could overlap (typing inside a run of that character)', () => {
    // The common suffix could reach into the run: a block that went past the prefix's end would still compare equal.
    for (let rest = 1; rest < 700; rest++) {
      const text = `${'a'.repeat(600)}b${'c'.repeat(rest)}`;
      const typed = text.slice(0, 100) + 'a' + text.slice(100);
      assert.deepEqual(changedSpan(text, typed), reference(text, typed));
      assert.deepEqual(changedSpan(typed, text), reference(typed, text));
    }
  });

  it('gives the span of a character-by-character comparison for random edits, short and long', () => {
    let seed = 13;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % Math.max(1, n));
    for (let k = 0; k < 3000; k++) {
      const text = Array.from({ length: rand(1500) }, () => 'ab\n'[rand(3)]).join('');
      const i = rand(text.length + 1);
      const j = i + rand(text.length - i + 1);
      const edited = text.slice(0, i) + 'ab\nb'.slice(0, rand(5)) + text.slice(j);
      assert.deepEqual(changedSpan(text, edited), reference(text, edited), JSON.stringify([text, edited]));
    }
  });
});
