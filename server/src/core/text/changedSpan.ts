/** The one edit that turns one text into another: the span between their common prefix and common suffix. */
export interface ChangedSpan {
  start: number;
  /** End of the replaced span in the old text. */
  oldEnd: number;
  /** End of the replacement in the new text. */
  newEnd: number;
}

/** Equal blocks are skipped with one native string comparison each, then characters are compared one by one. */
const BLOCK = 256;

export function changedSpan(before: string, after: string): ChangedSpan {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start + BLOCK <= max && before.substring(start, start + BLOCK) === after.substring(start, start + BLOCK)) start += BLOCK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  const room = max - start;
  let tail = 0;
  while (tail + BLOCK <= room && before.substring(before.length - tail - BLOCK, before.length - tail) === after.substring(after.length - tail - BLOCK, after.length - tail)) tail += BLOCK;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}
