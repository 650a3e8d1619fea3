import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix } from '../core/findings';
import { RULE_IDS } from '../core/rules/index';
import { SOURCE, type DiagnosticData } from './diagnostics';
import { commentPrefix, documentTarget, pathToUri } from './uris';

export interface CodeActionOptions {
  /** The client applies versioned `documentChanges` (so it refuses an edit made for another version). */
  documentChanges: boolean;
  /** Diagnostics last published for the document, to recover `data` a client did not send back. */
  published: readonly Diagnostic[];
  /** Computes a fix the diagnostics carry only by id (DiagnosticData.fixId). */
  lazyFix?: (version: number | null, fixId: number) => Fix | undefined;
}

function isData(x: unknown): x is DiagnosticData {
  const d = x as DiagnosticData | undefined;
  return typeof d === 'object' && d !== null && typeof d.ruleId === 'string' && (typeof d.version === 'number' || d.version === null);
}

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  const r = a.range;
  const s = b.range;
  return r.start.line === s.start.line && r.start.character === s.start.character && r.end.line === s.end.line && r.end.character === s.end.character;
}

/** The diagnostic's data: as sent back by the client, else from what was published with the same code and range. */
function dataOf(d: Diagnostic, published: readonly Diagnostic[]): DiagnosticData | undefined {
  if (isData(d.data)) return d.data;
  const match = published.find((p) => p.code === d.code && sameRange(p, d));
  return isData(match?.data) ? match.data : undefined;
}

function workspaceEdit(doc: TextDocument, edits: TextEdit[], opts: CodeActionOptions, other?: { path: string; version: number | null }): WorkspaceEdit {
  // A fix may edit another file (a spec, for a finding on code): versioned by that file's version it was made for.
  const uri = other ? pathToUri(other.path) : doc.uri;
  const version = other ? other.version : doc.version;
  if (opts.documentChanges) return { documentChanges: [{ textDocument: { uri, version }, edits }] };
  return { changes: { [uri]: edits } };
}

/** A comment line above the diagnostic's line, indented like it: `# backend-architect-ignore <rule-id>`. */
function suppressEdit(doc: TextDocument, line: number, prefix: string, ruleId: string): TextEdit {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)![0];
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}${prefix} backend-architect-ignore ${ruleId}${eol}` };
}

/**
 * Quick fixes for our diagnostics, chosen by code and data (never by message text) and offered only when the
 * data was computed for the document's current version: the rule's fix, and a suppression comment.
 */
export function codeActions(doc: TextDocument | undefined, params: CodeActionParams, opts: CodeActionOptions): CodeAction[] {
  if (!doc) return [];
  const only = params.context.only;
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
  const target = documentTarget(doc.uri, doc.languageId, doc.getText());
  const prefix = commentPrefix(target.kind, target.sourcePath);
  const fixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const suppressed = new Set<string>();
  for (const d of params.context.diagnostics) {
    if (d.source !== SOURCE) continue;
    const data = dataOf(d, opts.published);
    if (!data || data.version !== doc.version || d.code !== data.ruleId) continue;
    const fix = data.fix ?? (typeof data.fixId === 'number' ? opts.lazyFix?.(data.version, data.fixId) : undefined);
    if (fix?.edits.length) {
      fixes.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: workspaceEdit(doc, fix.edits, opts, fix.path ? { path: fix.path, version: fix.version ?? null } : undefined) });
    }
    const line = d.range.start.line;
    const once = `${data.ruleId}@${line}`;
    if (prefix && RULE_IDS.has(data.ruleId) && !suppressed.has(once)) {
      suppressed.add(once);
      suppressions.push({
        title: `Suppress ${data.ruleId} on this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: workspaceEdit(doc, [suppressEdit(doc, line, prefix, data.ruleId)], opts),
      });
    }
  }
  return [...fixes, ...suppressions];
}
