/** Syntax highlighting for the chat's code blocks: highlight.js core with a few languages, as a tree of spans (never HTML). */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import type { MdNode } from './tree';

const LANGUAGES = { bash, dockerfile, go, java, javascript, json, python, sql, typescript, yaml };
for (const [name, lang] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, lang);

/** Code longer than this is shown plain: highlighting it would stall the panel while an answer streams. */
const MAX_HIGHLIGHT_CHARS = 50_000;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (e) => ENTITIES[e]);

/** The code as text and `span.hljs-*` nodes; plain text for an unknown language. */
export function highlight(code: string, lang: string | undefined): MdNode[] {
  const name = lang?.toLowerCase();
  if (!name || code.length > MAX_HIGHLIGHT_CHARS || !hljs.getLanguage(name)) return [code];
  let html: string;
  try {
    html = hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  } catch {
    return [code];
  }
  // highlight.js escapes the code and adds only `<span class="...">` and `</span>`: read those back as a tree.
  const root: MdNode[] = [];
  const stack: MdNode[][] = [root];
  for (const m of html.matchAll(/<span class="([\w\s-]*)">|<\/span>|([^<]+)/g)) {
    const top = stack[stack.length - 1];
    if (m[1] !== undefined) {
      const children: MdNode[] = [];
      top.push({ tag: 'span', attrs: { class: m[1].split(/\s+/).filter((c) => /^hljs-[\w-]+$|^[\w-]+_$/.test(c)).join(' ') }, children });
      stack.push(children);
    } else if (m[2] !== undefined) top.push(unescape(m[2]));
    else if (stack.length > 1) stack.pop();
  }
  return root;
}
