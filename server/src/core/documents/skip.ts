import { CODE_LANGUAGES, type CodeLanguage, type FileKind } from './classify';

/**
 * Why a file the analyzer would read is not analyzed: the one decision for a file read from disk (the CLI, the
 * workspace scan) and a document open in the editor, so both give the same skipped-file note.
 */

export const BINARY = 'binary file (contains NUL bytes)';

export function tooLarge(bytes: number, maxBytes: number): string {
  const kb = (n: number) => Math.round(n / 1024);
  return `larger than the ${kb(maxBytes)} KB limit (${kb(bytes)} KB); raise the limit to analyze it (the backendArchitect.maxFileSizeKb setting, or --max-file-size in the CLI)`;
}

/**
 * Sizes above which a file read from disk (the CLI, the workspace scan) is refused whatever the size limit: measured
 * to need more than 1.5 GB or 20 s to analyze (README, Limits). Open documents are analyzed in a worker thread with
 * its own memory limit and time budget instead (lsp/largeDocuments.ts).
 */
export const KIND_LIMIT_MB: Partial<Record<FileKind, number>> = { openapi: 16, compose: 10, kubernetes: 10 };
/** JSON parses in a fraction of YAML's time and memory: a `.json` file may be this many times as large. */
export const JSON_LIMIT_FACTOR = 2;

const KIND_NAME: Partial<Record<FileKind, string>> = { openapi: 'an OpenAPI spec', compose: 'a compose file', kubernetes: 'a Kubernetes manifest' };
const SPLIT: Partial<Record<FileKind, string>> = { openapi: 'split it into files joined with $ref', compose: 'split it into files joined with include or extends', kubernetes: 'split it into one file per workload' };

/** Why a file of this kind and size is refused whatever the size limit; undefined when it is not. */
export function overKindLimit(path: string, kind: FileKind | undefined, bytes: number): string | undefined {
  const json = path.toLowerCase().endsWith('.json');
  const mb = kind && KIND_LIMIT_MB[kind] && KIND_LIMIT_MB[kind] * (json ? JSON_LIMIT_FACTOR : 1);
  if (!mb || bytes <= mb * 1024 * 1024) return undefined;
  return `larger than the ${mb} MB ${KIND_NAME[kind]}${json ? ' in JSON' : ''} can have to be analyzed within 1.5 GB of memory and 20 s (${(bytes / 1048576).toFixed(1)} MB), whatever the size limit; ${SPLIT[kind]}`;
}

export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\0');
}

/** Minified bundles and compiler output (one huge line, Emscripten glue): nobody edits them, so the code rules leave them alone. */
export function generatedReason(path: string, text: string): string | undefined {
  if (/\.min\.[cm]?js$/.test(path)) return 'minified code (a .min.js file); the code rules read hand-written code only';
  const average = averageLineLength(text) !== undefined ? averageLineLength(withoutLongLiterals(text)) : undefined;
  if (average !== undefined) return `generated or minified code (lines of ${average} characters on average); the code rules read hand-written code only`;
  if (/\bENVIRONMENT_IS_(NODE|WEB)\b/.test(text)) return 'generated code (Emscripten output); the code rules read hand-written code only';
  return undefined;
}

/**
 * The text with each long line that is mostly string literals (four fifths of it or more) cut short: data embedded
 * in hand-written code (a map of base64 icons, a certificate, a fixture) makes long lines that are not minified code,
 * while a minified bundle's lines hold code around their strings.
 */
function withoutLongLiterals(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= 300) return line;
      // Keywords packed closely (one in every 500 characters or more) are a minified bundle's code, whatever quotes a
      // regular expression in it seems to open.
      if ((line.match(/\b(?:function|return|var|const|let)\b/g)?.length ?? 0) * 500 >= line.length) return line;
      // Alignment padding (gofmt lines up a map's values) is neither code nor data.
      const packed = line.replace(/\s{2,}/g, ' ');
      let literal = 0;
      for (const m of packed.matchAll(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g)) literal += m[0].length;
      return literal * 5 >= packed.length * 4 ? '""' : line;
    })
    .join('\n');
}

/** The average line length of a text over 4000 characters whose lines average more than 300; undefined otherwise. */
function averageLineLength(text: string): number | undefined {
  if (text.length <= 4000) return undefined;
  const enough = text.length / 300; // with this many lines, lines average 300 characters or fewer
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++lines >= enough) return undefined;
  // Old Mac line ends (a lone \r) are line breaks too: such a file is not one long line.
  if (text.includes('\r')) {
    lines = 1;
    for (const m of text.matchAll(/\r\n?|\n/g)) if (++lines >= enough) return undefined;
  }
  return Math.round(text.length / lines);
}

/** Why a decoded file (its text, its size in bytes, its kind if any) is skipped; undefined when it is analyzed. */
export function skipReason(path: string, text: string, kind: FileKind | undefined, maxBytes: number, bytes = Buffer.byteLength(text, 'utf8')): string | undefined {
  if (bytes > maxBytes) return tooLarge(bytes, maxBytes);
  if (looksBinary(text)) return BINARY;
  return kind && CODE_LANGUAGES.includes(kind as CodeLanguage) ? generatedReason(path, text) : undefined;
}
