/** Extension entry point: wires the output channel, status bar, language server and commands. */
import * as vscode from 'vscode';
import type { ActivationTimings, BackendArchitectTestApi } from './api';
import { registerChat } from './chat/commands';
import { registerCommands } from './commands';
import { registerMap } from './map/register';
import { ServerLifecycle } from './serverLifecycle';
import { StatusBar } from './statusBar';

let server: ServerLifecycle | undefined;

export function activate(context: vscode.ExtensionContext): BackendArchitectTestApi {
  const timings: { -readonly [K in keyof ActivationTimings]: ActivationTimings[K] } = { activateStart: performance.now(), activateEnd: 0 };
  const output = vscode.window.createOutputChannel('Backend Architect');
  const statusBar = new StatusBar();
  server = new ServerLifecycle(context, output, statusBar);
  const chat = registerChat(context, output);
  const map = registerMap(context, server, output);
  context.subscriptions.push(output, statusBar, ...chat.disposables, ...map.disposables, ...registerCommands({ server, output, chat: chat.commands, map: map.panel }));
  // Not awaited, so activation stays fast; a failed start is logged and shown by the lifecycle.
  void server.start();
  const firstRun = statusBar.onDidChange(() => {
    if (statusBar.serverState !== 'running') return;
    timings.clientRunning = performance.now();
    firstRun.dispose();
  });
  context.subscriptions.push(firstRun);
  timings.activateEnd = performance.now();
  return { status: statusBar, onDidChangeStatus: statusBar.onDidChange, timings };
}

export function deactivate(): Promise<void> | undefined {
  const stopping = server?.stop();
  server = undefined;
  return stopping;
}
