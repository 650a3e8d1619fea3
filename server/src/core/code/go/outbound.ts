/**
 * Go requests built with `http.NewRequest`/`NewRequestWithContext` and sent with `X.Do(req)`, read from a file's
 * text (no parse, like code/breakers.ts): where each is sent and the expression of its URL. Also the struct fields
 * of a file given a value (`baseURL: os.Getenv("ORDERS_URL")`, `c.addr = cfg.OrdersAddr`) or an environment tag
 * (`OrdersURL string \`env:"ORDERS_URL"\``), so a URL read from a field can be followed to where it is set.
 */

export interface GoRequestSite {
  start: number;
  end: number;
  /** `client.Do`, or `http.NewRequest` when the request is not sent in the same function. */
  label: string;
  /** The URL argument as written. */
  url: string;
}

const BUILD = /(?:\b([A-Za-z_]\w*)\s*,\s*[A-Za-z_]\w*\s*:?=\s*)?\bhttp\.(NewRequestWithContext|NewRequest)\s*\(/g;
const FUNC_START = /\nfunc\b/g;

/** The top-level arguments of the call whose '(' is at `open` (bounded: 600 characters). */
export function argumentsAt(text: string, open: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = open + 1;
  let quote = '';
  const end = Math.min(text.length, open + 600);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === '`' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth === 0) {
        out.push(text.slice(from, i).trim());
        return out;
      }
    } else if (c === ',' && depth === 1) {
      out.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  return out;
}

/** Every request built in the file, sited at the `X.Do(req)` that sends it in the same function when there is one. */
export function goRequestSites(text: string): GoRequestSite[] {
  const out: GoRequestSite[] = [];
  const builds = [...text.matchAll(BUILD)];
  builds.forEach((m, i) => {
    const open = m.index! + m[0].length - 1;
    const args = argumentsAt(text, open);
    const url = args[m[2] === 'NewRequest' ? 1 : 2];
    if (!url) return;
    const start = m.index! + m[0].indexOf('http.');
    const site: GoRequestSite = { start, end: open, label: `http.${m[2]}`, url };
    const name = m[1];
    if (name && name !== '_') {
      // The send: before the end of the function and before the next request built into the same name.
      FUNC_START.lastIndex = open;
      const funcEnd = FUNC_START.exec(text)?.index ?? text.length;
      const next = builds.slice(i + 1).find((b) => b[1] === name)?.index ?? text.length;
      const body = text.slice(open, Math.min(funcEnd, next));
      const esc = name.replace(/\W/g, '');
      const send = new RegExp(`([A-Za-z_][\\w.]*)\\.Do\\(\\s*${esc}\\b`).exec(body);
      if (send) Object.assign(site, { start: open + send.index, end: open + send.index + send[1].length + 3, label: `${send[1]}.Do` });
    }
    out.push(site);
  });
  return out;
}

const KEYED = /\b([A-Za-z_]\w*)[ \t]*:[ \t]*([^,\n}]+)/g;
const FIELD_ASSIGN = /\.([A-Za-z_]\w*)[ \t]*=(?!=)[ \t]*([^\n;]+)/g;
/** The same, only where the value reads the environment or holds a URL (what other files of the package may follow). */
const KEYED_ADDRESS = /\b([A-Za-z_]\w*)[ \t]*:[ \t]*([^,\n}]*(?:Getenv|LookupEnv|:\/\/)[^,\n}]*)/g;
const FIELD_ASSIGN_ADDRESS = /\.([A-Za-z_]\w*)[ \t]*=(?!=)[ \t]*([^\n;]*(?:Getenv|LookupEnv|:\/\/)[^\n;]*)/g;
const ENV_TAG = /^[ \t]*([A-Za-z_]\w*)[ \t]+[\w.*[\]]+[ \t]+`[^`\n]*\b(?:env|envconfig)\s*:\s*"([A-Za-z_][A-Za-z0-9_]*)/gm;

/**
 * The value expressions given to struct fields in this file, by field name (the first one written wins); a field
 * read from the environment by a struct tag gets `os.Getenv("NAME")`.
 */
export function goFieldSources(text: string, addressesOnly = false): Map<string, string> {
  const out = new Map<string, string>();
  if (/env(?:config)?:"/.test(text)) for (const m of text.matchAll(ENV_TAG)) if (!out.has(m[1])) out.set(m[1], `os.Getenv("${m[2]}")`);
  // Only the lines that read the environment or hold a URL, when that is all that is asked.
  const source = addressesOnly ? addressLines(text) : text;
  for (const re of addressesOnly ? [KEYED_ADDRESS, FIELD_ASSIGN_ADDRESS] : [KEYED, FIELD_ASSIGN]) {
    for (const m of source.matchAll(re)) {
      const value = m[2].trim();
      // Keyed elements only where the value reads a URL, a variable or the environment (not case labels or types).
      if (re === KEYED && !/os\.(Getenv|LookupEnv)|https?:\/\/|^[A-Za-z_][\w.]*$|\+|Sprintf|JoinPath/.test(value)) continue;
      if (!out.has(m[1]) && value !== m[1]) out.set(m[1], value);
    }
  }
  return out;
}

function addressLines(text: string): string {
  const out: string[] = [];
  let last = -1;
  for (const m of text.matchAll(/Getenv|LookupEnv|:\/\//g)) {
    const start = text.lastIndexOf('\n', m.index!) + 1;
    if (start === last) continue;
    last = start;
    const end = text.indexOf('\n', m.index!);
    out.push(text.slice(start, end < 0 ? text.length : end));
  }
  return out.join('\n');
}

/** The environment variable an expression reads, if any: `os.Getenv("X")`, `os.LookupEnv("X")`. */
export function goEnvRead(expr: string): string | undefined {
  return /\bos\.(?:Getenv|LookupEnv)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"/.exec(expr)?.[1];
}

/** The field names an expression reads (`s.baseURL` -> baseURL, `s.cfg.OrdersURL` -> OrdersURL), leaving out calls. */
export function goFieldReads(expr: string): string[] {
  return [...expr.matchAll(/\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\.([A-Za-z_]\w*)\b(?!\s*\()/g)].map((m) => m[1]);
}
