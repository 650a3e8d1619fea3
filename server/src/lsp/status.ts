import type { Connection } from 'vscode-languageserver';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol';
import type { Counts } from './diagnostics';

const THROTTLE_MS = 100;

/** Keeps finding counts per file and the scan state; sends STATUS_NOTIFICATION when they change, throttled. */
export class StatusReporter {
  private readonly counts = new Map<string, Counts>();
  private scan: { state: 'scanning' | 'idle'; scanned?: number; total?: number } = { state: 'idle' };
  private lastSent = '';
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly connection: Connection) {}

  setCounts(key: string, c: Counts | undefined): void {
    if (!c || c.errors + c.warnings + c.infos === 0) this.counts.delete(key);
    else this.counts.set(key, c);
    this.changed();
  }

  setScan(state: 'scanning' | 'idle', scanned?: number, total?: number): void {
    this.scan = state === 'scanning' ? { state, scanned, total } : { state };
    this.changed();
  }

  current(): StatusParams {
    const s: StatusParams = { state: this.scan.state, files: this.counts.size, errors: 0, warnings: 0, infos: 0 };
    for (const c of this.counts.values()) {
      s.errors += c.errors;
      s.warnings += c.warnings;
      s.infos += c.infos;
    }
    if (this.scan.state === 'scanning') {
      s.scanned = this.scan.scanned;
      s.total = this.scan.total;
    }
    return s;
  }

  /** Sends now if anything changed since the last notification (used when the scan state flips). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed) return;
    const s = this.current();
    const json = JSON.stringify(s);
    if (json === this.lastSent) return;
    this.lastSent = json;
    void this.connection.sendNotification(STATUS_NOTIFICATION, s).catch(() => undefined);
  }

  dispose(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private changed(): void {
    if (!this.timer && !this.closed) this.timer = setTimeout(() => this.flush(), THROTTLE_MS);
  }
}
