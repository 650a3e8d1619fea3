/** Context chips (the active file, a selection, a finding) and @file mentions, turned into text for the model. */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { resolveInWorkspace, type WorkspaceRoot } from '../../../server/src/chat/paths';
import { redact } from '../../../server/src/chat/redact';
import { isSecretsFile } from '../../../server/src/chat/secretFiles';
import type { Chip } from './protocol';

export const MAX_CONTEXT_CHARS = 60_000;

export interface ContextChip extends Chip {
  /** The text the model gets for this chip (already redacted). */
  content: string;
}

const clip = (s: string) => (s.length > MAX_CONTEXT_CHARS ? `${s.slice(0, MAX_CONTEXT_CHARS)}\n[... truncated]` : s);

function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/** A chip for a document: the selection when there is one, else the whole file. Secrets files are not attached. */
export function chipForEditor(editor: vscode.TextEditor): ContextChip | string {
  const doc = editor.document;
  const rel = relative(doc.uri);
  if (isSecretsFile(rel)) return `${rel} looks like a secrets file, so it was not attached.`;
  const sel = editor.selection;
  if (!sel.isEmpty) {
    const label = `${rel}:${sel.start.line + 1}-${sel.end.line + 1}`;
    return { id: `sel:${label}`, kind: 'selection', label, content: `<selection file="${rel}" lines="${sel.start.line + 1}-${sel.end.line + 1}">\n${clip(redact(doc.getText(sel)).text)}\n</selection>` };
  }
  return { id: `file:${rel}`, kind: 'file', label: rel, content: `<file path="${rel}">\n${clip(redact(doc.getText()).text)}\n</file>` };
}

/** A chip for a finding: its message, the code around it and the rule's documentation. */
export async function chipForFinding(f: { uri: vscode.Uri; range: vscode.Range; ruleId: string; message: string }, docsDir: vscode.Uri): Promise<ContextChip> {
  const doc = await vscode.workspace.openTextDocument(f.uri);
  const rel = relative(f.uri);
  const from = Math.max(0, f.range.start.line - 10);
  const to = Math.min(doc.lineCount - 1, f.range.end.line + 10);
  const lines: string[] = [];
  for (let i = from; i <= to; i++) lines.push(`${i + 1}| ${doc.lineAt(i).text}`);
  let docs = '';
  if (/^[a-z0-9-]+$/.test(f.ruleId)) {
    try {
      docs = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(docsDir, `${f.ruleId}.md`))).toString('utf8');
    } catch {
      docs = '';
    }
  }
  const label = `${f.ruleId} at ${rel}:${f.range.start.line + 1}`;
  const content = [`<finding rule="${f.ruleId}" file="${rel}" line="${f.range.start.line + 1}">`, f.message, '</finding>', `<code file="${rel}" lines="${from + 1}-${to + 1}">`, redact(lines.join('\n')).text, '</code>', docs ? `<rule-docs id="${f.ruleId}">\n${clip(docs)}\n</rule-docs>` : ''].join('\n');
  return { id: `finding:${label}`, kind: 'finding', label, content };
}

/** `@path/to/file` mentions of a question, attached with the same confinement and refusals as the tools. */
export async function mentionChips(text: string, roots: WorkspaceRoot[]): Promise<{ chips: ContextChip[]; notes: string[] }> {
  const chips: ContextChip[] = [];
  const notes: string[] = [];
  for (const m of text.matchAll(/(?:^|\s)@([\w./-]+)/g)) {
    const path = m[1];
    const r = await resolveInWorkspace(roots, path);
    if (!r.ok) {
      if (/[./]/.test(path)) notes.push(`@${path}: ${r.reason}`);
      continue;
    }
    if (isSecretsFile(r.rel)) {
      notes.push(`@${path}: a secrets file is never attached`);
      continue;
    }
    const buf = await readFile(r.abs).catch(() => undefined);
    if (!buf || buf.subarray(0, 8192).includes(0)) continue;
    chips.push({ id: `file:${r.rel}`, kind: 'file', label: r.rel, content: `<file path="${r.rel}">\n${clip(redact(buf.toString('utf8')).text)}\n</file>` });
  }
  return { chips, notes };
}
