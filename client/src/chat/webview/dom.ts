/**
 * Turns the Markdown tree (markdown.ts) into DOM nodes with createElement and text nodes only: tags and attributes
 * outside the allow-lists never reach the page, links open through the host, code blocks get their actions.
 * Takes the document as a parameter (no DOM types here), so tests can check what it creates.
 */
import { mermaidBlock } from './diagram';
import type { DocumentLike, ElementLike, Post } from './docLike';
import { ALLOWED_ATTRS, ALLOWED_TAGS, type MdNode } from './tree';

export type { DocumentLike, ElementLike, Post };

const TAGS: ReadonlySet<string> = new Set(ALLOWED_TAGS);
const ATTRS: ReadonlySet<string> = new Set(ALLOWED_ATTRS);

export const textOf = (nodes: MdNode[]): string => nodes.map((n) => (typeof n === 'string' ? n : textOf(n.children))).join('');

export function treeToDom(nodes: MdNode[], doc: DocumentLike, post: Post): unknown[] {
  const make = (tag: string, attrs: Record<string, string>, ...children: unknown[]) => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...children);
    return e;
  };
  const button = (label: string, message: Parameters<Post>[0]) => {
    const b = make('button', { class: 'secondary' }, doc.createTextNode(label));
    b.addEventListener('click', () => post(message));
    return b;
  };
  const toDom = (node: MdNode): unknown => {
    if (typeof node === 'string') return doc.createTextNode(node);
    if (!TAGS.has(node.tag)) return doc.createTextNode(textOf(node.children));
    if (node.tag === 'codeblock') {
      const lang = node.attrs?.['data-lang'];
      const code = textOf(node.children);
      const pre = make('pre', {}, make('code', { class: `hljs${lang ? ` language-${lang.replace(/[^\w+#.-]/g, '')}` : ''}` }, ...node.children.map(toDom)));
      const actions = make('div', { class: 'codeactions' }, button('Copy', { type: 'copy', code }));
      // A Mermaid flowchart is drawn, its source one click away; any other diagram stays code with a note.
      const note: unknown[] = [];
      const mermaid = node.attrs?.['data-mermaid'];
      if (mermaid !== undefined) {
        pre.setAttribute('data-mermaid', '');
        const diagram = mermaidBlock(code, doc, pre, actions);
        if ('drawn' in diagram) return diagram.drawn;
        if (mermaid !== 'open') note.push(make('p', { class: 'diagram-note' }, doc.createTextNode(`Not drawn: ${diagram.note}. The source:`)));
      }
      actions.append(button('Insert at cursor', { type: 'insert', code }), button('Apply…', { type: 'apply', code, language: lang ? lang.slice(0, 50) : undefined }));
      return make('div', { class: 'codeblock' }, ...note, pre, actions);
    }
    const e = doc.createElement(node.tag);
    for (const [k, v] of Object.entries(node.attrs ?? {})) if (ATTRS.has(k) && v !== undefined) e.setAttribute(k, String(v));
    if (node.tag === 'a') {
      e.setAttribute('tabindex', '0');
      const open = (ev: { preventDefault(): void }) => {
        ev.preventDefault();
        post({ type: 'openLink', href: e.getAttribute('data-href') });
      };
      e.addEventListener('click', open);
      e.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') open(ev);
      });
    }
    e.append(...node.children.map(toDom));
    return e;
  };
  return nodes.map(toDom);
}
