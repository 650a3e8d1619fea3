/** What `activate` returns: a read-only view for the integration suite and the bench, not a public API. */
import type * as vscode from 'vscode';
import type { ServerState } from './statusText';

export interface ActivationTimings {
  /** performance.now() at the start and the end of `activate`, and when the language client first ran. */
  readonly activateStart: number;
  readonly activateEnd: number;
  readonly clientRunning?: number;
}

export interface BackendArchitectTestApi {
  /** The status bar item as shown now. */
  readonly status: { readonly text: string; readonly tooltip: string; readonly serverState: ServerState };
  /** Fires whenever the status bar item is rendered again. */
  readonly onDidChangeStatus: vscode.Event<void>;
  readonly timings: ActivationTimings;
}
