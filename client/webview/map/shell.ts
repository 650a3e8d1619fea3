/** The map's page: toolbar (search, filters, zoom, export), status line, drawing, message and tooltip areas. */
import { SVG_NS } from '../../src/diagram/path';
import type { Filters } from './filter';

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const SEVERITIES: [Filters['severity'], string][] = [
  ['any', 'Any severity'],
  ['error', 'Errors'],
  ['warning', 'Warnings and worse'],
  ['information', 'Information and worse'],
  ['hint', 'Any finding'],
];

export function buildShell(app: HTMLElement) {
  const button = (id: string, text: string, title: string) => h('button', { id, type: 'button', title, 'aria-label': title }, text);
  const search = h('input', { id: 'search', type: 'search', placeholder: 'Find a node', 'aria-label': 'Find a node by name (Enter goes to it)' });
  const rule = h('select', { id: 'rule', 'aria-label': 'Filter by rule' });
  const severity = h('select', { id: 'severity', 'aria-label': 'Filter by severity' });
  for (const [value, label] of SEVERITIES) severity.append(h('option', { value }, label));
  const zoomIn = button('zoom-in', '+', 'Zoom in (+)');
  const zoomOut = button('zoom-out', '−', 'Zoom out (-)');
  const fit = button('fit', 'Fit', 'Fit to view (0)');
  const exportSvg = button('export-svg', 'SVG', 'Export the drawn map as SVG');
  const exportPng = button('export-png', 'PNG', 'Export the drawn map as PNG');
  const exportMarkdown = button('export-md', 'Markdown', 'Export the drawn map as Markdown with a Mermaid diagram');
  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Map tools' });
  toolbar.append(search, rule, severity, zoomIn, zoomOut, fit, h('span', { class: 'spacer' }), exportSvg, exportPng, exportMarkdown);
  const status = h('div', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' });
  const stage = h('div', { class: 'stage' });
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('id', 'map');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', 'Architecture map: Tab moves through nodes and edges, Enter opens where one is defined');
  const message = h('div', { class: 'message', role: 'alert' });
  const messageText = h('p');
  const retry = button('retry', 'Retry', 'Ask the language server again');
  message.append(messageText, retry);
  stage.append(svg, message);
  const legend = h('div', { class: 'legend', 'aria-hidden': 'true' });
  for (const [cls, text] of [['sev-error', 'error'], ['sev-warning', 'warning'], ['sev-information', 'information'], ['sev-none', 'no findings']]) {
    const item = h('span', { class: `key ${cls}` });
    item.append(h('span', { class: 'swatch' }), document.createTextNode(text));
    legend.append(item);
  }
  legend.append(h('span', { class: 'key' }, '▭ service  ⛁ datastore  ▱ broker  ◌ external host  ⚠ system concern  · lines: solid HTTP, thick database, dotted cache, dashed queue'));
  const tooltip = h('div', { class: 'tooltip', role: 'tooltip' });
  tooltip.hidden = true;
  app.append(toolbar, status, stage, legend, tooltip);

  return {
    search, rule, severity, zoomIn, zoomOut, fit, exportSvg, exportPng, exportMarkdown, status, svg, message, messageText, retry, tooltip,
    /** Fills the rule filter with the graph's rules, keeping the chosen one. */
    fillRules(rules: string[], f: Filters): void {
      const want = ['', ...rules, ...(f.rule && !rules.includes(f.rule) ? [f.rule] : [])];
      if ([...rule.options].map((o) => o.value).join('\n') !== want.join('\n')) {
        rule.replaceChildren(...want.map((r) => h('option', { value: r }, r || 'All rules')));
      }
      rule.value = f.rule;
      severity.value = f.severity;
    },
  };
}
