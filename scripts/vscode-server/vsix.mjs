// Installs a .vsix into the VS Code server's extensions folder with the server's own CLI.
import { spawnSync } from 'node:child_process';
import { NODE_BIN, SERVER_MAIN } from './paths.mjs';

export function installVsix(vsix, extensionsDir) {
  const r = spawnSync(NODE_BIN, [SERVER_MAIN, '--accept-server-license-terms', '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  console.log(`[vscode-server] ${r.stdout.trim().split('\n').pop()}`);
}
