import type { Writable } from 'node:stream';
import type { ChunkSink } from './chunkWriter';

/**
 * Writes each chunk to `stream` and resolves once the stream has taken it (its write callback): a slow reader
 * holds the writer back, so at most one chunk waits in memory. Rejects with the stream's error (EPIPE when
 * the reader is gone).
 */
export function streamSink(stream: Writable): ChunkSink {
  return (chunk) => new Promise((resolve, reject) => {
    stream.write(chunk, (e) => (e ? reject(e) : resolve()));
  });
}

/** True for the error of writing to a pipe whose reader is gone (`... | head`), and of every write after it. */
export function isClosedOutput(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}
