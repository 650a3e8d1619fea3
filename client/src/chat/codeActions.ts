/** "Ask the architect" on every Backend Architect diagnostic: opens the chat with the finding as context. */
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commandIds';

export const DIAGNOSTIC_SOURCE = 'backend-architect';

export interface FindingArgs {
  uri: string;
  range: [number, number, number, number];
  ruleId: string;
  message: string;
}

export function ruleIdOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return String(code ?? 'finding');
}

export function findingArgs(uri: vscode.Uri, d: vscode.Diagnostic): FindingArgs {
  const r = d.range;
  return { uri: uri.toString(), range: [r.start.line, r.start.character, r.end.line, r.end.character], ruleId: ruleIdOf(d), message: d.message };
}

export class AskArchitectActions implements vscode.CodeActionProvider {
  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    return ctx.diagnostics
      .filter((d) => d.source === DIAGNOSTIC_SOURCE)
      .map((d) => {
        const action = new vscode.CodeAction(`Ask the architect about ${ruleIdOf(d)}`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.command = { command: COMMAND_IDS.chatExplainFinding, title: 'Ask the architect', arguments: [findingArgs(doc.uri, d)] };
        return action;
      });
  }
}
