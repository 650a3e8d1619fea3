// Reading Helm templates as text: the Go template actions ({{ ... }}), the .Values paths they read, the images
// they write and where an image's tag comes from. Nothing is rendered or executed; what cannot be read this way
// (`with` scopes, helpers of dependency charts, computed strings) is left undecided rather than guessed.

/** One `{{ ... }}` action: offsets of the braces in the text, and the code inside without `-` trims. */
export interface Action {
  start: number;
  end: number;
  code: string;
}

/** The actions of a text, comments left out. An action left open runs to the end of the text. */
export function actionsOf(text: string): Action[] {
  const out: Action[] = [];
  for (let i = text.indexOf('{{'); i >= 0; i = text.indexOf('{{', i)) {
    const close = text.indexOf('}}', i + 2);
    const end = close < 0 ? text.length : close + 2;
    const code = text.slice(i + 2, close < 0 ? text.length : close).replace(/^-\s/, '').replace(/^-$/, '').replace(/\s-$/, '').trim();
    if (!code.startsWith('/*')) out.push({ start: i, end, code });
    i = end;
  }
  return out;
}

/** The text with every action replaced by NULs of the same length: what is literal stays, offsets are kept. */
export function maskActions(text: string): string {
  let out = '';
  let last = 0;
  for (const a of actionsOf(text)) {
    out += text.slice(last, a.start) + '\0'.repeat(a.end - a.start);
    last = a.end;
  }
  return out + text.slice(last);
}

const VALUES_REF = /(?:^|[^\w.$])\$?\.Values((?:\.[A-Za-z_]\w*)+)/g;

/** The `.Values` paths an action's code reads, in order (`.Values.image.tag` -> ['image', 'tag']). */
export function valuesRefs(code: string): string[][] {
  const out: string[][] = [];
  for (const m of code.matchAll(VALUES_REF)) out.push(m[1].slice(1).split('.'));
  return out;
}

/** What a template falls back to when the value it reads is empty. */
export type Fallback =
  | { kind: 'appVersion' }
  | { kind: 'literal'; value: string }
  /** `required`: an empty value stops the render with an error, it is never deployed. */
  | { kind: 'required' }
  | { kind: 'unknown' };

/** The fallback an action gives its value: `| default .Chart.AppVersion`, `default "1.2.3"`, `required`, `coalesce`. */
export function fallbackOf(code: string): Fallback | undefined {
  if (/\brequired\b/.test(code)) return { kind: 'required' };
  if (!/\b(default|coalesce)\b/.test(code)) return undefined;
  if (/\.Chart\.AppVersion\b/.test(code)) return { kind: 'appVersion' };
  const literal = /\b(?:default|coalesce)\s+"([^"]*)"/.exec(code);
  return literal ? { kind: 'literal', value: literal[1] } : { kind: 'unknown' };
}

/** `{{ define "name" }} ... {{ end }}` bodies of the texts, by name (the first definition wins). */
export function definesOf(texts: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    if (!text.includes('define')) continue;
    let name: string | undefined;
    let bodyStart = 0;
    let depth = 0;
    for (const a of actionsOf(text)) {
      const define = /^define\s+"([^"]+)"/.exec(a.code);
      if (define && depth === 0) {
        [name, bodyStart, depth] = [define[1], a.end, 1];
      } else if (name !== undefined) {
        if (/^(if|range|with|define|block)\b/.test(a.code)) depth++;
        else if (/^end\b/.test(a.code) && --depth === 0) {
          if (!out.has(name)) out.set(name, text.slice(bodyStart, a.start));
          name = undefined;
        }
      }
    }
  }
  return out;
}

/** `{{ $tag := ... }}` assignments of a template, by variable name (the last one wins). */
export function variablesOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of actionsOf(text)) {
    const m = /^\$(\w+)\s*:?=\s*([\s\S]+)$/.exec(a.code);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

/** An action's code with its `$variables` replaced by what they were assigned (one level). */
function expand(code: string, vars: Map<string, string>): string {
  return vars.size ? code.replace(/\$(\w+)/g, (all, name: string) => (vars.has(name) ? `(${vars.get(name)})` : all)) : code;
}

/** A document of a template (the text between `---` lines). */
export interface TemplateDocument {
  start: number;
  end: number;
  text: string;
}

export function documentsOf(text: string): TemplateDocument[] {
  const out: TemplateDocument[] = [];
  let start = 0;
  for (const m of text.matchAll(/^---[ \t]*(#.*)?$/gm)) {
    out.push({ start, end: m.index!, text: text.slice(start, m.index!) });
    start = m.index! + m[0].length;
  }
  out.push({ start, end: text.length, text: text.slice(start) });
  return out;
}

/** Where an image written by a template takes its tag from. */
export type TagSource =
  /** The tag is written in the template: '' when the image has none. */
  | { kind: 'literal'; tag: string }
  /** Pinned by a digest written in the template. */
  | { kind: 'digest' }
  /**
   * A value is the tag (`repo:{{ .Values.image.tag }}`). `colon`: the template writes the `:` itself, so an empty value
   * makes an invalid reference (`repo:`) rather than an untagged one.
   */
  | { kind: 'value'; path: string[]; fallback?: Fallback; colon: boolean; digestPaths: string[][] }
  /** A value is the whole image (`{{ .Values.image }}`: a string with its tag, or a {repository, tag} map). */
  | { kind: 'image'; path: string[]; fallback?: Fallback; digestPaths: string[][] }
  /** The chart's appVersion is the tag. */
  | { kind: 'appVersion' }
  | { kind: 'unknown' };

export interface ImageLine {
  /** The value of the `image:` key as written (quotes removed), and its offsets in the template. */
  value: string;
  start: number;
  end: number;
  source: TagSource;
}

const IMAGE_KEY = /^[ \t]*(?:-[ \t]+)?["']?image["']?[ \t]*:[ \t]*(.*)$/gm;

/** The `image:` keys of a template with a value on the same line, and where each one's tag comes from. */
export function imageLines(text: string, defines: Map<string, string> = new Map()): ImageLine[] {
  const out: ImageLine[] = [];
  const vars = variablesOf(text);
  for (const m of text.matchAll(IMAGE_KEY)) {
    let value = m[1];
    let start = m.index! + m[0].length - value.length;
    // A trailing comment outside the actions is not part of the value.
    const comment = maskActions(value).search(/\s#/);
    if (comment >= 0) value = value.slice(0, comment);
    value = value.trimEnd();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) [value, start] = [quoted[2], start + 1];
    if (!value || /^[|>{[]/.test(value) && !value.startsWith('{{')) continue; // a block or flow value: not an image reference
    out.push({ value, start, end: start + value.length, source: tagSource(value, vars, defines, 0) });
  }
  return out;
}

/** Where the tag of an image reference written as template text comes from. */
export function tagSource(value: string, vars: Map<string, string> = new Map(), defines: Map<string, string> = new Map(), depth = 0): TagSource {
  const masked = maskActions(value);
  let main = value;
  const digestPaths: string[][] = [];
  const at = masked.indexOf('@');
  if (at >= 0) {
    const digest = value.slice(at + 1);
    if (/sha256:[0-9a-f]{8,}/i.test(maskActions(digest))) return { kind: 'digest' };
    for (const a of actionsOf(digest)) digestPaths.push(...valuesRefs(expand(a.code, vars)));
    main = value.slice(0, at);
  }
  const m = maskActions(main);
  const colon = m.lastIndexOf(':');
  if (colon > m.lastIndexOf('/')) {
    const tag = main.slice(colon + 1);
    const acts = actionsOf(tag);
    if (!acts.length) return { kind: 'literal', tag };
    return fromActions(acts.map((a) => expand(a.code, vars)), 'tag', true, digestPaths);
  }
  const acts = actionsOf(main);
  if (!acts.length) return { kind: 'literal', tag: '' };
  const whole = acts.length === 1 && acts[0].start === 0 && acts[0].end === main.length;
  if (!whole) {
    // `{{ .Values.registry }}/busybox`: the name is written in the template, with no tag after it.
    if (!m.slice(m.lastIndexOf('/') + 1).includes('\0')) return { kind: 'literal', tag: '' };
    return fromActions(acts.map((a) => expand(a.code, vars)), 'mixed', false, digestPaths);
  }
  if (depth < 2) {
    const include = /^(?:include|template)\s+"([^"]+)"/.exec(acts[0].code);
    const body = include && defines.get(include[1]);
    if (body) {
      const inner = tagSource(body.trim(), variablesOf(body), defines, depth + 1);
      if (inner.kind !== 'unknown') return inner;
    }
    if (include) {
      // A helper we cannot read (a dependency's): the map it is given, as the {repository, tag} pattern.
      const refs = valuesRefs(expand(acts[0].code, vars));
      return refs.length === 1 ? { kind: 'image', path: refs[0], fallback: { kind: 'unknown' }, digestPaths } : { kind: 'unknown' };
    }
  }
  return fromActions([expand(acts[0].code, vars)], 'whole', /printf\s+"[^"]*:%/.test(acts[0].code), digestPaths);
}

/**
 * The tag source among the actions of an image reference. `tag`: the actions are what follows the `:`, so the first
 * value they read is the tag. `whole`: one action is the whole reference, so a value named like a tag (`image.tag`,
 * `imageTag`) is the tag, else the one value it reads is the image. `mixed`: actions and text, only a tag-named value.
 */
function fromActions(codes: string[], mode: 'tag' | 'whole' | 'mixed', colon: boolean, digestPaths: string[][]): TagSource {
  for (const code of codes) {
    const refs = valuesRefs(code);
    const tag = refs.find((r) => /tag$/i.test(r[r.length - 1])) ?? (mode === 'tag' ? refs[0] : undefined);
    if (tag) return { kind: 'value', path: tag, fallback: fallbackOf(code), colon, digestPaths };
  }
  if (mode === 'whole') {
    const refs = valuesRefs(codes[0]);
    if (refs.length === 1) return { kind: 'image', path: refs[0], fallback: fallbackOf(codes[0]), digestPaths };
  }
  if (mode === 'tag' && codes.some((c) => /\.Chart\.AppVersion\b/.test(c))) return { kind: 'appVersion' };
  return { kind: 'unknown' };
}

/** The `.Values` paths a template hands to `toYaml` (or scopes with `with`) whose last key is `resources`. */
export function resourcesRefs(text: string): string[][] {
  const out: string[][] = [];
  for (const a of actionsOf(text)) {
    if (!/^(with\b|.*\btoYaml\b)/.test(a.code)) continue;
    for (const r of valuesRefs(a.code)) if (r[r.length - 1] === 'resources') out.push(r);
  }
  return out;
}
