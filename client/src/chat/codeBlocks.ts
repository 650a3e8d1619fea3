/** Code block helpers without a vscode import (unit-tested): the file a block names, and link targets. */

/** The file a code block names in its first line (`// path: src/x.ts`, `# orders/app.py`), if any. */
export function namedFile(code: string): string | undefined {
  const first = code.split('\n', 1)[0];
  const m = /^\s*(?:\/\/|#|--|<!--|\/\*)\s*(?:(?:file|path)\s*:\s*)?([\w./-]+\.[A-Za-z0-9]+)\s*(?:-->|\*\/)?\s*$/.exec(first);
  if (!m || m[1].split('/').includes('..') || m[1].startsWith('/')) return undefined;
  return m[1];
}

export type LinkTarget = { kind: 'external'; url: string } | { kind: 'file'; path: string; line?: number } | { kind: 'ignored' };

/** http(s) and mailto links open outside, workspace-relative paths (optionally `:line` or `#Lline`) in an editor; nothing else. */
export function linkTarget(href: string): LinkTarget {
  if (/^(https?:\/\/|mailto:)[^\s]+$/i.test(href)) return { kind: 'external', url: href };
  const m = /^([\w./%-]+?)(?::(\d+)|#L(\d+))?$/.exec(href);
  let path: string | undefined;
  try {
    path = m ? decodeURIComponent(m[1]) : undefined;
  } catch {
    path = undefined;
  }
  if (!m || !path || /[\\\0*?{}[\]]/.test(path) || path.split('/').includes('..') || path.startsWith('/')) return { kind: 'ignored' };
  const line = m[2] ?? m[3];
  return { kind: 'file', path, ...(line ? { line: Number(line) } : {}) };
}
