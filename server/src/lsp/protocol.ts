/** Custom messages between the VS Code client and the language server (no vscode or LSP imports: shared by both). */

export const STATUS_NOTIFICATION = 'backendArchitect/status';
export const ANALYZE_WORKSPACE_COMMAND = 'backendArchitect.analyzeWorkspace';

export interface StatusParams {
  /** 'scanning' while the workspace scan runs, 'idle' otherwise. */
  state: 'scanning' | 'idle';
  /** Files with at least one finding. */
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Files analyzed so far by the current scan, and how many it will analyze. */
  scanned?: number;
  total?: number;
}
