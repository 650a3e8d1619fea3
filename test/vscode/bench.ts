/**
 * `npm run bench`'s activation probe, loaded as extensionTestsPath instead of the suite: waits for the extension's
 * activation and its language client to run, then writes the extension's own timings (performance.now() in the
 * extension host) as JSON to BA_BENCH_OUT.
 */
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BackendArchitectTestApi } from '../../client/src/api';
import { EXTENSION_ID } from './helpers';

export async function run(): Promise<void> {
  const out = process.env.BA_BENCH_OUT;
  if (!out) throw new Error('BA_BENCH_OUT is not set');
  const extension = vscode.extensions.getExtension<BackendArchitectTestApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await new Promise<void>((resolve) => {
    if (api.timings.clientRunning !== undefined) return resolve();
    const sub = api.onDidChangeStatus(() => {
      if (api.timings.clientRunning === undefined) return;
      sub.dispose();
      resolve();
    });
  });
  const t = api.timings;
  writeFileSync(out, JSON.stringify({ activateMs: t.activateEnd - t.activateStart, clientRunningMs: t.clientRunning! - t.activateStart, remoteName: vscode.env.remoteName ?? null }));
}
