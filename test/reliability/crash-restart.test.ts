// Case 13 (the server's side): kill -9 of dist/server.js under a real LSP client. The connection ends instead of
// hanging, and a fresh server on the same workspace (what the VS Code client starts) publishes the same diagnostics.
// The client's restarts and its give-up message are in test/vscode/suite/server.test.ts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { codes, makeWorkspace, TestClient, uriOf } from '../lsp/client';
import { COMPOSE, OPENAPI, PYTHON, SAMPLE_SETTINGS } from '../lsp/samples';
import { figure, msSince } from './figures';

const RESTART_LIMIT_MS = 5000;

describe('kill -9 of the language server', () => {
  test('a server killed with SIGKILL ends its connection, and a fresh one publishes the same diagnostics', async (t) => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI, 'docker-compose.yml': COMPOSE, 'client.py': PYTHON });
    const files = ['openapi.yaml', 'docker-compose.yml', 'client.py'].map((f) => join(root, f));
    const settings = { ...SAMPLE_SETTINGS, scanWorkspace: false };
    const first = await TestClient.start({ root, settings });
    let second: TestClient | undefined;
    try {
      const before = [];
      for (const f of files) before.push(codes(await first.open(f)));
      const closed = new Promise<void>((resolve) => first.connection.onClose(() => resolve()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => first.child.on('exit', (_code, signal) => resolve(signal)));
      const pending = first.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(files[2]) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      first.child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      await closed;
      // What a client does on close (vscode-languageclient too): dispose the connection, failing what was in flight.
      first.connection.dispose();
      await assert.rejects(pending, /Pending response rejected/);

      const started = process.hrtime.bigint();
      second = await TestClient.start({ root, settings });
      const after = [];
      for (const f of files) after.push(codes(await second.open(f)));
      const restartMs = msSince(started);
      assert.deepEqual(after, before);
      assert.deepEqual(before, [['missing-auth'], ['missing-healthcheck'], ['missing-timeout']]);
      assert.ok(restartMs < RESTART_LIMIT_MS, `took ${restartMs} ms`);
      figure(t, 13, `after kill -9, a fresh server published the diagnostics of 3 files in ${Math.round(restartMs)} ms (limit ${RESTART_LIMIT_MS} ms)`);
    } finally {
      await first.dispose();
      await second?.dispose();
    }
  });
});
