import type { ParseProblem } from './tree';

/** A line that starts with one of git's conflict markers (seven characters, then a space or the line's end). */
const MARKER = /^(<{7}|\|{7}|={7}|>{7})(?=[ \t]|\r?$).*$/gm;

const ROLE: Record<string, string> = { '|': "the common ancestor's side", '=': 'the other side', '>': 'the end' };

/**
 * Git's conflict markers left in a file: one problem per conflict, on its `<<<<<<<` line, naming the lines of its
 * other markers (one cause, one finding); a marker outside any conflict (a stray `>>>>>>>`) is one of its own.
 * `=======` and `|||||||` count only inside a `<<<<<<<` block (a line of seven `=` is also a heading underline);
 * text without `<<<<<<<` or `>>>>>>>` is not scanned.
 */
export function conflictMarkers(text: string): ParseProblem[] {
  if (!text.includes('<<<<<<<') && !text.includes('>>>>>>>')) return [];
  const problems: ParseProblem[] = [];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  let open: { start: number; end: number; marks: string[] } | undefined;
  const close = (ended: boolean) => {
    if (!open) return;
    const rest = open.marks.length ? ` (${open.marks.join(', ')})` : '';
    problems.push({ message: `Git conflict markers: an unresolved merge conflict starts here${rest}${ended ? '' : ' and never ends'}; keep the right text and delete the markers`, start: open.start, end: open.end });
    open = undefined;
  };
  for (const m of text.matchAll(MARKER)) {
    const sign = m[1][0];
    const start = m.index!;
    const end = start + m[0].replace(/\r$/, '').length;
    if (sign === '<') {
      close(false);
      open = { start, end, marks: [] };
    } else if (open) {
      open.marks.push(`${ROLE[sign]} at line ${lineOf(start)}`);
      if (sign === '>') close(true);
    } else if (sign === '>') {
      problems.push({ message: 'Git conflict marker (>>>>>>>) with no conflict opened before it: a leftover of a merge; delete it', start, end });
    }
  }
  close(false);
  return problems;
}
