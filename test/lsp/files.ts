// Workspace and text helpers for the language server tests: temporary folders, URIs, language ids, edits.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export function languageIdOf(path: string): string {
  const name = basename(path).toLowerCase();
  if (/compose.*\.ya?ml$/.test(name)) return 'dockercompose';
  const byExt: Record<string, string> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json', '.py': 'python', '.ts': 'typescript', '.js': 'javascript', '.go': 'go', '.java': 'java' };
  return byExt[extname(name)] ?? 'plaintext';
}

/** A temporary workspace folder holding `files` (relative path -> text or bytes). */
export function makeWorkspace(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'ba-lsp-'));
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), edits);
}

/** The edits a WorkspaceEdit makes to one document (from `documentChanges` or `changes`). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  const out: TextEdit[] = [...(edit?.changes?.[uri] ?? [])];
  for (const c of edit?.documentChanges ?? []) if ('edits' in c && c.textDocument.uri === uri) out.push(...(c.edits as TextEdit[]));
  return out;
}

/** A URI as is, or the file: URI of a path. */
export function toUri(pathOrUri: string): string {
  return /^[a-z][\w+.-]*:/i.test(pathOrUri) && !/^[a-z]:[\\/]/i.test(pathOrUri) ? pathOrUri : uriOf(pathOrUri);
}

/** The diagnostics of one rule, for assertions that hold whatever other rules find in the same file. */
export function ofRule(diagnostics: Diagnostic[] | undefined, ruleId: string): Diagnostic[] {
  return (diagnostics ?? []).filter((d) => d.code === ruleId);
}

/** Diagnostic codes, for compact assertions. */
export function codes(diagnostics: Diagnostic[] | undefined): string[] {
  return (diagnostics ?? []).map((d) => String(d.code));
}
