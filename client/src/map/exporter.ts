/** Saves an export of the map (SVG, PNG, Markdown with Mermaid) where the user chooses. */
import * as vscode from 'vscode';
import { graphToMarkdown } from '../../../server/src/core/workspace/graphMermaid';
import type { MapGraph, MapToHost } from './protocol';

type ExportMessage = Extract<MapToHost, { type: 'exportSvg' | 'exportPng' | 'exportMarkdown' }>;

const FORMATS = {
  exportSvg: { ext: 'svg', label: 'SVG image' },
  exportPng: { ext: 'png', label: 'PNG image' },
  exportMarkdown: { ext: 'md', label: 'Markdown' },
} as const;

/** The bytes of an export; Markdown keeps only the nodes the webview drew that the graph knows. */
export function exportBytes(m: ExportMessage, graph: MapGraph | undefined): Uint8Array | undefined {
  if (m.type === 'exportSvg') return new TextEncoder().encode(m.svg);
  if (m.type === 'exportPng') return Buffer.from(m.base64, 'base64');
  if (!graph) return undefined;
  return new TextEncoder().encode(graphToMarkdown(graph, new Set(m.nodeIds)));
}

export async function saveExport(m: ExportMessage, graph: MapGraph | undefined, notify: (text: string) => void): Promise<void> {
  const bytes = exportBytes(m, graph);
  if (!bytes) return notify('Nothing to export yet.');
  const format = FORMATS[m.type];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `architecture-map.${format.ext}`;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [format.label]: [format.ext] },
    saveLabel: 'Export',
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, bytes);
  notify(`Exported to ${vscode.workspace.asRelativePath(target)}.`);
}
