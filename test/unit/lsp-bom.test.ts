import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/core/findings';
import { countBom, hasBom } from '../../server/src/lsp/bom';

const at = (line: number, character: number) => ({ line, character });

describe('countBom', () => {
  const finding: Finding = {
    ruleId: 'r',
    severity: 'warning',
    message: 'm',
    path: '/w/a.yaml',
    range: { start: at(0, 3), end: at(1, 2) },
    related: [{ path: '/w/a.yaml', range: { start: at(0, 0), end: at(0, 1) }, message: 'here' }, { path: '/w/b.yaml', range: { start: at(0, 0), end: at(0, 1) }, message: 'there' }],
    fix: { title: 't', edits: [{ range: { start: at(0, 0), end: at(0, 0) }, newText: 'x' }] },
  };

  it('moves line-0 positions of the finding, its related places in the file and its fix one right', () => {
    const [f] = countBom([finding], '/w/a.yaml');
    assert.deepEqual(f.range, { start: at(0, 4), end: at(1, 2) });
    assert.deepEqual(f.related!.map((r) => r.range.start), [at(0, 1), at(0, 0)]);
    assert.deepEqual(f.fix!.edits[0].range, { start: at(0, 1), end: at(0, 1) });
  });

  it('moves a lazy fix when it is built', () => {
    const [f] = countBom([{ ...finding, fix: undefined, fixLater: () => finding.fix }], '/w/a.yaml');
    assert.deepEqual(f.fixLater!()!.edits[0].range.start, at(0, 1));
  });

  it('leaves findings of other files alone, and detects only a leading BOM', () => {
    const other = { ...finding, path: '/w/b.yaml' };
    assert.equal(countBom([other], '/w/a.yaml')[0], other);
    assert.equal(hasBom('\ufeffa'), true);
    assert.equal(hasBom('a\ufeff'), false);
  });
});
