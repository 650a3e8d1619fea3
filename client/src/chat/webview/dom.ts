/**
 * Turns the Markdown tree (markdown.ts) into DOM nodes with createElement and text nodes only: tags and attributes
 * outside the allow-lists never reach the page, links open through the host, code blocks get their actions.
 * Takes the document as a parameter (no DOM types here), so tests can check what it creates.
 */
import { ALLOWED_ATTRS, ALLOWED_TAGS, type MdNode } from './tree';

export interface ElementLike {
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  append(...nodes: unknown[]): void;
  addEventListener(type: string, listener: (event: { preventDefault(): void; key?: string }) => void): void;
}

export interface DocumentLike {
  createElement(tag: string): ElementLike;
  createTextNode(text: string): unknown;
}

export type Post = (message: { type: string; [key: string]: unknown }) => void;

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
      // A Mermaid block stays code until the map's renderer draws it: data-mermaid marks it for that renderer.
      if (node.attrs?.['data-mermaid'] !== undefined) pre.setAttribute('data-mermaid', '');
      return make('div', { class: 'codeblock' }, pre, make('div', { class: 'codeactions' },
        button('Copy', { type: 'copy', code }),
        button('Insert at cursor', { type: 'insert', code }),
        button('Apply…', { type: 'apply', code, language: lang ? lang.slice(0, 50) : undefined })));
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
