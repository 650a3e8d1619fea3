/** Backend Architect: Review Architecture Document — asks the server for the review and opens it as Markdown with its preview. */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { REVIEW_DOCUMENT_REQUEST, type ReviewDocumentParams, type ReviewDocumentResult } from '../../server/src/lsp/protocol';

export const REVIEW_FILE_NAME = 'architecture-review.md';

/** The folder to review: the only one, or the one the user picks. */
async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to review' });
}

/**
 * Opens the review as an untitled Markdown document named after a file in the folder (so its relative links
 * resolve in the preview), then shows the preview beside it. Resolves to the document, or why it failed.
 */
export async function openReviewDocument(client: LanguageClient | undefined): Promise<vscode.TextDocument | string> {
  if (!client || client.state === State.Stopped) return 'the language server is not running';
  const folder = await pickFolder();
  if (!folder) return 'open a folder to review';
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reviewing the architecture of ${folder.name}…` }, () =>
    client.sendRequest<ReviewDocumentResult>(REVIEW_DOCUMENT_REQUEST, { folderUri: client.code2ProtocolConverter.asUri(folder.uri) } satisfies ReviewDocumentParams),
  );
  const uri = vscode.Uri.joinPath(folder.uri, REVIEW_FILE_NAME).with({ scheme: 'untitled' });
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), result.markdown);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
  return doc;
}
