/**
 * Environment reads that fail when the variable is unset, read from a file's text (no parse: the workspace index
 * judges files that are not open). Only reads with no default and a clear failure count:
 * Python `os.environ["X"]` (not inside a `try` that catches KeyError), TypeScript/JavaScript `process.env.X!`,
 * `new URL(process.env.X)` and `if (!process.env.X) throw`, Go `os.Getenv("X")` / `os.LookupEnv("X")` whose
 * empty or missing value ends the program (also through a helper function of the same file), Java
 * `System.getenv("X").method()`, `Objects.requireNonNull(System.getenv("X"))` and Spring `@Value("${x}")`.
 */
export interface EnvRead {
  /** The variable, or for `kind: 'property'` the Spring property (`orders.url`). */
  name: string;
  kind: 'env' | 'property';
  start: number;
  end: number;
  /** The read as written, shortened: `os.environ["X"]`. */
  form: string;
}

const PY = /\bos\.environ\[\s*(["'])([A-Za-z_]\w*)\1\s*\](?!\s*=[^=])/g;
const JS_BANG = /\bprocess\.env(?:\.([A-Za-z_]\w*)|\[\s*(["'`])([A-Za-z_]\w*)\2\s*\])!(?!=)/g;
const JS_URL = /\bnew\s+URL\(\s*process\.env\.([A-Za-z_]\w*)\s*[,)]/g;
const JS_GUARD = /\bif\s*\(\s*!\s*process\.env\.([A-Za-z_]\w*)\s*\)\s*\{?\s*(?:throw\b|process\.exit\()/g;
const GO_IF = /\bif\s+os\.Getenv\("([A-Za-z_]\w*)"\)\s*==\s*""\s*\{/g;
const GO_ASSIGN = /\b(\w+)\s*:?=\s*os\.Getenv\("([A-Za-z_]\w*)"\)/g;
const GO_LOOKUP = /\b\w+\s*,\s*(\w+)\s*:?=\s*os\.LookupEnv\("([A-Za-z_]\w*)"\)/g;
const GO_FUNC = /\bfunc\s+(\w+)\s*\(([^)]*)\)[^{\n]*\{/g;
const GO_FATAL = /\b(?:log\.(?:Fatal|Panic)\w*|panic|os\.Exit)\(|\.(?:Fatal|Fatalf|Fatalln|Panic|Panicf)\(/;
const JAVA_CALL = /\bSystem\.getenv\(\s*"([A-Za-z_]\w*)"\s*\)\s*\.\s*(?!orElse)\w+\s*\(/g;
const JAVA_REQUIRE = /\brequireNonNull\(\s*System\.getenv\(\s*"([A-Za-z_]\w*)"\s*\)/g;
const JAVA_VALUE = /@Value\(\s*"\$\{([A-Za-z_][\w.\-[\]]*)\}"\s*\)/g;

/** Whether the match at `index` sits on a commented line (`#`, `//`, `*`). */
function commented(text: string, index: number, lang: string): boolean {
  const line = text.slice(text.lastIndexOf('\n', index - 1) + 1, index).trimStart();
  return lang === 'py' ? line.startsWith('#') : line.startsWith('//') || line.startsWith('*') || line.startsWith('/*');
}

/** The `{ ... }` block that opens at `open` (bounded). */
function blockAt(text: string, open: number, max = 1500): string {
  let depth = 0;
  const end = Math.min(text.length, open + max);
  for (let i = open; i < end; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open, end);
}

export function languageOfPath(path: string): 'py' | 'js' | 'go' | 'java' | undefined {
  const ext = /\.(\w+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (ext === 'py') return 'py';
  if (['ts', 'mts', 'cts', 'js', 'mjs', 'cjs', 'tsx', 'jsx'].includes(ext)) return 'js';
  if (ext === 'go' || ext === 'java') return ext;
  return undefined;
}

/** The reads of one file that fail without their variable, in text order. */
export function envReads(path: string, text: string): EnvRead[] {
  const lang = languageOfPath(path);
  if (!lang || text.length > 1_000_000 || !/environ|process\.env|Getenv|LookupEnv|getenv|@Value/.test(text)) return [];
  const out: EnvRead[] = [];
  const add = (name: string, kind: EnvRead['kind'], start: number, end: number) => {
    if (!commented(text, start, lang) && !out.some((r) => r.start === start)) out.push({ name, kind, start, end, form: text.slice(start, end).replace(/\s+/g, ' ').slice(0, 80) });
  };
  const each = (re: RegExp, f: (m: RegExpMatchArray) => void) => {
    for (const m of text.matchAll(re)) f(m);
  };
  if (lang === 'py') each(PY, (m) => !caughtInPython(text, m.index!, m[2]) && add(m[2], 'env', m.index!, m.index! + m[0].length));
  if (lang === 'js') {
    each(JS_BANG, (m) => add(m[1] ?? m[3], 'env', m.index!, m.index! + m[0].length));
    each(JS_URL, (m) => add(m[1], 'env', m.index!, m.index! + m[0].length - 1));
    each(JS_GUARD, (m) => {
      const at = m.index! + m[0].indexOf('process.env');
      add(m[1], 'env', at, at + 'process.env.'.length + m[1].length);
    });
  }
  if (lang === 'go') {
    // Most files test no variable in an `if`: the guard is looked for only in those that do, once per file.
    const guarded = /\bif\s[^{\n]*\bos\.(?:Getenv|LookupEnv)\(/.test(text) ? goEnvGuard(text) : undefined;
    goReads(text, (name, kind, start, end) => !guarded?.(start) && add(name, kind, start, end));
  }
  if (lang === 'java') {
    each(JAVA_CALL, (m) => add(m[1], 'env', m.index!, m.index! + m[0].indexOf(')') + 1));
    each(JAVA_REQUIRE, (m) => add(m[1], 'env', m.index!, m.index! + m[0].length + 1));
    each(JAVA_VALUE, (m) => add(m[1], 'property', m.index!, m.index! + m[0].length));
  }
  return out.sort((a, b) => a.start - b.start);
}

type Add = (name: string, kind: EnvRead['kind'], start: number, end: number) => void;

/** `if os.Getenv("ENABLE_TRACING") == "1" {`, `if v := os.Getenv("X"); v != "" {`: a branch taken only when a variable is set. */
const GO_ENV_IF = /\bif\s[^{\n]*\bos\.(?:Getenv|LookupEnv)\("[A-Za-z_]\w*"\)[^{\n]*\{/g;

/**
 * For a Go file that tests variables in `if`s: whether an offset runs only when another variable is set, inside such a
 * branch or in a function of the file called only from such branches (`if os.Getenv("ENABLE_TRACING") == "1" {
 * initTracing() }`). The branches and functions are read once.
 */
function goEnvGuard(text: string): (at: number) => boolean {
  const branches: [number, number][] = [];
  for (const m of text.matchAll(GO_ENV_IF)) {
    if (/==\s*""\s*\{$/.test(m[0])) continue; // the fatal check of a required read, not a guard
    const open = m.index! + m[0].length - 1;
    branches.push([open, open + blockAt(text, open, 20_000).length]);
  }
  const inBranch = (at: number) => branches.some(([a, b]) => at > a && at < b);
  const funcs = [...text.matchAll(GO_FUNC)].map((f) => {
    const open = f.index! + f[0].length - 1;
    return { name: f[1], start: f.index!, end: open + blockAt(text, open, 20_000).length };
  });
  const calledOnlyGuarded = new Map<string, boolean>();
  return (at) => {
    if (inBranch(at)) return true;
    const fn = funcs.filter((f) => f.start <= at && at < f.end).pop()?.name;
    if (!fn) return false;
    let only = calledOnlyGuarded.get(fn);
    if (only === undefined) {
      const calls = [...text.matchAll(new RegExp(`(?<!func\\s+)\\b${fn}\\(`, 'g'))];
      calledOnlyGuarded.set(fn, (only = calls.length > 0 && calls.every((c) => inBranch(c.index!))));
    }
    return only;
  };
}

function goReads(text: string, add: Add): void {
  const fatalIn = (from: number) => {
    const open = text.indexOf('{', from);
    return open >= 0 && GO_FATAL.test(blockAt(text, open));
  };
  for (const m of text.matchAll(GO_IF)) if (GO_FATAL.test(blockAt(text, m.index! + m[0].length - 1))) add(m[1], 'env', m.index! + m[0].indexOf('os.'), m.index! + m[0].indexOf(')') + 1);
  // v := os.Getenv("X") then, within a few lines, if v == "" { ... fatal }
  for (const m of text.matchAll(GO_ASSIGN)) {
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 300);
    const check = new RegExp(`\\bif\\s+${m[1]}\\s*==\\s*""\\s*\\{`).exec(after);
    if (check && fatalIn(m.index! + m[0].length + check.index)) add(m[2], 'env', m.index! + m[0].indexOf('os.'), m.index! + m[0].length);
  }
  for (const m of text.matchAll(GO_LOOKUP)) {
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 300);
    const check = new RegExp(`\\bif\\s+!${m[1]}\\s*\\{`).exec(after);
    if (check && fatalIn(m.index! + m[0].length + check.index)) add(m[2], 'env', m.index! + m[0].indexOf('os.'), m.index! + m[0].length);
  }
  // A helper such as mustMapEnv(&target, "X") that reads its parameter and ends the program when it is empty.
  for (const f of text.matchAll(GO_FUNC)) {
    const params = f[2].split(',').map((p) => p.trim().split(/\s+/)[0]);
    const body = blockAt(text, f.index! + f[0].length - 1);
    const read = /os\.(?:Getenv|LookupEnv)\((\w+)\)/.exec(body);
    const index = read ? params.indexOf(read[1]) : -1;
    if (index < 0 || !GO_FATAL.test(body)) continue;
    for (const call of text.matchAll(new RegExp(`\\b${f[1]}\\(([^()\\n]*)\\)`, 'g'))) {
      const arg = call[1].split(',')[index]?.trim();
      const name = arg && /^"([A-Za-z_]\w*)"$/.exec(arg)?.[1];
      if (name) add(name, 'env', call.index!, call.index! + call[0].length);
    }
  }
}

/**
 * Whether a Python `os.environ[...]` read is handled: inside a `try` whose handler catches KeyError (or
 * everything), in a file that tests `"X" in os.environ` first, or in a branch taken only when another variable is set.
 */
function caughtInPython(text: string, index: number, name: string): boolean {
  if (new RegExp(`["']${name}["']\\s+(?:not\\s+)?in\\s+os\\.environ`).test(text)) return true;
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  let indent = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
  const before = text.slice(0, lineStart).split('\n').reverse();
  for (const line of before) {
    const m = /^([ \t]*)(\S.*)$/.exec(line);
    if (!m || m[1].length >= indent) continue;
    indent = m[1].length;
    if (/^try\s*:/.test(m[2])) return handlerCatches(text, lineStart, indent);
    // Under a test of another variable (`elif "DJANGO_DB_NAME" in os.environ:`): read only when that one is set.
    if (/^(el)?if\b.*(\bin\s+os\.environ\b|\bos\.(environ\.get|getenv)\()/.test(m[2])) return true;
    if (/^(def|class)\b/.test(m[2]) || indent === 0) return false;
  }
  return false;
}

/** Whether the first `except` at this indent after `from` catches KeyError, LookupError, Exception or everything. */
function handlerCatches(text: string, from: number, indent: number): boolean {
  for (const line of text.slice(from).split('\n')) {
    const m = /^([ \t]*)(\S.*)$/.exec(line);
    if (!m || m[1].length > indent) continue;
    if (m[1].length < indent) return false;
    if (/^except\b/.test(m[2])) {
      if (/^except\s*(:|\(?\s*(\w+\s*,\s*)*(KeyError|LookupError|Exception|BaseException)\b)/.test(m[2])) return true;
      continue;
    }
    if (!/^(else|finally)\b/.test(m[2])) return false;
  }
  return false;
}
