// What a command reads and writes: the process's streams, folder and environment, replaceable in tests.
import type { ChunkSink } from './output/chunkWriter';

export interface Io {
  out(text: string): void;
  /** Writes a chunk of a report to stdout; resolves once stdout has taken it, rejects when it cannot. */
  write: ChunkSink;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** The terminal's width when stdout is one. */
  columns?: number;
  /** Aborted on Ctrl-C: stops a running `ask`. */
  signal?: AbortSignal;
}
