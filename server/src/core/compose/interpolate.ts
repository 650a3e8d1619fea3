/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
 * `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, and `$$` for a literal `$`. Defaults may hold nested `${...}`.
 * An unset variable without a default becomes the empty string, as `docker compose` does (with a warning).
 */
export type Env = ReadonlyMap<string, string>;

export function interpolate(text: string, env: Env): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const close = matchingBrace(text, i + 1);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      out += expand(text.slice(i + 2, close), env);
      i = close + 1;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
      if (!m) {
        out += c;
        i++;
        continue;
      }
      out += env.get(m[0]) ?? '';
      i += 1 + m[0].length;
    }
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function expand(body: string, env: Env): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) return '';
  const [, name, op, arg = ''] = m;
  const value = env.get(name);
  const empty = value === undefined || (op?.startsWith(':') && value === '');
  switch (op) {
    case '-':
    case ':-':
      return empty ? interpolate(arg, env) : value!;
    case '+':
    case ':+':
      return empty ? '' : interpolate(arg, env);
    default:
      return value ?? '';
  }
}

/** True when a value is written as a reference only (`${NAME}`, `$NAME`), so it holds no literal. */
export function isReference(text: string): boolean {
  return /^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-?+][^}]*)?\}$|^\$[A-Za-z_][A-Za-z0-9_]*$/.test(text.trim());
}

/** Stands for a variable that only the deploy sets (see markUnsetVariables). */
export const SET_AT_DEPLOY = '\u0000';

/**
 * The text with each variable that has no default (`$VAR`, `${VAR}`, `${VAR:?err}`) replaced by SET_AT_DEPLOY and
 * `$$` kept, ready for `interpolate` with an empty env: what is left is what the file alone fixes. Variables that
 * `known` (the project's `.env`) sets are kept, for `interpolate` with that env.
 */
export function markUnsetVariables(text: string, known?: Env): string {
  if (!text.includes('$')) return text;
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?\?[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, braced?: string, bare?: string) => (m === '$$' || known?.has(braced ?? bare ?? '') ? m : SET_AT_DEPLOY));
}
