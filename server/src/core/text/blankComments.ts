/**
 * The text with its comments blanked (every character but line breaks made a space), so offsets and lines stay
 * where they were: `//` and `/* *\/` comments for 'js', 'go' and 'java', `#` comments for 'py'. Strings are skipped
 * whole (quotes, Go's and JavaScript's backquotes, Python's triple quotes), so a URL's `//` is no comment.
 */
export function blankComments(text: string, lang: string): string {
  if (!/\/\/|\/\*|#/.test(text)) return text;
  const ranges: [number, number][] = [];
  const blank = (from: number, to: number) => ranges.push([from, to]);
  const py = lang === 'py';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (py && c === '#') {
      const end = text.indexOf('\n', i);
      blank(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else if (!py && c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      blank(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else if (!py && c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      blank(i, end < 0 ? text.length : end + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      const triple = py && text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      let j = i + close.length;
      while (j < text.length && !text.startsWith(close, j)) {
        if (text[j] === '\\' && c !== '`') j++;
        else if (text[j] === '\n' && !triple && c !== '`') break; // an unterminated one-line string ends at the line
        j++;
      }
      i = j + close.length - 1;
    }
  }
  if (!ranges.length) return text;
  let out = '';
  let at = 0;
  for (const [from, to] of ranges) out += text.slice(at, from) + text.slice(from, to).replace(/[^\r\n]/g, ' '), (at = to);
  return out + text.slice(at);
}
