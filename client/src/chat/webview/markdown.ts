/**
 * The chat's Markdown: markdown-it (raw HTML off) turned into a tree of allowed elements. Links keep only targets the
 * extension opens (http(s), mailto, workspace files) as data, never as a navigable href; images become their text;
 * tables, nested lists and task lists ([ ] / [x] as disabled checkboxes); code highlighted; Mermaid blocks marked.
 */
import MarkdownIt from 'markdown-it';
import { linkTarget } from '../codeBlocks';
import { highlight } from './highlight';
import type { AllowedTag, MdElement, MdNode } from './tree';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
type Token = ReturnType<typeof md.parse>[number];
md.core.ruler.push('task_lists', (state) => {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i];
    if (inline.type !== 'inline' || tokens[i - 1].type !== 'paragraph_open' || tokens[i - 2].type !== 'list_item_open') continue;
    const first = inline.children?.[0];
    const m = first?.type === 'text' ? /^\[([ xX])\]\s+/.exec(first.content) : null;
    if (!first || !m) continue;
    first.content = first.content.slice(m[0].length);
    tokens[i - 2].meta = { ...tokens[i - 2].meta, task: m[1] !== ' ' ? 'done' : 'open' };
  }
});

/** Headings in an answer start at h3 so they stay below the panel's own. */
const heading = (tag: string): AllowedTag => `h${Math.min(6, Number(tag.slice(1)) + 2)}` as AllowedTag;

const BLOCK_TAGS: Record<string, AllowedTag> = { p: 'p', ul: 'ul', ol: 'ol', li: 'li', blockquote: 'blockquote', table: 'table', thead: 'thead', tbody: 'tbody', tr: 'tr', th: 'th', td: 'td', strong: 'strong', em: 'em', s: 's' };

export function renderMarkdown(text: string): MdNode[] {
  const root: MdNode[] = [];
  build(md.parse(text, {}), root, text.split('\n'));
  return root;
}

/** Whether the webview may offer this link: the kinds the extension host opens, nothing else. */
export function safeHref(href: string): string | undefined {
  if (/^mailto:[^\s<>"]+$/i.test(href)) return href;
  return linkTarget(href).kind === 'ignored' ? undefined : href;
}

/** Whether a fence ends with its closing line (while an answer streams, the last one may not yet). */
const isClosed = (t: Token, lines: string[]) => !!t.map && t.map[1] - 1 > t.map[0] && /^\s*(`{3,}|~{3,})\s*$/.test(lines[t.map[1] - 1] ?? '');

function build(tokens: Token[], root: MdNode[], lines: string[] = []): void {
  const stack: MdNode[][] = [root];
  const push = (n: MdNode) => stack[stack.length - 1].push(n);
  const open = (el: MdElement) => {
    push(el);
    stack.push(el.children);
  };
  for (const t of tokens) {
    if (t.nesting === -1) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    switch (t.type) {
      case 'inline':
        build(t.children ?? [], stack[stack.length - 1]);
        break;
      case 'heading_open':
        open({ tag: heading(t.tag), children: [] });
        break;
      case 'list_item_open': {
        const task = (t.meta as { task?: string } | null)?.task;
        open({ tag: 'li', ...(task ? { attrs: { class: 'task' } } : {}), children: task ? [{ tag: 'input', attrs: { type: 'checkbox', disabled: '', ...(task === 'done' ? { checked: '' } : {}) }, children: [] }] : [] });
        break;
      }
      case 'ordered_list_open': {
        const start = Number(t.attrGet('start'));
        open({ tag: 'ol', ...(Number.isInteger(start) && start > 1 ? { attrs: { start: String(start) } } : {}), children: [] });
        break;
      }
      case 'th_open':
      case 'td_open': {
        const align = /text-align:(left|center|right)/.exec(String(t.attrGet('style') ?? ''))?.[1];
        open({ tag: t.tag as AllowedTag, ...(align ? { attrs: { class: `align-${align}` } } : {}), children: [] });
        break;
      }
      case 'link_open': {
        const href = safeHref(String(t.attrGet('href') ?? ''));
        // A link the extension would not open is kept as its text only.
        open(href ? { tag: 'a', attrs: { 'data-href': href, title: href }, children: [] } : { tag: 'span', children: [] });
        break;
      }
      case 'image':
        push(`[image: ${t.content || String(t.attrGet('src') ?? '')}]`);
        break;
      case 'text':
        push(t.content);
        break;
      case 'code_inline':
        push({ tag: 'code', children: [t.content] });
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        push({ tag: 'br', children: [] });
        break;
      case 'hr':
        push({ tag: 'hr', children: [] });
        break;
      case 'fence':
      case 'code_block': {
        const lang = t.info.trim().split(/\s+/)[0]?.slice(0, 50) || undefined;
        const code = t.content.replace(/\n$/, '');
        const mermaid = lang?.toLowerCase() === 'mermaid';
        // An unclosed Mermaid block (still streaming) is marked `open`: drawn if it reads, else code without a note.
        push({ tag: 'codeblock', attrs: { ...(lang ? { 'data-lang': lang } : {}), ...(mermaid ? { 'data-mermaid': isClosed(t, lines) ? '' : 'open' } : {}) }, children: mermaid ? [code] : highlight(code, lang) });
        break;
      }
      case 'html_block':
      case 'html_inline':
        push(t.content); // never produced with html: false; kept as text should that change
        break;
      default:
        if (t.nesting === 1) open({ tag: BLOCK_TAGS[t.tag] ?? 'span', children: [] });
        else if (t.content) push(t.content);
    }
  }
}
