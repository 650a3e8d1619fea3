/** Owns the language client: start, restart (as a fresh client), stop; forwards state and status to an observer. */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { ARCHITECTURE_CHANGED_NOTIFICATION, STATUS_NOTIFICATION, WORKSPACE_TRUSTED_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';
import { createLanguageClient } from './languageClient';
import type { ServerState } from './statusText';

export interface ServerObserver {
  serverStateChanged(state: ServerState): void;
  statusReceived(status: StatusParams): void;
}

const PUBLIC_STATES: Record<State, ServerState> = {
  [State.Starting]: 'starting',
  [State.Running]: 'running',
  [State.Stopped]: 'stopped',
};

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export class ServerLifecycle {
  private current: LanguageClient | undefined;
  private listeners: vscode.Disposable[] = [];
  /** Start, restart and stop run one after another. */
  private queue: Promise<void> = Promise.resolve();
  private readonly modelChanged = new vscode.EventEmitter<void>();
  /** Fires when the server says the architecture map's graph changed, and when a (re)started server runs. */
  readonly onDidChangeArchitecture = this.modelChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly observer: ServerObserver,
  ) {}

  /** The current client, if any (it may be starting, running or stopped). */
  get client(): LanguageClient | undefined {
    return this.current;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.startFresh());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      this.output.appendLine('[Info] Restarting the Backend Architect language server.');
      await this.stopCurrent();
      await this.startFresh();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.stopCurrent());
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async startFresh(): Promise<void> {
    // Set when the client stops restarting a crashing server: its final Stopped is shown as crashed.
    let gaveUp = false;
    const client = createLanguageClient(this.context, this.output, () => (gaveUp = true));
    this.current = client;
    this.listeners = [
      client.onDidChangeState((e) => this.observer.serverStateChanged(gaveUp && e.newState === State.Stopped ? 'crashed' : PUBLIC_STATES[e.newState])),
      client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => this.observer.statusReceived(status)),
      client.onNotification(ARCHITECTURE_CHANGED_NOTIFICATION, () => this.modelChanged.fire()),
      client.onDidChangeState((e) => e.newState === State.Running && this.modelChanged.fire()),
      // Trust granted later: the server may now run what the settings enable (Helm rendering).
      vscode.workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION).catch(() => undefined)),
    ];
    try {
      await client.start();
    } catch (error) {
      // The language client has already logged the cause and shown one error message with "Go to output".
      this.reportFailedStart(describeError(error), false);
      return;
    }
    if (!client.isRunning()) this.reportFailedStart('the server closed the connection while starting', true);
  }

  private reportFailedStart(reason: string, notify: boolean): void {
    this.output.appendLine(`[Error] The Backend Architect language server did not start: ${reason}`);
    this.observer.serverStateChanged('failed');
    if (!notify) return;
    void vscode.window.showErrorMessage('Backend Architect: the language server did not start.', 'Show Output').then((choice) => {
      if (choice) this.output.show(true);
    });
  }

  private async stopCurrent(): Promise<void> {
    const client = this.current;
    if (!client) return;
    this.current = undefined;
    const wasRunning = client.isRunning();
    try {
      await client.dispose();
    } catch (error) {
      // A client that never started cannot be stopped; only a running one is worth a log line.
      if (wasRunning) this.output.appendLine(`[Warn] Stopping the language server failed: ${describeError(error)}`);
    } finally {
      for (const listener of this.listeners.splice(0)) listener.dispose();
    }
    this.observer.serverStateChanged('stopped');
  }
}
