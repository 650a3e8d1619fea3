import type { Finding, Fix } from '../core/findings';
import type { Position, Range } from '../core/text/lineIndex';

/** Whether an editor's text starts with a byte order mark, which the engine removes before it reads the text. */
export const hasBom = (text: string) => text.charCodeAt(0) === 0xfeff;

/**
 * Findings in the positions of an editor whose text still has its BOM: the BOM counts as the first character of
 * line 0 there, so line-0 columns (of the finding, its related places in the file and its fix) move one right.
 */
export function countBom(findings: Finding[], path: string): Finding[] {
  return findings.map((f) => {
    if (f.path !== path) return f;
    const out: Finding = { ...f, range: range(f.range) };
    if (f.related) out.related = f.related.map((r) => (r.path === path ? { ...r, range: range(r.range) } : r));
    if (f.fix) out.fix = fix(f.fix);
    const later = f.fixLater;
    if (later) out.fixLater = () => fix(later());
    return out;
  });
}

const position = (p: Position): Position => (p.line === 0 ? { line: 0, character: p.character + 1 } : p);
const range = (r: Range): Range => ({ start: position(r.start), end: position(r.end) });

function fix<F extends Fix | undefined>(f: F): F {
  return f && { ...f, edits: f.edits.map((e) => ({ ...e, range: range(e.range) })) };
}
