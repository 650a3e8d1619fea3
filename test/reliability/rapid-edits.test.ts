// Case 11: 50 edits in 2 s, at typing speed, each a one-character incremental change.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { codes, makeWorkspace, uriOf, withServer, type TestClient } from '../lsp/client';
import { OPENAPI, SAMPLE_SETTINGS } from '../lsp/samples';
import { figure, msSince } from './figures';

const EDITS = 50;
const SPAN_MS = 2000;
const SETTLE_LIMIT_MS = 2000;

/** Sends `EDITS` one-character insertions at the end of the spec's description line, one every SPAN_MS / EDITS ms. */
async function typeFast(c: TestClient, path: string): Promise<number> {
  const line = OPENAPI.split('\n').findIndex((l) => l.includes('title:'));
  const end = OPENAPI.split('\n')[line].length;
  let version = 1;
  for (let i = 0; i < EDITS; i++) {
    const at = { line, character: end + i };
    version = await c.change(path, [{ range: { start: at, end: at }, text: 'x' }]);
    // Typing pace, part of the input (not a wait for a result).
    await new Promise((r) => setTimeout(r, SPAN_MS / EDITS));
  }
  return version;
}

describe('50 edits in 2 s', () => {
  test('50 edits in 2 s end with the diagnostics of a fresh open of the final text, published for the last version', async (t) => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI });
    const path = join(root, 'openapi.yaml');
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false } }, async (c) => {
      await c.open(path);
      const from = c.mark();
      const started = process.hrtime.bigint();
      const last = await typeFast(c, path);
      const typed = process.hrtime.bigint();
      const final = await c.waitForDiagnostics(path, () => true, last);
      const settleMs = msSince(typed);
      const typingMs = Number(typed - started) / 1e6;
      const versions = c.messages('textDocument/publishDiagnostics', from).filter((p) => p.uri === uriOf(path)).map((p) => p.version as number);
      assert.equal(last, EDITS + 1);
      assert.deepEqual(versions, [...new Set(versions)].sort((a, b) => a - b), `published versions ${versions}`);
      assert.equal(versions.at(-1), last);
      const fresh = await c.open(join(root, 'copy.yaml'), c.text(path));
      assert.deepEqual(codes(final), codes(fresh));
      assert.deepEqual(final.map((d) => d.range), fresh.map((d) => d.range));
      assert.ok(settleMs < SETTLE_LIMIT_MS, `the last version's diagnostics took ${settleMs} ms after the last edit`);
      figure(t, 11, `${EDITS} edits in ${Math.round(typingMs)} ms; ${versions.length} publications, the last version's ${Math.round(settleMs)} ms after the last edit (limit ${SETTLE_LIMIT_MS} ms)`);
    });
  });
});
