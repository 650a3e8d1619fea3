/** Code block actions of the chat (Copy, Insert at cursor, Apply as a diff the user accepts) and links. */
import * as vscode from 'vscode';
import { linkTarget, namedFile } from './codeBlocks';

export const PROPOSAL_SCHEME = 'backend-architect-proposal';

/** Read-only documents holding proposed file contents, shown on the right of a diff. */
export class ProposalProvider implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private counter = 0;

  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${++this.counter}/${name}` });
    this.docs.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }
}

export async function copy(code: string): Promise<void> {
  await vscode.env.clipboard.writeText(code);
  void vscode.window.setStatusBarMessage('Copied the code block', 2000);
}

export async function insertAtCursor(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open an editor to insert the code block at its cursor.');
    return;
  }
  await editor.edit((b) => b.replace(editor.selection, code));
}

/**
 * Shows the change as a diff and applies it only when the user accepts: a code block that names a workspace file
 * replaces that file; otherwise it replaces the selection of the active editor (or is inserted at its cursor).
 */
export async function applyAsDiff(code: string, proposals: ProposalProvider): Promise<void> {
  const named = namedFile(code);
  let target: vscode.TextDocument | undefined;
  let range: vscode.Range | undefined;
  let body = code;
  if (named) {
    const found = await vscode.workspace.findFiles(named, undefined, 2);
    if (found.length === 1) {
      target = await vscode.workspace.openTextDocument(found[0]);
      range = new vscode.Range(target.positionAt(0), target.positionAt(target.getText().length));
      body = code.slice(code.indexOf('\n') + 1);
    }
  }
  if (!target) {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Open the file to change (and select the lines to replace), then Apply again.');
      return;
    }
    target = editor.document;
    range = editor.selection;
  }
  const original = target.getText();
  const start = target.offsetAt(range!.start);
  const end = target.offsetAt(range!.end);
  const proposed = original.slice(0, start) + body + original.slice(end);
  const right = proposals.add(target.uri.path.split('/').pop() ?? 'proposal', proposed);
  await vscode.commands.executeCommand('vscode.diff', target.uri, right, `${vscode.workspace.asRelativePath(target.uri)} ↔ proposed by the architect`);
  const apply = 'Apply';
  const choice = await vscode.window.showInformationMessage(`Apply the proposed change to ${vscode.workspace.asRelativePath(target.uri)}?`, apply, 'Discard');
  if (choice !== apply) return;
  if (target.getText() !== original) {
    void vscode.window.showWarningMessage('The file changed while the diff was open; nothing was applied.');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(target.uri, range!, body);
  await vscode.workspace.applyEdit(edit);
}

/** Opens http(s) links in the browser and workspace-relative paths in an editor; anything else is ignored. */
export async function openLink(href: string): Promise<void> {
  const target = linkTarget(href);
  if (target.kind === 'external') {
    await vscode.env.openExternal(vscode.Uri.parse(target.url));
    return;
  }
  if (target.kind !== 'file') return;
  const found = await vscode.workspace.findFiles(target.path, undefined, 1);
  if (!found.length) return;
  const editor = await vscode.window.showTextDocument(found[0]);
  if (target.line) {
    const pos = new vscode.Position(Math.max(0, target.line - 1), 0);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos));
  }
}
