/**
 * The parts of a file that run inside a circuit breaker, read from its text (no parse, like breakers.ts): a call
 * there is protected, a call of the same service outside them is not. Recognized per library:
 * opossum `new CircuitBreaker(fn)` (the function, inline or by name), cockatiel/opossum `.execute(...)`/`.fire(...)`;
 * pybreaker/circuitbreaker decorators (`@breaker`, `@circuit`) and `breaker.call(fn)`; gobreaker `.Execute(func ...)`
 * and hystrix-go `hystrix.Do/Go(...)`; Resilience4j `@CircuitBreaker` methods, `decorate*`/`execute*` wrappers and
 * Spring Cloud `circuitBreakerFactory.create(..).run(...)`.
 */
export type Region = [start: number, end: number];

/** The span from the bracket at `open` to its match (bounded), or undefined when it does not close. */
export function bracketSpan(text: string, open: number, limit = 20_000): Region | undefined {
  const pair: Record<string, string> = { '(': ')', '{': '}' };
  const close = pair[text[open]];
  if (!close) return undefined;
  let depth = 0;
  const end = Math.min(text.length, open + limit);
  for (let i = open; i < end; i++) {
    if (text[i] === text[open]) depth++;
    else if (text[i] === close && --depth === 0) return [open, i + 1];
  }
  return undefined;
}

/** Regions of the argument lists of calls matched by `re` (the match ends at its '('). */
function argumentRegions(text: string, re: RegExp): Region[] {
  const out: Region[] = [];
  for (const m of text.matchAll(re)) {
    const r = bracketSpan(text, m.index! + m[0].length - 1);
    if (r) out.push(r);
  }
  return out;
}

/** A named function's body: `function name(`, `name = (...) =>`, `def name(`, `func name(`, `Type name(` (bounded). */
function functionNamed(text: string, name: string, python: boolean): Region | undefined {
  const esc = name.replace(/[$.]/g, '\\$&');
  if (python) return pythonBlock(text, new RegExp(`^([ \\t]*)(?:async[ \\t]+)?def[ \\t]+${esc}\\b`, 'gm'));
  const m = new RegExp(`(?:function\\*?\\s+${esc}\\s*\\(|\\b${esc}\\s*=\\s*(?:async\\s*)?(?:function\\b|\\([^)]*\\)\\s*=>|\\w+\\s*=>)|\\b${esc}\\s*\\([^)]*\\)\\s*\\{)`).exec(text);
  if (!m) return undefined;
  const brace = text.indexOf('{', m.index + m[0].length - 1);
  return brace < 0 ? undefined : bracketSpan(text, brace);
}

/** The block of the Python statement `re` (flags gm; group 1: its indentation) finds from `from`: to the next line indented no deeper. */
function pythonBlock(text: string, re: RegExp, from = 0): Region | undefined {
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m) return undefined;
  const indent = m[1].length;
  for (let i = text.indexOf('\n', m.index); i >= 0; i = text.indexOf('\n', i + 1)) {
    const line = /^([ \t]*)(\S?)/.exec(text.slice(i + 1, i + 201))!;
    if (line[2] && line[1].length <= indent) return [m.index, i];
  }
  return [m.index, text.length];
}

function jsRegions(text: string): Region[] {
  const out = argumentRegions(text, /\.(?:execute|fire)\s*\(/g);
  for (const m of text.matchAll(/new\s+(?:\w+\.)?CircuitBreaker\s*\(\s*([A-Za-z_$][\w$.]*)?/g)) {
    if (m[1]) {
      const fn = functionNamed(text, m[1].split('.').pop()!, false);
      if (fn) out.push(fn);
    } else {
      const r = bracketSpan(text, m.index! + m[0].lastIndexOf('('));
      if (r) out.push(r);
    }
  }
  return out;
}

function pythonRegions(text: string): Region[] {
  const out: Region[] = [];
  const breakers = [...text.matchAll(/^[ \t]*([A-Za-z_]\w*)\s*=\s*(?:[\w.]+\.)?(?:CircuitBreaker|circuit)\s*\(/gm)].map((m) => m[1]);
  const names = ['circuit', '\\w*(?:breaker|Breaker|BREAKER)\\w*', ...breakers].join('|');
  const decorated = new RegExp(`^([ \\t]*)@(?:[\\w.]+\\.)?(?:${names})\\b[^\\n]*\\n(?:[ \\t]*@[^\\n]*\\n)*[ \\t]*(?:async[ \\t]+)?def\\b`, 'gm');
  for (const m of text.matchAll(decorated)) {
    const r = pythonBlock(text, /^([ \t]*)(?:async[ \t]+)?def\b/gm, m.index!);
    if (r) out.push([m.index!, r[1]]);
  }
  for (const m of text.matchAll(/\.call(?:_async)?\s*\(\s*([A-Za-z_][\w.]*)/g)) {
    const fn = functionNamed(text, m[1].split('.').pop()!, true);
    if (fn) out.push(fn);
  }
  return out;
}

function goRegions(text: string): Region[] {
  return argumentRegions(text, /(?:\.Execute|hystrix\.(?:Do|Go|DoC|GoC))\s*\(/g);
}

function javaRegions(text: string): Region[] {
  const out = argumentRegions(text, /\.(?:executeSupplier|executeCallable|executeRunnable|executeCompletionStage|run)\s*\(|\bdecorate(?:Supplier|Callable|Runnable|Function|CheckedSupplier|CompletionStage)\s*\(/g);
  for (const m of text.matchAll(/@CircuitBreaker\b(?:\s*\([^)]*\))?/g)) {
    const brace = text.indexOf('{', m.index! + m[0].length);
    const semi = text.indexOf(';', m.index! + m[0].length);
    if (brace >= 0 && (semi < 0 || brace < semi)) {
      const r = bracketSpan(text, brace);
      if (r) out.push([m.index!, r[1]]);
    }
  }
  return out;
}

const BY_LANGUAGE: Record<string, (text: string) => Region[]> = { js: jsRegions, py: pythonRegions, go: goRegions, java: javaRegions };

/** The regions of a file that run inside a breaker, for the language key of breakers.ts (js, py, go, java). */
export function breakerRegions(lang: string, text: string): Region[] {
  return BY_LANGUAGE[lang]?.(text) ?? [];
}

export const inRegion = (regions: Region[], at: number) => regions.some(([s, e]) => at >= s && at < e);
