import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EffectiveConfig } from '../core/config/effective';
import { mayAnalyze, type CodeLanguage } from '../core/documents/classify';
import type { Finding } from '../core/findings';
import type { ScanReply, ScanRequest } from './scanWorker';

const CODE = /\.(py|ts|mts|cts|tsx|js|mjs|cjs|jsx|go|java)$/i;

/**
 * Worker threads for the workspace scan's service-code files. Used when the bundle's dist/scanWorker.js is
 * present (from source, and with BA_SCAN_WORKERS=0, the scan stays on the main thread as before).
 */
export class ScanPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: ScanReply) => void; worker: Worker }>();
  private readonly load = new Map<Worker, number>();
  private nextId = 1;

  private constructor(file: string, size: number, private readonly log: (m: string) => void) {
    for (let i = 0; i < size; i++) this.spawn(file);
  }

  static create(log: (m: string) => void): ScanPool | undefined {
    const file = join(__dirname, 'scanWorker.js');
    if (process.env.BA_SCAN_WORKERS === '0' || !existsSync(file)) return undefined;
    const size = Number(process.env.BA_SCAN_WORKERS) || Math.max(1, Math.min(4, availableParallelism()));
    return new ScanPool(file, size, log);
  }

  /** Whether a file goes to a worker: service code only. */
  static takes(path: string): boolean {
    return CODE.test(path) && mayAnalyze(path);
  }

  /** Findings of a code file, or undefined when the main thread should analyze it itself (unreadable, not code, worker failure). */
  async analyze(path: string, config: EffectiveConfig): Promise<{ findings: Finding[]; kind: CodeLanguage } | undefined> {
    const worker = [...this.load.entries()].sort((a, b) => a[1] - b[1])[0]?.[0];
    if (!worker) return undefined;
    const id = this.nextId++;
    const req: ScanRequest = { id, path, settings: config.settings, file: config.file };
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    const reply = await new Promise<ScanReply>((resolve) => {
      this.pending.set(id, { resolve, worker });
      worker.postMessage(req);
    });
    if ('error' in reply) this.log(`Scan worker failed on ${path}: ${reply.error}`);
    return 'findings' in reply ? { findings: reply.findings, kind: reply.kind } : undefined;
  }

  dispose(): void {
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
    this.load.clear();
    for (const p of this.pending.values()) p.resolve({ id: 0, error: 'scan workers stopped' });
    this.pending.clear();
  }

  private spawn(file: string): void {
    const worker = new Worker(file);
    worker.unref();
    this.workers.push(worker);
    this.load.set(worker, 0);
    worker.on('message', (reply: ScanReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      this.load.set(worker, Math.max(0, (this.load.get(worker) ?? 1) - 1));
      p.resolve(reply);
    });
    worker.on('error', (e) => {
      this.log(`Scan worker stopped: ${e.stack ?? e}`);
      this.load.delete(worker);
      for (const [id, p] of this.pending) if (p.worker === worker) {
        this.pending.delete(id);
        p.resolve({ id, error: 'worker stopped' });
      }
    });
  }
}
