import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, type Settings } from '../core/config/schema';
import { readSettings } from '../core/config/settings';

export const SECTION = 'backendArchitect';

/**
 * Settings per resource (a document or a workspace folder), pulled with workspace/configuration when the client
 * can answer it, else taken from the last didChangeConfiguration push. Invalid values fall back to their
 * defaults (readSettings) and each distinct warning is shown once until the settings change again.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly known = new Map<string, Settings>();
  private readonly shown = new Set<string>();
  private pushed: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly pull: boolean,
  ) {}

  get(scopeUri: string | undefined): Promise<Settings> {
    const key = scopeUri ?? '';
    let p = this.cache.get(key);
    if (!p) {
      p = this.fetch(scopeUri).then((s) => {
        this.known.set(key, s);
        return s;
      });
      this.cache.set(key, p);
    }
    return p;
  }

  /** The last settings resolved for a resource, without waiting (for debounce delays). */
  peek(scopeUri: string | undefined): Settings | undefined {
    return this.known.get(scopeUri ?? '');
  }

  forget(scopeUri: string): void {
    this.cache.delete(scopeUri);
    this.known.delete(scopeUri);
  }

  /** Drops every cached value after didChangeConfiguration; `pushed` is the pushed `backendArchitect` section, if any. */
  reset(pushed?: unknown): void {
    this.cache.clear();
    this.known.clear();
    this.shown.clear();
    if (pushed !== undefined) this.pushed = pushed;
  }

  private async fetch(scopeUri: string | undefined): Promise<Settings> {
    let raw: unknown = this.pushed;
    if (this.pull) {
      try {
        raw = await this.connection.workspace.getConfiguration(scopeUri ? { scopeUri, section: SECTION } : { section: SECTION });
      } catch (e) {
        this.connection.console.error(`workspace/configuration failed (${(e as Error).message}); using default settings`);
        return { ...DEFAULT_SETTINGS };
      }
    }
    const { settings, warnings } = readSettings(raw);
    this.warn(warnings);
    return settings;
  }

  private warn(warnings: string[]): void {
    const fresh = warnings.filter((w) => !this.shown.has(w));
    if (!fresh.length) return;
    for (const w of fresh) this.shown.add(w);
    const message = `Backend Architect: invalid setting${fresh.length > 1 ? 's' : ''} ignored. ${fresh.join('; ')}.`;
    this.connection.console.warn(message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch(() => undefined);
  }
}
