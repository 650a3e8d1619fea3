// Where a finding in `helm template` output belongs in its template: rendered lines are not template lines, so the
// finding's YAML key is looked up in the template by its occurrence (the 2nd `image:` rendered from a template is
// its 2nd `image:` line), else the finding goes to the template's `kind:` line of that document, else its first line.
import type { Span } from '../rules/types';
import type { RenderedAt } from './render';

/** `  - name: x`, `image: y`, `containers:`: the key a line starts with (after list dashes). */
const KEY_LINE = /^([ \t]*(?:-[ \t]+)*)([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]|$)/;
const KIND_LINE = /^kind[ \t]*:.*$/gm;
const SOURCE_LINE = /^[ \t]*# Source: /gm;

/** The span in `template` (its text) of the line a rendered finding maps to. */
export function templateSpanOf(template: string, at: RenderedAt): Span {
  const rendered = at.text;
  const lineStart = rendered.lastIndexOf('\n', at.start - 1) + 1;
  const key = KEY_LINE.exec(lineOf(rendered, lineStart))?.[2];
  if (key) {
    const nth = keyLines(rendered.slice(0, lineStart), key).length;
    const line = keyLines(template, key)[nth];
    if (line) return line;
  }
  const doc = Math.max(0, count(rendered.slice(0, at.start), SOURCE_LINE) - 1);
  const kinds = [...template.matchAll(KIND_LINE)];
  const kind = kinds[doc] ?? kinds[0];
  if (kind) return { start: kind.index, end: kind.index + kind[0].trimEnd().length };
  const first = template.search(/\S/);
  if (first < 0) return { start: 0, end: 0 };
  const start = template.lastIndexOf('\n', first) + 1;
  return { start, end: start + lineOf(template, start).trimEnd().length };
}

/** The spans of the lines of `text` that start with `key:`, from the key to the end of the line, in order. */
function keyLines(text: string, key: string): Span[] {
  const out: Span[] = [];
  for (let start = 0; start < text.length; start = text.indexOf('\n', start) + 1 || text.length) {
    const line = lineOf(text, start);
    const m = KEY_LINE.exec(line);
    if (m?.[2] === key) out.push({ start: start + m[1].length, end: start + line.trimEnd().length });
  }
  return out;
}

function lineOf(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

function count(text: string, re: RegExp): number {
  return [...text.matchAll(re)].length;
}
