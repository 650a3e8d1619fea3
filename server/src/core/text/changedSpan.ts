/** The one edit that turns one text into another: the span between their common prefix and common suffix. */
export interface ChangedSpan {
  start: number;
  /** End of the replaced span in the old text. */
  oldEnd: number;
  /** End of the replacement in the new text. */
  newEnd: number;
}

export function changedSpan(before: string, after: string): ChangedSpan {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}
