/** The review as one self-contained HTML file: the Markdown rendered without raw HTML, the map as an inline SVG. */
import MarkdownIt from 'markdown-it';
import type { WorkspaceModel } from '../workspace/model';
import { escapeXml, MAX_DRAWN_NODES, renderSvg } from './svg';

const STYLE = `
body { font: 14px/1.5 system-ui, sans-serif; max-width: 1100px; margin: 2rem auto; padding: 0 1rem; color: #1f2328; background: #fff; }
table { border-collapse: collapse; margin: 0.5rem 0; } th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
code { background: #f6f8fa; padding: 1px 4px; border-radius: 4px; } a { color: #0969da; }
.mapbox { overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; }
svg.map .node rect { fill: #ddf4ff; stroke: #0969da; } svg.map .node.store rect { fill: #fff8c5; stroke: #9a6700; }
svg.map text { font: 12px system-ui, sans-serif; text-anchor: middle; fill: #1f2328; } svg.map text.sub, svg.map text.edge-label { font-size: 10px; fill: #57606a; }
svg.map path.edge { fill: none; stroke: #57606a; stroke-width: 1.3; } svg.map path.edge.queue { stroke-dasharray: 5 3; } svg.map marker path { fill: #57606a; }
@media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } code { background: #161b22; } a { color: #4493f8; } th, td, .mapbox { border-color: #30363d; }
  svg.map .node rect { fill: #0c2d6b; stroke: #4493f8; } svg.map .node.store rect { fill: #3b2300; stroke: #d29922; } svg.map text { fill: #e6edf3; } }
`;

export function reviewHtml(markdown: string, model: WorkspaceModel, title: string): string {
  const mdit = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const fence = mdit.renderer.rules.fence!;
  mdit.renderer.rules.fence = (tokens, idx, options, env, self) => {
    if (tokens[idx].info.trim() !== 'mermaid') return fence(tokens, idx, options, env, self);
    const more = model.services.length > MAX_DRAWN_NODES ? `<p>The map shows the first ${MAX_DRAWN_NODES} of ${model.services.length} services and datastores.</p>` : '';
    return `<div class="mapbox">${renderSvg(model)}</div>${more}`;
  };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeXml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${mdit.render(markdown)}
</body>
</html>
`;
}
