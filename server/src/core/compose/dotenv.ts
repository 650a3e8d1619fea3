/** One `KEY=value` line of a .env file, with the offsets of the key and the value in the file's text. */
export interface DotenvEntry {
  key: string;
  value: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * Parses a .env file as compose reads it: `KEY=value` or `KEY: value` lines, an optional `export `, `#`
 * comments, single quotes literal, double quotes with `\n` escapes, inline ` #` comments on unquoted values.
 */
export function parseDotenv(text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  const re = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*[=:][ \t]*(.*)$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = m[1];
    const keyStart = m.index + m[0].indexOf(key);
    let raw = m[2].replace(/\r$/, '');
    let valueStart = m.index + m[0].length - m[2].length;
    let value: string;
    const q = raw[0];
    if ((q === '"' || q === "'") && raw.indexOf(q, 1) > 0) {
      const close = raw.indexOf(q, 1);
      value = raw.slice(1, close);
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
      valueStart += 1;
      raw = value;
    } else {
      value = raw.replace(/[ \t]+#.*$/, '').trim();
    }
    out.push({ key, value, keyStart, valueStart, valueEnd: valueStart + Math.min(raw.length, value.length) });
  }
  return out;
}

export function dotenvMap(text: string | undefined): Map<string, string> {
  const env = new Map<string, string>();
  if (text) for (const e of parseDotenv(text)) env.set(e.key, e.value);
  return env;
}
