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

const SPEC = [
  'openapi: 3.0.3',
  'info:',
  '  title: Orders',
  '  version: "1.0"',
  '  description: Orders of the shop',
  'servers:',
  '  - url: https://api.example.com/v1',
  'paths:',
  '  /orders:',
  '    get:',
  '      summary: List orders',
  '      parameters:',
  '        - name: q',
  '          in: query',
  '          schema:',
  '            type: string',
  '      responses:',
  '        "200":',
  '          description: ok',
  '',
].join('\n');

describe('incremental re-analysis of YAML (a scalar edit patches the kept tree)', () => {
  test('typing inside values gives exactly the diagnostics of the final text opened afresh', async () => {
    const root = makeWorkspace({ 'openapi.yaml': SPEC, 'fresh.yaml': SPEC });
    const file = join(root, 'openapi.yaml');
    await withServer({ root, settings: { scanWorkspace: false, debounceMs: 0 } }, async (c) => {
      const before = await c.open(file);
      assert.ok(!codes(before).includes('insecure-server-url'));
      // https -> http: one deletion inside the server URL's scalar.
      const url = { line: 6, character: SPEC.split('\n')[6].indexOf('https') + 4 };
      let v = await c.change(file, [{ range: { start: url, end: { line: 6, character: url.character + 1 } }, text: '' }]);
      const insecure = (await c.waitForDiagnostics(file, () => true, v)).filter((d) => d.code === 'insecure-server-url');
      assert.equal(insecure.length, 1);
      assert.equal(insecure[0].range.start.line, 6);
      // Typing in the description above, then in the summary below; each edit analyzed on its own (a patch each).
      const desc = SPEC.split('\n')[4].length;
      for (const [i, ch] of [...' and its customers'].entries()) {
        const at = { line: 4, character: desc + i };
        v = await c.change(file, [{ range: { start: at, end: at }, text: ch }]);
        await c.waitForDiagnostics(file, () => true, v);
      }
      const summary = SPEC.split('\n')[10].indexOf('orders');
      for (const [i, ch] of [...'the '].entries()) {
        const at = { line: 10, character: summary + i };
        v = await c.change(file, [{ range: { start: at, end: at }, text: ch }]);
        if (i < 3) await c.waitForDiagnostics(file, () => true, v);
      }
      const typed = await c.waitForDiagnostics(file, () => true, v);
      const finalText = SPEC.replace('https:', 'http:').replace('Orders of the shop', 'Orders of the shop and its customers').replace('List orders', 'List the orders');
      const fresh = join(root, 'fresh.yaml');
      await c.sendOpen(fresh, finalText);
      const opened = await c.waitForDiagnostics(fresh, (d) => d.length > 0);
      const shape = (ds: typeof typed) => ds.map((d) => ({ code: d.code, message: d.message, range: d.range, severity: d.severity }));
      assert.deepEqual(shape(typed), shape(opened));
      assert.ok(codes(typed).includes('insecure-server-url'));
    });
  });
});
