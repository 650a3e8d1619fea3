/**
 * The modules a code file imports, and whether the file uses what it imports: a library that is imported and
 * never referenced again protects nothing. A text scan (no parse), like the rest of the service summaries.
 */

export interface ImportedModule {
  module: string;
  /** Offsets of the module name in the import statement. */
  start: number;
  end: number;
  /** Referenced after the import, or imported for its side effects (`import 'dd-trace/init'`, `_ "pkg"`). */
  used: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether one of the bound names appears in the text after the import statement. */
function usedAfter(text: string, names: string[], after: number): boolean {
  const rest = text.slice(after);
  return names.some((n) => n && new RegExp(`(?<![\\w$.])${escape(n)}\\b`).test(rest));
}

/** The names an import clause binds: `X`, `{ a, b as c }`, `* as X`, `X, { a }`. */
function jsBindings(clause: string): string[] {
  return clause
    .replace(/\btype\b/g, '')
    .split(/[{},]/)
    .map((p) => p.trim().split(/\s+as\s+/).pop()!.replace(/^\*\s*/, '').trim())
    .filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
}

const JS = /\bimport\s+(?:([\w$*{}\s,]+?)\s+from\s+)?["']([^"']+)["']|(?:\b(?:const|let|var)\s+([\w${}\s,:]+?)\s*=\s*)?\brequire\(\s*["']([^"']+)["']\s*\)(\s*[.(])?/g;
const PY = /^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([\w \t,\n]+?)\)?[ \t]*$|import[ \t]+([\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*))/gm;
const GO_BLOCK = /^import[ \t]*(?:\(([^)]*)\)|((?:[\w.]+[ \t]+)?"[^"]+"))/gm;
const GO_SPEC = /(?:([\w.]+)[ \t]+)?"([^"]+)"/g;
const JAVA = /^[ \t]*import[ \t]+(static[ \t]+)?([\w.]+)(\.\*)?[ \t]*;/gm;

function jsImports(text: string): ImportedModule[] {
  const out: ImportedModule[] = [];
  for (const m of text.matchAll(JS)) {
    const module = m[2] ?? m[4];
    const start = m.index! + m[0].indexOf(module);
    const end = m.index! + m[0].length;
    const names = jsBindings(m[1] ?? m[3] ?? '');
    // `import 'x'`, a bare `require('x')` or `require('x').init()`: used for its effect.
    const effect = (m[2] !== undefined && m[1] === undefined) || (m[4] !== undefined && (m[3] === undefined || !!m[5]));
    out.push({ module, start, end: start + module.length, used: effect || usedAfter(text, names, end) });
  }
  return out;
}

function pyImports(text: string): ImportedModule[] {
  const out: ImportedModule[] = [];
  for (const m of text.matchAll(PY)) {
    const end = m.index! + m[0].length;
    if (m[1]) {
      const names = m[2].split(',').map((p) => p.trim().split(/\s+as\s+/).pop()!.trim());
      const start = m.index! + m[0].indexOf(m[1]);
      out.push({ module: m[1], start, end: start + m[1].length, used: names.includes('*') || usedAfter(text, names, end) });
      continue;
    }
    let from = 0;
    for (const part of m[3].split(',')) {
      const [module, alias] = part.trim().split(/\s+as\s+/);
      const start = m.index! + m[0].indexOf(module, from);
      from = start - m.index! + module.length;
      out.push({ module, start, end: start + module.length, used: usedAfter(text, [alias ?? module.split('.')[0]], end) });
    }
  }
  return out;
}

function goImports(text: string): ImportedModule[] {
  const out: ImportedModule[] = [];
  for (const block of text.matchAll(GO_BLOCK)) {
    const body = block[1] ?? block[2];
    const base = block.index! + block[0].indexOf(body);
    for (const m of body.matchAll(GO_SPEC)) {
      const start = base + m.index! + m[0].indexOf('"') + 1;
      // Go does not compile with an unused import: every import is used (`_` for its side effects).
      out.push({ module: m[2], start, end: start + m[2].length, used: true });
    }
  }
  return out;
}

function javaImports(text: string): ImportedModule[] {
  const out: ImportedModule[] = [];
  for (const m of text.matchAll(JAVA)) {
    const start = m.index! + m[0].indexOf(m[2]);
    const name = m[2].split('.').pop()!;
    out.push({ module: m[2], start, end: start + m[2].length, used: !!m[3] || usedAfter(text, [name], m.index! + m[0].length) });
  }
  return out;
}

const BY_LANGUAGE: Record<string, (text: string) => ImportedModule[]> = { js: jsImports, py: pyImports, go: goImports, java: javaImports };

export function importsOf(lang: string, text: string): ImportedModule[] {
  return BY_LANGUAGE[lang]?.(text) ?? [];
}
