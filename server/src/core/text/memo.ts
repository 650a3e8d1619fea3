/**
 * A pure function of a string, remembered by its argument: an editor's analysis reads the same names, images and
 * values on every keystroke. Long arguments are not kept; the memory is emptied when it holds `max` answers.
 */
export function memoByString<T>(fn: (key: string) => T, max = 20_000, longest = 2000): (key: string) => T {
  const known = new Map<string, T>();
  return (key: string): T => {
    if (known.has(key)) return known.get(key) as T;
    const answer = fn(key);
    if (key.length > longest) return answer;
    if (known.size >= max) known.clear();
    known.set(key, answer);
    return answer;
  };
}
