/** The architecture map's wiring: its panel, restored panels after a reload, and a hook for the integration tests. */
import * as vscode from 'vscode';
import type { ServerLifecycle } from '../serverLifecycle';
import { MapPanel } from './panel';
import type { HostToMap, MapToHost } from './protocol';

/** Used only by the integration tests and the screenshots: what the webview drew, and acting as the user would. */
export const MAP_TEST_COMMAND = 'backendArchitect.map.testHook';

type Rendered = Extract<MapToHost, { type: 'rendered' }>;
export type MapTestOp =
  | { kind: 'probe' }
  | { kind: 'graph' }
  | { kind: 'received' }
  | { kind: 'notices' }
  | { kind: 'renders' }
  | { kind: 'waitRender'; after: number; timeoutMs?: number }
  | { kind: 'receive'; message: unknown }
  | { kind: 'act'; action: 'click' | 'enter'; target: 'node' | 'edge'; id: string };

export function registerMap(context: vscode.ExtensionContext, server: ServerLifecycle, output: vscode.OutputChannel): { panel: MapPanel; disposables: vscode.Disposable[] } {
  const panel = new MapPanel(context.extensionUri, server, (line) => output.appendLine(line));
  const renders: Rendered[] = [];
  const waiters: { after: number; resolve: (r: Rendered) => void }[] = [];
  const disposables: vscode.Disposable[] = [
    panel,
    panel.onDidRender((r) => {
      renders.push(r);
      for (const w of waiters.splice(0)) {
        if (renders.length > w.after) w.resolve(renders[w.after]);
        else waiters.push(w);
      }
    }),
    vscode.commands.registerCommand(MAP_TEST_COMMAND, async (op: MapTestOp) => {
      switch (op?.kind) {
        case 'probe':
          return panel.probe();
        case 'graph':
          return panel.lastGraph;
        case 'received':
          return panel.received;
        case 'notices':
          return panel.notices;
        case 'renders':
          return renders.length;
        case 'waitRender':
          return renders.length > op.after ? renders[op.after] : waitForRender(waiters, op.after, op.timeoutMs);
        case 'receive':
          return panel.receive(op.message);
        case 'act':
          return panel.post({ type: 'act', action: op.action, target: op.target, id: op.id } satisfies HostToMap);
        default:
          return undefined;
      }
    }),
  ];
  return { panel, disposables };
}

/** The drawing numbered `after`, or undefined when `timeoutMs` passes first (so a test can say what it still waits for). */
function waitForRender(waiters: { after: number; resolve: (r: Rendered) => void }[], after: number, timeoutMs?: number): Promise<Rendered | undefined> {
  return new Promise((resolve) => {
    const waiter = { after, resolve };
    waiters.push(waiter);
    if (timeoutMs === undefined) return;
    setTimeout(() => {
      const at = waiters.indexOf(waiter);
      if (at >= 0) waiters.splice(at, 1);
      resolve(undefined);
    }, timeoutMs);
  });
}
