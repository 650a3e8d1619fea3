// `npm run test:vscode`: the same suite in desktop VS Code through @vscode/test-electron, which downloads VS Code
// (into .vscode-test/) — for machines that can. Here, `npm run test:vscode:server` runs it in the VS Code server.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'ba-vscode-desktop-'));
const workspace = join(dir, 'shop');
cpSync(join(root, 'examples/shop'), workspace, { recursive: true });
try {
  await runTests({
    version: process.env.BA_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/vscode/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(dir, 'user-data')],
    extensionTestsEnv: { BA_EXPECT_REMOTE: '0' },
  });
} catch (error) {
  console.error(`VS Code integration tests failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
