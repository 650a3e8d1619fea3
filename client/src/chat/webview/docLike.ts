/** The little of the DOM the chat's renderers use, so unit tests can hand them a recording document. */

export interface ElementLike {
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  append(...nodes: unknown[]): void;
  addEventListener(type: string, listener: (event: { preventDefault(): void; key?: string }) => void): void;
}

export interface DocumentLike {
  createElement(tag: string): ElementLike;
  createElementNS(namespace: string, tag: string): ElementLike;
  createTextNode(text: string): unknown;
}

export type Post = (message: { type: string; [key: string]: unknown }) => void;
