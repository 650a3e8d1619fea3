/** The architecture map's request and its change notification: the graph of every folder's model and findings. */
import type { Connection } from 'vscode-languageserver';
import { basename } from 'node:path';
import { isWithin } from '../core/paths';
import { buildGraphView, type ArchitectureGraph, type GraphFinding } from '../core/workspace/graphView';
import type { Folder } from './folders';
import { ARCHITECTURE_CHANGED_NOTIFICATION } from './protocol';

/** Changes closer together than this send one notification. */
const CHANGE_DELAY_MS = 25;

export interface MapSources {
  folders(): Folder[];
  findings(): GraphFinding[];
}

/** The graph of every workspace folder; with several folders, node ids are prefixed by the folder's name. */
export async function architectureGraph(sources: MapSources): Promise<ArchitectureGraph> {
  const folders = sources.folders();
  const findings = sources.findings();
  const graphs: ArchitectureGraph[] = [];
  for (const folder of folders) {
    const model = await folder.index.model.model();
    graphs.push(buildGraphView(model, findings.filter((f) => isWithin(f.path, folder.root))));
  }
  if (graphs.length === 1) return graphs[0];
  const merged: ArchitectureGraph = { nodes: [], edges: [], rules: [], elsewhere: 0 };
  graphs.forEach((g, i) => {
    const prefix = (id: string) => `${basename(folders[i].root)}/${id}`;
    merged.nodes.push(...g.nodes.map((n) => ({ ...n, id: prefix(n.id) })));
    merged.edges.push(...g.edges.map((e) => ({ ...e, id: prefix(e.id), from: prefix(e.from), to: prefix(e.to) })));
    merged.elsewhere += g.elsewhere;
    merged.rules = [...new Set([...merged.rules, ...g.rules])].sort();
  });
  return merged;
}

/** Sends ARCHITECTURE_CHANGED_NOTIFICATION once after a burst of changes. */
export class ArchitectureChangeSignal {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly connection: Connection) {}

  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connection.sendNotification(ARCHITECTURE_CHANGED_NOTIFICATION).catch(() => undefined);
    }, CHANGE_DELAY_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
