import { readFile, stat } from '../fsAsync';
import { LineIndex } from '../text/lineIndex';
import { classify, type FileKind } from './classify';
import { BINARY, overKindLimit, skipReason, tooLarge } from './skip';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A file's text and kind; the BOM is removed so offsets match what editors show. */
export interface SourceFile {
  path: string;
  text: string;
  kind: FileKind;
  version?: number;
  lines: LineIndex;
}

export type ReadResult =
  | { ok: true; source: SourceFile }
  | { ok: false; path: string; reason: string; kind?: FileKind; /** The text, when it was read and decoded. */ text?: string }
  | { ok: 'ignored'; path: string };

export function makeSource(path: string, text: string, kind: FileKind, version?: number): SourceFile {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { path, text: clean, kind, version, lines: new LineIndex(clean) };
}

/** Decodes bytes as strict UTF-8; refuses binary files (NUL bytes) and invalid UTF-8. */
export function decodeText(bytes: Uint8Array): { text?: string; reason?: string } {
  // UTF-16 text with its byte order mark (PowerShell's `>` writes it): text, though half its bytes are NUL.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    try {
      return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes) };
    } catch {
      return { reason: `not valid ${utf16.toUpperCase()}` };
    }
  }
  if (bytes.subarray(0, 8192).includes(0)) return { reason: BINARY };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { reason: 'not valid UTF-8' };
  }
}

/** Reads a file from disk for analysis: 'ignored' when it is not a kind we read, the reason when skipped (see skip.ts). */
export async function readSource(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    return { ok: false, path, reason: `cannot read: ${(e as Error).message}` };
  }
  if (size > maxBytes) return { ok: false, path, reason: tooLarge(size, maxBytes) }; // not even read
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { ok: false, path, reason: `cannot read: ${(e as Error).message}` };
  }
  const decoded = decodeText(bytes);
  if (decoded.text === undefined) return { ok: false, path, reason: decoded.reason ?? 'unreadable' };
  const kind = classify(path, decoded.text);
  const skipped = skipReason(path, decoded.text, kind, maxBytes, bytes.length) ?? overKindLimit(path, kind, bytes.length);
  if (skipped) return { ok: false, path, reason: skipped, kind, text: decoded.text };
  if (!kind) return { ok: 'ignored', path };
  return { ok: true, source: makeSource(path, decoded.text, kind) };
}
