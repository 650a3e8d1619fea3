/** The hover and focus card of a node or an edge: its findings and concerns, all as text. */
import type { MapGraph, MapGraphEdge, MapGraphNode } from '../../src/map/protocol';
import { describeNode } from './render';

const SHOWN = 12;

export class Tooltip {
  constructor(private readonly box: HTMLElement) {}

  hide(): void {
    this.box.hidden = true;
  }

  showNode(n: MapGraphNode, x: number, y: number): void {
    const lines: [string, string][] = [['title', describeNode(n)]];
    for (const c of n.concerns) lines.push(['concern', `⚠ ${c.label}`]);
    for (const f of n.findings.slice(0, SHOWN)) lines.push([`finding sev-${f.severity}`, `${f.severity} · ${f.ruleId}: ${f.message}`]);
    if (n.count > SHOWN) lines.push(['more', `… and ${n.count - SHOWN} more`]);
    if (n.location) lines.push(['hint', 'Click or press Enter to open its definition']);
    this.show(lines, x, y);
  }

  showEdge(e: MapGraphEdge, graph: MapGraph, x: number, y: number): void {
    const name = (id: string) => graph.nodes.find((n) => n.id === id)?.name ?? id;
    const lines: [string, string][] = [['title', `${name(e.from)} → ${name(e.to)} (${e.kind}${e.database ? `, database ${e.database}` : ''})`]];
    for (const c of e.concerns) lines.push(['concern', `⚠ ${c.label}`]);
    if (e.location) lines.push(['hint', 'Click or press Enter to open where the connection is configured']);
    this.show(lines, x, y);
  }

  private show(lines: [string, string][], x: number, y: number): void {
    this.box.replaceChildren(
      ...lines.map(([cls, text]) => {
        const p = document.createElement('div');
        p.className = cls;
        p.textContent = text;
        return p;
      }),
    );
    this.box.hidden = false;
    const w = this.box.offsetWidth;
    const h = this.box.offsetHeight;
    this.box.style.left = `${Math.max(4, Math.min(x, window.innerWidth - w - 4))}px`;
    this.box.style.top = `${Math.max(4, Math.min(y, window.innerHeight - h - 4))}px`;
  }
}
