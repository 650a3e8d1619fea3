import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, waitFor, workspaceFolder } from '../helpers';

describe('activation', () => {
  it('opens a copy of examples/shop as the workspace', () => {
    const folder = workspaceFolder();
    assert.match(folder.uri.path, /shop/);
    assert.notEqual(folder.uri.path.includes('/examples/shop'), true, 'the suite must work on a copy, not the repository');
  });

  it('activates on the example workspace and starts the language server', async () => {
    const api = await extensionApi();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    await waitFor('the language server to run', [api.onDidChangeStatus], () => api.status.serverState === 'running');
    assert.ok(api.timings.activateEnd >= api.timings.activateStart);
  });

  it('loads the extension from where the runner put it (the working tree, or a .vsix installed with --install-extension)', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const installed = /[\\/]extensions[\\/]backend-architect\.backend-architect-\d/.test(extension.extensionPath);
    assert.equal(installed, process.env.BA_EXPECT_INSTALLED === '1', extension.extensionPath);
  });

  it('runs in the extension host the runner chose (remote under the VS Code server)', () => {
    // The runners say where the extension host is: BA_EXPECT_REMOTE=1 (VS Code server) or 0 (desktop).
    const remote = process.env.BA_EXPECT_REMOTE;
    assert.ok(remote === '1' || remote === '0', 'the runner sets BA_EXPECT_REMOTE');
    assert.equal(Boolean(vscode.env.remoteName), remote === '1', `remoteName: ${vscode.env.remoteName}`);
  });
});
