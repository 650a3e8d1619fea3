/** The map's graph as Markdown: a Mermaid flowchart and a table of the nodes' findings. Names stay text. */
import type { ArchitectureGraph, MapNode } from './graphTypes';

const EDGE_LABEL = { http: 'HTTP', database: 'database', cache: 'cache', queue: 'queue' } as const;

/** A Mermaid-safe label: quotes and angle brackets as entities, so a name never becomes markup. */
function mermaidText(s: string): string {
  return s.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`).replace(/[\r\n]+/g, ' ');
}

/** Markdown table cell text: angle brackets and ampersands as entities, pipes and markup characters escaped. */
function cell(s: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
  return s.replace(/[&<>]/g, (c) => entities[c]).replace(/[\\|`*_[\]#]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

function shape(n: MapNode, id: string): string {
  const text = `"${mermaidText(n.name)}${n.detail ? `<br/>${mermaidText(n.detail)}` : ''}"`;
  switch (n.kind) {
    case 'datastore':
      return `${id}[(${text})]`;
    case 'broker':
      return `${id}[[${text}]]`;
    case 'external':
      return `${id}{{${text}}}`;
    default:
      return `${id}[${text}]`;
  }
}

/** A Mermaid flowchart of the graph (only `keep`'s nodes when given). */
export function graphToMermaid(graph: ArchitectureGraph, keep?: ReadonlySet<string>): string {
  const nodes = keep ? graph.nodes.filter((n) => keep.has(n.id)) : graph.nodes;
  const ids = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const n of nodes) lines.push(`  ${shape(n, ids.get(n.id)!)}`);
  for (const e of graph.edges) {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (!from || !to) continue;
    const label = `${EDGE_LABEL[e.kind]}${e.database ? `: ${e.database}` : ''}${e.concerns.length ? ` (${e.concerns.map((c) => c.label).join(', ')})` : ''}`;
    lines.push(`  ${from} -->|"${mermaidText(label)}"| ${to}`);
  }
  return lines.join('\n');
}

/** The Markdown export: a heading, the Mermaid block, then each drawn node with its findings. */
export function graphToMarkdown(graph: ArchitectureGraph, keep?: ReadonlySet<string>, title = 'Architecture map'): string {
  const nodes = keep ? graph.nodes.filter((n) => keep.has(n.id)) : graph.nodes;
  const out = [`# ${cell(title)}`, '', '```mermaid', graphToMermaid(graph, keep), '```', ''];
  if (!nodes.length) return out.join('\n');
  out.push('| Node | Kind | Findings | Worst | Concerns |', '| --- | --- | ---: | --- | --- |');
  for (const n of nodes) out.push(`| ${cell(n.name)} | ${n.kind} | ${n.count} | ${n.worst ?? ''} | ${cell(n.concerns.map((c) => c.label).join(', '))} |`);
  return out.join('\n') + '\n';
}
