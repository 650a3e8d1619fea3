// Incremental re-parse in the language server: findings after a series of small edits are those of the final text
// (missing-timeout alone, so that rules added later cannot change the expected lists).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { codes, makeWorkspace, withServer } from './client';
import { onlyRules } from './samples';

const PY = 'import requests\n\n\ndef a(u):\n    return requests.get(u, timeout=5)\n';

describe('incremental re-analysis', () => {
  test('reports a finding typed in by small edits and clears it when the edit is undone', async () => {
    const root = makeWorkspace({ 'svc.py': PY });
    const file = join(root, 'svc.py');
    await withServer({ root, settings: { scanWorkspace: false, debounceMs: 0, rules: onlyRules('missing-timeout') } }, async (c) => {
      assert.deepEqual(await c.open(file), []);
      const col = PY.split('\n')[4].indexOf(', timeout=5');
      const at = { line: 4, character: col };
      const end = { line: 4, character: col + ', timeout=5'.length };
      let v = await c.change(file, [{ range: { start: at, end }, text: '' }]);
      assert.deepEqual(codes(await c.waitForDiagnostics(file, () => true, v)), ['missing-timeout']);
      const typed = ', timeout=9';
      for (let i = 0; i < typed.length; i++) {
        const pos = { line: 4, character: at.character + i };
        v = await c.change(file, [{ range: { start: pos, end: pos }, text: typed[i] }]);
      }
      assert.deepEqual(codes(await c.waitForDiagnostics(file, () => true, v)), []);
      v = await c.change(file, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# é ✓\n' }, { range: { start: { line: 5, character: col }, end: { line: 5, character: col + ', timeout=9'.length } }, text: '' }]);
      const diags = await c.waitForDiagnostics(file, () => true, v);
      assert.deepEqual(codes(diags), ['missing-timeout']);
      assert.equal(diags[0].range.start.line, 5);
    });
  });

  test('keeps analyzing a document after it is closed and opened again', async () => {
    const root = makeWorkspace({ 'svc.py': PY.replace(', timeout=5', '') });
    const file = join(root, 'svc.py');
    await withServer({ root, settings: { scanWorkspace: false, debounceMs: 0, rules: onlyRules('missing-timeout') } }, async (c) => {
      assert.deepEqual(codes(await c.open(file)), ['missing-timeout']);
      await c.close(file);
      await c.sendOpen(file, PY);
      await c.waitForDiagnostics(file, (d) => d.length === 0);
    });
  });
});
