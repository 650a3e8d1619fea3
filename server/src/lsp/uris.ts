import { basename, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { classify, type FileKind } from '../core/documents/classify';

/** The file system path of a file: URI, undefined for other schemes (untitled:, vscode-notebook-cell:, ...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Key under which a document's diagnostics are kept: the path for files (clients spell URIs differently), else the URI. */
export function keyOf(uri: string): string {
  return uriToPath(uri) ?? uri;
}

/** File name extension that stands for a language id, so the engine picks the right parser. */
const EXT_OF_LANGUAGE: Record<string, string> = {
  yaml: '.yaml',
  dockercompose: '.yaml',
  json: '.json',
  jsonc: '.json',
  python: '.py',
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
  go: '.go',
  java: '.java',
};

export interface DocumentTarget {
  /** Diagnostics key (see keyOf). */
  key: string;
  /** The real path of file: documents. */
  filePath?: string;
  /** Path given to the engine: the real path, or a made-up name whose extension matches the language. */
  sourcePath: string;
  kind: FileKind | undefined;
}

/**
 * What to analyze an open document as. Files are classified by name and content; when that says nothing (no
 * extension, untitled: documents) the language id decides the parser and content decides OpenAPI vs compose.
 */
export function documentTarget(uri: string, languageId: string, text: string): DocumentTarget {
  const filePath = uriToPath(uri);
  const name = filePath ?? untitledName(uri);
  let kind = classify(name, text);
  let sourcePath = name;
  const ext = EXT_OF_LANGUAGE[languageId];
  if (!kind && ext && extname(name).toLowerCase() !== ext) {
    const guessed = `${name}${ext}`;
    kind = classify(guessed, text) ?? (languageId === 'dockercompose' ? 'compose' : undefined);
    if (kind) sourcePath = guessed;
  }
  if (!kind && languageId === 'dockercompose') kind = 'compose';
  return { key: filePath ?? uri, filePath, sourcePath, kind };
}

function untitledName(uri: string): string {
  const tail = uri.replace(/^[a-z][\w+.-]*:/i, '').replace(/[?#].*$/, '');
  let name = basename(tail) || 'untitled';
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep the raw name
  }
  return `/${name}`;
}

/** The line-comment marker of a file kind, or undefined when it has no comments (JSON). */
export function commentPrefix(kind: FileKind | undefined, sourcePath: string): string | undefined {
  if (!kind || sourcePath.toLowerCase().endsWith('.json')) return undefined;
  if (kind === 'openapi' || kind === 'compose' || kind === 'config' || kind === 'python') return '#';
  return '//';
}
