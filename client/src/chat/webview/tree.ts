/** What the chat's Markdown renderer produces: a tree of allowed elements and text, turned into DOM nodes by the webview. */

export const ALLOWED_TAGS = ['p', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 's', 'a', 'code', 'hr', 'br', 'span', 'input', 'codeblock'] as const;
export type AllowedTag = (typeof ALLOWED_TAGS)[number];

/** The only attributes any element may carry; values are set as text, never parsed. */
export const ALLOWED_ATTRS = ['class', 'data-href', 'title', 'start', 'type', 'checked', 'disabled', 'data-lang', 'data-mermaid'] as const;
export type AllowedAttr = (typeof ALLOWED_ATTRS)[number];

export interface MdElement {
  tag: AllowedTag;
  attrs?: Partial<Record<AllowedAttr, string>>;
  children: MdNode[];
}

export type MdNode = string | MdElement;
