// The workspace scan over a real LSP connection: files never opened get diagnostics, progress and status are
// reported, .gitignore and exclude globs are honoured, watched files are re-analyzed, the command rescans.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { ANALYZE_WORKSPACE_COMMAND, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';
import { codes, fullCapabilities, makeWorkspace, uriOf, withServer, writeFiles, type TestClient } from './client';
import { COMPOSE, OPENAPI, PYTHON, PYTHON_OK, SAMPLE_SETTINGS } from './samples';

const PROGRESS = '$/progress';

/** Waits for the end of a server-created work-done progress started after `after`. */
async function scanEnded(c: TestClient, after = 0): Promise<void> {
  await c.waitForMessage(PROGRESS, (p) => p.value?.kind === 'end', after);
}

/** Waits for a status notification saying no scan runs, sent after `after`. */
function idle(c: TestClient, after = 0, pred: (s: StatusParams) => boolean = () => true): Promise<StatusParams> {
  return c.waitForMessage(STATUS_NOTIFICATION, (s: StatusParams) => s.state === 'idle' && pred(s), after);
}

describe('language server workspace scan', () => {
  test('publishes diagnostics for files never opened and reports progress', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI, 'docker-compose.yml': COMPOSE, 'svc/client.py': PYTHON, 'svc/ok.py': PYTHON_OK, 'README.md': '# shop\n' });
    await withServer({ root, settings: SAMPLE_SETTINGS }, async (c) => {
      await scanEnded(c);
      assert.deepEqual(codes(c.latest(join(root, 'openapi.yaml'))), ['missing-auth']);
      assert.deepEqual(codes(c.latest(join(root, 'docker-compose.yml'))), ['missing-healthcheck']);
      assert.deepEqual(codes(c.latest(join(root, 'svc/client.py'))), ['missing-timeout']);
      assert.equal(c.latest(join(root, 'svc/ok.py')), undefined, 'clean files get no diagnostics message');
      const scanned = c.latest(join(root, 'svc/client.py'))![0];
      assert.equal((scanned.data as any).version, null, 'findings from disk carry no document version');
      assert.match(scanned.codeDescription!.href, /missing-timeout\.md$/);

      assert.equal(c.progressTokens.length, 1);
      const progress = c.messages(PROGRESS).filter((p) => p.token === c.progressTokens[0]).map((p) => p.value.kind);
      assert.equal(progress[0], 'begin');
      assert.equal(progress.at(-1), 'end');
      assert.ok(progress.includes('report'));
    });
  });

  test('sends status notifications with the scan state and the finding counts', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI, 'docker-compose.yml': COMPOSE, 'svc/client.py': PYTHON });
    await withServer({ root, settings: SAMPLE_SETTINGS }, async (c) => {
      const done = await idle(c, 0, (s) => s.warnings === 3);
      assert.deepEqual(done, { state: 'idle', files: 3, errors: 0, warnings: 3, infos: 0 });
      assert.ok(c.messages(STATUS_NOTIFICATION).some((s: StatusParams) => s.state === 'scanning'));
      const from = c.mark();
      await c.changeSettings({ rules: { ...SAMPLE_SETTINGS.rules, 'missing-timeout': 'error' } });
      await idle(c, from, (s) => s.errors === 1 && s.warnings === 2);
    });
  });

  test('skips files matched by .gitignore at any level, by the exclude setting and by the config file', async () => {
    const root = makeWorkspace({
      '.gitignore': 'generated/\n',
      'generated/client.py': PYTHON,
      'nested/.gitignore': '*.local.py\n',
      'nested/a.local.py': PYTHON,
      'nested/b.py': PYTHON,
      'node_modules/lib/index.py': PYTHON,
      'custom/skip.py': PYTHON,
      'legacy/old.py': PYTHON,
      '.backend-architect.yaml': 'ignore:\n  - "legacy/**"\n',
      'kept.py': PYTHON,
    });
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, exclude: ['**/node_modules/**', '**/custom/**'] } }, async (c) => {
      await scanEnded(c);
      const published = [...c.diagnostics.keys()].filter((u) => c.diagnostics.get(u)!.diagnostics.length).sort();
      assert.deepEqual(published, [uriOf(join(root, 'kept.py')), uriOf(join(root, 'nested/b.py'))]);
    });
  });

  test('does not ask for progress when the client does not support it, and still scans', async () => {
    const caps = fullCapabilities();
    delete caps.window;
    const root = makeWorkspace({ 'svc/client.py': PYTHON });
    await withServer({ root, capabilities: caps, settings: SAMPLE_SETTINGS }, async (c) => {
      await c.waitForDiagnostics(join(root, 'svc/client.py'), (d) => d.length === 1);
      await idle(c);
      assert.equal(c.progressTokens.length, 0);
      assert.deepEqual(c.messages(PROGRESS), []);
    });
  });

  test('neither scans nor reports progress when scanWorkspace is off', async () => {
    const root = makeWorkspace({ 'svc/client.py': PYTHON });
    await withServer({ root, settings: { scanWorkspace: false } }, async (c) => {
      await idle(c);
      assert.deepEqual(c.messages(PROGRESS), []);
      assert.ok(c.messages(STATUS_NOTIFICATION).every((s: StatusParams) => s.state === 'idle'));
      assert.equal(c.latest(join(root, 'svc/client.py')), undefined);
    });
  });

  test('stops scanning when scanWorkspace is turned off and clears scanned findings when it is turned off', async () => {
    const root = makeWorkspace({ 'svc/client.py': PYTHON, 'openapi.yaml': OPENAPI });
    const py = join(root, 'svc/client.py');
    await withServer({ root, settings: SAMPLE_SETTINGS }, async (c) => {
      await c.waitForDiagnostics(py, (d) => d.length === 1);
      await c.changeSettings({ ...SAMPLE_SETTINGS, scanWorkspace: false });
      await c.waitForDiagnostics(py, (d) => d.length === 0);
      await c.waitForDiagnostics(join(root, 'openapi.yaml'), (d) => d.length === 0);
    });
  });

  test('registers file watchers, re-analyzes changed and created files that are not open, and clears deleted ones', async () => {
    const root = makeWorkspace({ '.gitignore': 'build-out/\n', 'svc/client.py': PYTHON });
    const py = join(root, 'svc/client.py');
    await withServer({ root, settings: SAMPLE_SETTINGS }, async (c) => {
      await scanEnded(c);
      const watch = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      assert.ok(watch, 'watchers registered');
      const globs = (watch.registerOptions as any).watchers.map((w: any) => w.globPattern);
      assert.ok(globs.some((g: string) => g.includes('py')) && globs.some((g: string) => g.includes('.backend-architect.yaml')));

      writeFileSync(py, PYTHON_OK);
      await c.fileEvents([{ uri: uriOf(py), type: FileChangeType.Changed }]);
      await c.waitForDiagnostics(py, (d) => d.length === 0);

      const created = join(root, 'svc/new.py');
      const ignored = join(root, 'build-out/gen.py');
      writeFiles(root, { 'svc/new.py': PYTHON, 'build-out/gen.py': PYTHON });
      await c.fileEvents([
        { uri: uriOf(ignored), type: FileChangeType.Created },
        { uri: uriOf(created), type: FileChangeType.Created },
      ]);
      await c.waitForDiagnostics(created, (d) => d.length === 1);
      assert.equal(c.latest(ignored), undefined, 'a gitignored file is not analyzed');

      rmSync(created);
      await c.fileEvents([{ uri: uriOf(created), type: FileChangeType.Deleted }]);
      await c.waitForDiagnostics(created, (d) => d.length === 0);
    });
  });

  test('clears the findings of every file under a deleted folder', async () => {
    const root = makeWorkspace({ 'svc/a.py': PYTHON, 'svc/deep/b.py': PYTHON });
    await withServer({ root, settings: SAMPLE_SETTINGS }, async (c) => {
      await scanEnded(c);
      rmSync(join(root, 'svc'), { recursive: true });
      await c.fileEvents([{ uri: uriOf(join(root, 'svc')), type: FileChangeType.Deleted }]);
      await c.waitForDiagnostics(join(root, 'svc/a.py'), (d) => d.length === 0);
      await c.waitForDiagnostics(join(root, 'svc/deep/b.py'), (d) => d.length === 0);
    });
  });

  test('a closed file goes back to its findings on disk', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON });
    const py = join(root, 'client.py');
    await withServer({ root, settings: SAMPLE_SETTINGS }, async (c) => {
      await scanEnded(c);
      await c.open(py);
      const v = await c.change(py, PYTHON_OK);
      await c.waitForDiagnostics(py, (d) => d.length === 0, v);
      const from = c.mark();
      await c.close(py);
      await c.waitForMessage('textDocument/publishDiagnostics', (p) => p.uri === uriOf(py) && p.diagnostics.length === 1, from);
    });
  });

  test('a file deleted while open leaves no diagnostics once it is closed', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON });
    const py = join(root, 'client.py');
    await withServer({ root, settings: SAMPLE_SETTINGS }, async (c) => {
      await scanEnded(c);
      await c.open(py);
      rmSync(py);
      await c.fileEvents([{ uri: uriOf(py), type: FileChangeType.Deleted }]);
      await c.close(py);
      await c.waitForDiagnostics(py, (d) => d.length === 0);
    });
  });

  test('the analyzeWorkspace command rescans the workspace and an unknown command is an error', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON_OK });
    await withServer({ root, settings: SAMPLE_SETTINGS }, async (c) => {
      await scanEnded(c);
      writeFiles(root, { 'later.py': PYTHON });
      const from = c.mark();
      assert.deepEqual(c.initializeResult!.capabilities.executeCommandProvider?.commands, [ANALYZE_WORKSPACE_COMMAND]);
      assert.equal(await c.connection.sendRequest('workspace/executeCommand', { command: ANALYZE_WORKSPACE_COMMAND, arguments: [] }), null);
      assert.deepEqual(codes(c.latest(join(root, 'later.py'))), ['missing-timeout']);
      await scanEnded(c, from);
      writeFiles(root, { 'later.py': PYTHON_OK });
      // Clients other than VS Code may send the command under the id of the VS Code command.
      assert.equal(await c.connection.sendRequest('workspace/executeCommand', { command: 'backendArchitect.analyzeWorkspace' }), null);
      assert.deepEqual(c.latest(join(root, 'later.py')), []);
      await assert.rejects(c.connection.sendRequest('workspace/executeCommand', { command: 'nope' }), /Unknown command/);
    });
  });

  test('answers requests while a large workspace is being scanned', async () => {
    const files: Record<string, string> = { 'open.py': PYTHON };
    for (let i = 0; i < 600; i++) files[`svc/m${i}.py`] = PYTHON;
    const root = makeWorkspace(files);
    await withServer({ root, settings: SAMPLE_SETTINGS }, async (c) => {
      await c.waitForMessage(PROGRESS, (p) => p.value?.kind === 'begin');
      const diags = await c.open(join(root, 'open.py'));
      const actions = await c.codeActions(join(root, 'open.py'), diags);
      assert.equal(actions.length, 2);
      assert.equal(c.messages(PROGRESS).filter((p) => p.value?.kind === 'end').length, 0, 'answered before the scan ended');
      await scanEnded(c);
      assert.equal([...c.diagnostics.values()].filter((p) => p.diagnostics.length).length, 601);
    });
  });

  test('scans a workspace folder when it is added and clears the findings of one that is removed', async () => {
    const first = makeWorkspace({ 'a.py': PYTHON });
    const second = makeWorkspace({ 'b.py': PYTHON });
    try {
      await withServer({ root: first, settings: SAMPLE_SETTINGS }, async (c) => {
        await c.waitForDiagnostics(join(first, 'a.py'), (d) => d.length === 1);
        const folder = (root: string) => ({ uri: uriOf(root), name: root });
        await c.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder(second)], removed: [folder(first)] } });
        await c.waitForDiagnostics(join(second, 'b.py'), (d) => d.length === 1);
        await c.waitForDiagnostics(join(first, 'a.py'), (d) => d.length === 0);
      });
    } finally {
      rmSync(second, { recursive: true, force: true });
    }
  });
});
