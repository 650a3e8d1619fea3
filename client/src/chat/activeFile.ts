/** The active editor's file (or selection) as an implicit context chip: attached by default, removable. */
import * as vscode from 'vscode';
import { chipForEditor, type ContextChip } from './context';

export class ActiveFileContext implements vscode.Disposable {
  /** Whether the active file goes with the next question (the user can take it off, and put it back). */
  included = true;
  private timer?: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[];

  constructor(onChange: () => void) {
    const changed = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(onChange, 250);
    };
    this.subscriptions = [vscode.window.onDidChangeActiveTextEditor(changed), vscode.window.onDidChangeTextEditorSelection(changed)];
  }

  /** The chip for the active editor, when it shows a workspace file that is not a secrets file. */
  chip(): ContextChip | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(editor.document.uri)) return undefined;
    const chip = chipForEditor(editor);
    return typeof chip === 'string' ? undefined : chip;
  }

  toggle(): void {
    this.included = !this.included;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
