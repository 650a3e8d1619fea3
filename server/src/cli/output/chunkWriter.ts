/** Where the chunks of a report go: resolves once the chunk is taken (stdout in the CLI, an array in tests). */
export type ChunkSink = (chunk: string) => Promise<void>;

/** About 64 KiB: few enough writes to be fast, small enough that a report never needs one big string. */
export const CHUNK_SIZE = 64 * 1024;

/**
 * Collects the small pieces of a report (a line, a finding) and hands them to the sink in chunks of about
 * CHUNK_SIZE characters, waiting for the sink each time: memory holds one chunk, whatever the report's size.
 */
export class ChunkWriter {
  private pieces: string[] = [];
  private size = 0;

  constructor(
    private readonly sink: ChunkSink,
    private readonly chunkSize = CHUNK_SIZE,
  ) {}

  async write(piece: string): Promise<void> {
    this.pieces.push(piece);
    this.size += piece.length;
    if (this.size >= this.chunkSize) await this.flush();
  }

  /** Hands over what is collected; call it once the report is written. */
  async flush(): Promise<void> {
    if (!this.size) return;
    const chunk = this.pieces.join('');
    this.pieces = [];
    this.size = 0;
    await this.sink(chunk);
  }
}
