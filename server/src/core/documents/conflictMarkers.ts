import type { ParseProblem } from './tree';

/** A line that starts with one of git's conflict markers (seven characters, then a space or the line's end). */
const MARKER = /^(<{7}|\|{7}|={7}|>{7})(?=[ \t]|\r?$).*$/gm;

const SAYS: Record<string, string> = {
  '<': 'an unresolved merge conflict starts here',
  '|': "the common ancestor's side of an unresolved merge conflict starts here",
  '=': 'the two sides of an unresolved merge conflict meet here',
  '>': 'an unresolved merge conflict ends here',
};

/**
 * Git's conflict markers left in a file, one problem per marker line. `=======` and `|||||||` count only inside a
 * `<<<<<<<` block (a line of seven `=` is also a heading underline); text without `<<<<<<<` or `>>>>>>>` is not scanned.
 */
export function conflictMarkers(text: string): ParseProblem[] {
  if (!text.includes('<<<<<<<') && !text.includes('>>>>>>>')) return [];
  const problems: ParseProblem[] = [];
  let open = false;
  for (const m of text.matchAll(MARKER)) {
    const sign = m[1][0];
    if ((sign === '=' || sign === '|') && !open) continue;
    open = sign !== '>';
    const start = m.index!;
    problems.push({ message: `Git conflict marker (${m[1]}): ${SAYS[sign]}; keep the right text and delete the markers`, start, end: start + m[0].replace(/\r$/, '').length });
  }
  return problems;
}
