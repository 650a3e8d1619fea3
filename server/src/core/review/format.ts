/** Markdown helpers for the review: escaped text, table cells, fences and file:line links relative to a base directory. */
import { relative, sep } from 'node:path';
import type { Evidence, LinkStyle } from './types';

/** Escapes what Markdown (or HTML inside it) would read as markup, so any name stays text. */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&#!{}()]/g, '\\$&').replace(/[\r\n]+/g, ' ');
}

/** A path relative to the link base, with forward slashes. */
export function relPath(style: LinkStyle, path: string): string {
  return relative(style.base, path).split(sep).join('/') || '.';
}

/** A link destination: each path segment percent-encoded (parentheses and spaces included). */
function destination(rel: string): string {
  return rel.split('/').map((seg) => encodeURIComponent(seg).replace(/[()!*']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
}

/** `[path:line](path#Lline)`: opens the file at the line in VS Code's preview and on code hosts. */
export function fileLink(style: LinkStyle, path: string, line: number): string {
  const rel = relPath(style, path);
  return `[${md(rel)}:${line}](${destination(rel)}#L${line})`;
}

export function evidenceLine(style: LinkStyle, e: Evidence): string {
  return `- ${fileLink(style, e.path, e.line)} ${md(e.note)}`;
}

/** A fence longer than any run of backticks in the text. */
export function fenced(lang: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

export function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
