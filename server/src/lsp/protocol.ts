/** Custom messages between the VS Code client and the language server (no vscode or LSP imports: shared by both). */

export const STATUS_NOTIFICATION = 'backendArchitect/status';
/**
 * workspace/executeCommand id the server advertises. It must differ from every VS Code command id in package.json:
 * vscode-languageclient registers advertised ids as VS Code commands, and a duplicate id makes the client's start fail.
 */
export const ANALYZE_WORKSPACE_COMMAND = 'backendArchitect.server.analyzeWorkspace';

/** Client -> server, no params: the user trusted the workspace (VS Code's onDidGrantWorkspaceTrust). */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'backendArchitect/workspaceTrusted';

/** What the client sends as initializationOptions. */
export interface InitializationOptions {
  /** Whether the workspace is trusted; absent means untrusted: nothing from the workspace is run (Helm rendering). */
  workspaceTrusted?: boolean;
}

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

/** Client -> server request: the architecture review document of a workspace folder (the first when none is named). */
export const REVIEW_DOCUMENT_REQUEST = 'backendArchitect/reviewDocument';

export interface ReviewDocumentParams {
  /** The folder's URI as the client knows it. */
  folderUri?: string;
}

export interface ReviewDocumentResult {
  /** The folder reviewed (an absolute path): the document's links are relative to it. */
  root: string;
  markdown: string;
}
/** Client -> server request, no params: the architecture map's graph of every workspace folder (ArchitectureGraph). */
export const ARCHITECTURE_MODEL_REQUEST = 'backendArchitect/architectureModel';
/** Server -> client, no params: findings or the model changed; a map that is open asks for the graph again. */
export const ARCHITECTURE_CHANGED_NOTIFICATION = 'backendArchitect/architectureChanged';
