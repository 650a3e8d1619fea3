// Large open documents are analyzed in a worker thread: a small file opened meanwhile gets its diagnostics first,
// an edit or a close stops the running analysis, and a file whose time budget runs out says it was partially analyzed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LogMessageNotification, PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { bigSpec } from '../../bench/bigFiles';
import { makeWorkspace, toUri, withServer, type TestClient } from './client';

const SMALL = 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /items:\n    get:\n      responses:\n        "200": { description: ok }\n';
/** The largest budget: however busy the machine, the large file is analyzed in full. */
const SETTINGS = { debounceMs: 0, scanWorkspace: false, maxFileSizeKb: 102400, analysisBudgetMs: 600000 };
const LOG = LogMessageNotification.method;
/** Several seconds of analysis (a 4 MB spec): far longer than a small file's. */
const LARGE_BYTES = 4 * 1024 * 1024;

/** Index in the received messages of the first diagnostics published for a file. */
function firstPublished(c: TestClient, path: string): number {
  const uri = toUri(path);
  return c.received.findIndex((m) => m.method === PublishDiagnosticsNotification.method && (m.params as PublishDiagnosticsParams).uri === uri);
}

describe('large documents', () => {
  test('a small file opened while a large one is analyzed gets its diagnostics first', async () => {
    const root = makeWorkspace({});
    await withServer({ root, settings: SETTINGS }, async (c) => {
      const large = join(root, 'large.yaml');
      const small = join(root, 'small.yaml');
      await c.sendOpen(large, bigSpec(LARGE_BYTES));
      const smallDiagnostics = await c.open(small, SMALL);
      assert.ok(smallDiagnostics.some((d) => d.code === 'missing-error-responses' || d.code), 'the small spec has findings');
      const largeDiagnostics = await c.waitForDiagnostics(large, () => true, 1);
      assert.ok(firstPublished(c, small) < firstPublished(c, large), 'the small file was published before the large one');
      assert.ok(largeDiagnostics.length > 0, 'the large file was analyzed');
      assert.ok(!largeDiagnostics.some((d) => d.code === 'partially-analyzed'), 'within the default budget: no partial note');
    });
  });

  test('an edit stops the running analysis of a large file, and only the latest version is published', async () => {
    const root = makeWorkspace({});
    await withServer({ root, settings: SETTINGS }, async (c) => {
      const large = join(root, 'large.yaml');
      const text = bigSpec(LARGE_BYTES);
      await c.sendOpen(large, text);
      await c.waitForMessage(LOG, (p) => /Analyzing .*large\.yaml in a worker thread/.test(p.message));
      const stopped = c.waitForMessage(LOG, (p) => /Stopped the analysis of .*large\.yaml/.test(p.message));
      const version = await c.change(large, text.replace('title: Bench API', 'title: Bench API v2'));
      await stopped;
      await c.waitForDiagnostics(large, () => true, version);
      const versions = c.messages(PublishDiagnosticsNotification.method).filter((p) => p.uri === toUri(large)).map((p) => p.version);
      assert.deepEqual(versions, [version]);
    });
  });

  test('closing a large file stops its analysis', async () => {
    const root = makeWorkspace({});
    await withServer({ root, settings: SETTINGS }, async (c) => {
      const large = join(root, 'large.yaml');
      await c.sendOpen(large, bigSpec(LARGE_BYTES));
      await c.waitForMessage(LOG, (p) => /Analyzing .*large\.yaml in a worker thread/.test(p.message));
      const stopped = c.waitForMessage(LOG, (p) => /Stopped the analysis of .*large\.yaml/.test(p.message));
      await c.close(large);
      await stopped;
    });
  });

  test('a file whose time budget runs out gets one partially-analyzed note with the rules left out', async () => {
    const root = makeWorkspace({});
    await withServer({ root, settings: { ...SETTINGS, analysisBudgetMs: 1 } }, async (c) => {
      const large = join(root, 'large.yaml');
      const diagnostics = await c.open(large, bigSpec(1200 * 1024));
      const notes = diagnostics.filter((d) => d.code === 'partially-analyzed');
      assert.equal(notes.length, 1);
      assert.match(notes[0].message, /^Partially analyzed: the 1 ms time budget ran out before \d+ rules started \(([a-z-]+, )+/);
      assert.match(notes[0].message, /backendArchitect\.analysisBudgetMs/);
      assert.equal(notes[0].severity, 3);
      assert.ok(notes[0].codeDescription?.href.endsWith('/docs/rules/partially-analyzed.md'));
    });
  });

  test('a large file of the workspace scan is analyzed in the worker, and a file opened meanwhile gets its diagnostics first', async () => {
    const root = makeWorkspace({ 'large.yaml': bigSpec(LARGE_BYTES) });
    await withServer({ root, settings: { ...SETTINGS, scanWorkspace: true } }, async (c) => {
      const large = join(root, 'large.yaml');
      const small = join(root, 'small.yaml');
      await c.waitForMessage(LOG, (p) => /Analyzing .*large\.yaml in a worker thread/.test(p.message));
      await c.open(small, SMALL);
      await c.waitForDiagnostics(large, (d) => d.length > 0);
      assert.ok(firstPublished(c, small) < firstPublished(c, large), 'the open file was published before the scanned one');
    });
  });
});
