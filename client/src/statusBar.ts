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

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const view = describeStatus(this.state, this.status);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = view.opens === 'problems' ? OPEN_PROBLEMS_COMMAND : COMMAND_IDS.showOutput;
    this.item.backgroundColor = view.alert ? new vscode.ThemeColor(ALERT_COLORS[view.alert]) : undefined;
  }
}
