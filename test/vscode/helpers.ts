/** Helpers for the suite that runs inside VS Code: the extension's test API, workspace files, waiting on events. */
import * as vscode from 'vscode';
import type { BackendArchitectTestApi } from '../../client/src/api';

export const EXTENSION_ID = 'backend-architect.backend-architect';
export const SOURCE = 'backend-architect';

export async function extensionApi(): Promise<BackendArchitectTestApi> {
  const extension = vscode.extensions.getExtension<BackendArchitectTestApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** The workspace folder: a temporary copy of examples/shop made by the runner. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (a copy of examples/shop)');
  return folder;
}

export function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relative.split('/'));
}

/** This extension's diagnostics for a file. */
export function findings(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (!ruleId || ruleCode(d) === ruleId));
}

export function ruleCode(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function docsLink(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? d.code.target.toString(true) : undefined;
}

/**
 * Resolves with the first truthy value of `check`, evaluated now and again after each of `events` fires. No timer:
 * the mocha test timeout bounds the wait, and `what` names what was awaited when it fails.
 */
export function waitFor<T>(what: string, events: vscode.Event<unknown>[], check: () => T | undefined | false | null): Promise<T> {
  const now = check();
  if (now) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const subscriptions = events.map((event) =>
      event(() => {
        let value: T | undefined | false | null;
        try {
          value = check();
        } catch (error) {
          subscriptions.forEach((s) => s.dispose());
          reject(new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`));
          return;
        }
        if (!value) return;
        subscriptions.forEach((s) => s.dispose());
        resolve(value);
      }),
    );
  });
}

/** Waits until a file's findings satisfy `predicate`. */
export function waitForFindings(uri: vscode.Uri, what: string, predicate: (all: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(what, [vscode.languages.onDidChangeDiagnostics], () => {
    const all = findings(uri);
    return predicate(all) ? all : undefined;
  });
}

export function rulesOf(diagnostics: vscode.Diagnostic[]): string[] {
  return [...new Set(diagnostics.map(ruleCode).filter((c): c is string => !!c))].sort();
}

/** Resolves at the next change of a file's diagnostics. */
function nextDiagnosticsChange(uri: vscode.Uri): { done: Promise<void>; dispose(): void } {
  let subscription: vscode.Disposable | undefined;
  const done = new Promise<void>((resolve) => {
    subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      subscription?.dispose();
      resolve();
    });
  });
  return { done, dispose: () => subscription?.dispose() };
}

/**
 * The quick-fix code actions at a range once `ready` accepts them. The command needs the document open (a text
 * model); the server offers fixes only for findings computed for the open document's version, so after opening,
 * the request is repeated at each re-publication of the file's diagnostics.
 */
export async function codeActionsWhen(uri: vscode.Uri, range: vscode.Range, ready: (actions: vscode.CodeAction[]) => boolean): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri);
  for (;;) {
    const changed = nextDiagnosticsChange(uri);
    const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    const actions = all.filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
    if (ready(actions)) {
      changed.dispose();
      return actions;
    }
    await changed.done;
  }
}
