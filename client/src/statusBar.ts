/** The status bar item: findings by severity and the scan state, from the server's status notifications. */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { COMMAND_IDS, OPEN_PROBLEMS_COMMAND } from './commandIds';
import type { ServerObserver } from './serverLifecycle';
import { describeStatus, type ServerState } from './statusText';

const ALERT_COLORS = { error: 'statusBarItem.errorBackground', warning: 'statusBarItem.warningBackground' } as const;

export class StatusBar implements ServerObserver, vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('backendArchitect.status', vscode.StatusBarAlignment.Left, 0);
  private state: ServerState = 'starting';
  private status: StatusParams | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after each render: read `text`, `tooltip` and `serverState` (tests and the bench use it). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item.name = 'Backend Architect';
    this.render();
    this.item.show();
  }

  serverStateChanged(state: ServerState): void {
    // A (re)started server reports its findings afresh.
    if (state === 'starting') this.status = undefined;
    this.state = state;
    this.render();
  }

  statusReceived(status: StatusParams): void {
    this.status = status;
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }

  get serverState(): ServerState {
    return this.state;
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }

  private render(): void {
    const view = describeStatus(this.state, this.status);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = view.opens === 'problems' ? OPEN_PROBLEMS_COMMAND : COMMAND_IDS.showOutput;
    this.item.backgroundColor = view.alert ? new vscode.ThemeColor(ALERT_COLORS[view.alert]) : undefined;
    this.changed.fire();
  }
}
