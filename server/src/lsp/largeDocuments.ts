import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../core/findings';
import { skippedFinding } from '../core/project';
import { hardStopMs, stoppedFinding } from './budget';
import type { Trimmed } from './publish';
import type { AnalysisReply, AnalysisRequest } from './analysisWorker';

/** Open documents of this many bytes or more are analyzed in the worker thread. */
export const WORKER_MIN_BYTES = 1024 * 1024;
/** The worker's heap limit: a document that needs more gets a skipped-file note, and the server stays up. */
export const WORKER_HEAP_MB = 1536;

export type WorkerOutcome = { findings: Finding[]; trimmed?: Trimmed } | 'cancelled';

interface Job {
  uri: string;
  request: Omit<AnalysisRequest, 'id'>;
  resolve: (o: WorkerOutcome) => void;
}

/**
 * Analyzes large open documents in one worker thread, one document at a time, so the main thread keeps answering
 * (and analyzing the other documents). A newer version or a close cancels a document's analysis: dropped from the
 * queue, or the worker is stopped and a fresh one serves the next. A worker that outlasts hardStopMs is stopped too.
 */
export class LargeDocumentWorker {
  private worker: Worker | undefined;
  private running: (Job & { id: number; timer: NodeJS.Timeout; started: number }) | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;

  private constructor(
    private readonly file: string,
    private readonly log: (m: string) => void,
    private readonly trace: (m: string) => void,
  ) {}

  /**
   * Undefined when the bundle's dist/analysisWorker.js is missing (running from source) or BA_ANALYSIS_WORKER=0.
   * `log` gets failures, `trace` the analyses started and those stopped because a newer version arrived or the document closed.
   */
  static create(log: (m: string) => void, trace: (m: string) => void): LargeDocumentWorker | undefined {
    const file = join(__dirname, 'analysisWorker.js');
    if (process.env.BA_ANALYSIS_WORKER === '0' || !existsSync(file)) return undefined;
    return new LargeDocumentWorker(file, log, trace);
  }

  analyze(uri: string, request: Omit<AnalysisRequest, 'id'>): Promise<WorkerOutcome> {
    this.cancel(uri);
    return new Promise((resolve) => {
      this.queue.push({ uri, request, resolve });
      this.next();
    });
  }

  /** Drops the document's queued analysis and stops its running one. */
  cancel(uri: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].uri === uri) this.queue.splice(i, 1)[0].resolve('cancelled');
    if (this.running?.uri !== uri) return;
    this.trace(`Stopped the analysis of ${uri} after ${Date.now() - this.running.started} ms: a newer version arrived or it was closed`);
    this.finish('cancelled', true);
  }

  dispose(): void {
    for (const j of this.queue.splice(0)) j.resolve('cancelled');
    if (this.running) this.finish('cancelled', true);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private next(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    const budget = job.request.settings.analysisBudgetMs;
    const timer = setTimeout(() => {
      const after = Date.now() - (this.running?.started ?? Date.now());
      this.log(`Analysis of ${job.uri} stopped after ${after} ms`);
      this.finish({ findings: [stoppedFinding(job.request.path, budget, after)] }, true);
    }, hardStopMs(budget));
    this.running = { ...job, id, timer, started: Date.now() };
    this.trace(`Analyzing ${job.uri} in a worker thread (${(job.request.text.length / 1048576).toFixed(1)} M characters)`);
    worker.postMessage({ ...job.request, id } satisfies AnalysisRequest);
  }

  /** Settles the running job; `stop` terminates its worker (the next job gets a fresh one). */
  private finish(outcome: WorkerOutcome, stop = false): void {
    const job = this.running;
    if (!job) return;
    clearTimeout(job.timer);
    this.running = undefined;
    if (stop && this.worker) {
      void this.worker.terminate();
      this.worker = undefined;
    }
    job.resolve(outcome);
    this.next();
  }

  private spawn(): Worker {
    const worker = new Worker(this.file, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.unref();
    worker.on('message', (reply: AnalysisReply) => {
      if (worker !== this.worker || reply.id !== this.running?.id) return;
      if ('error' in reply) {
        this.log(`Analysis worker failed on ${this.running.uri}: ${reply.error}`);
        this.finish({ findings: [skippedFinding(this.running.request.path, `the analysis failed (${reply.error})`)] });
      } else this.finish({ findings: reply.findings, trimmed: { omitted: reply.omitted, counts: reply.counts } });
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (worker !== this.worker) return;
      this.log(`Analysis worker stopped: ${e.stack ?? e}`);
      this.worker = undefined;
      const path = this.running?.request.path;
      const reason = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the analysis needed more than the ${WORKER_HEAP_MB} MB memory limit` : `the analysis stopped (${e.message})`;
      if (path) this.finish({ findings: [skippedFinding(path, reason)] });
    });
    worker.on('exit', () => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      if (this.running) this.finish({ findings: [skippedFinding(this.running.request.path, 'the analysis worker exited')] });
    });
    return worker;
  }
}
