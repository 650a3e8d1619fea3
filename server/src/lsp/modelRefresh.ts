import { consistencyOf } from '../core/workspace/specs/attach';
import type { Folder } from './folders';

export interface ModelRefreshHost {
  /** Analyzes a compose file again (its open document, or the file on disk when the scan covers it). */
  reanalyze(folder: Folder, path: string): Promise<void>;
  log(message: string): void;
}

/**
 * Keeps the findings of cross-file rules current. After any analysis or file event that may have changed a
 * folder's workspace model (a compose file, a .env, a Dockerfile, a service's code or config), the model is
 * rebuilt and every compose file whose project now looks different from when it was last analyzed is analyzed
 * again, and so is every code file whose service's first call to another service, or breaker, changed (see
 * workspace/outbound.ts), and every code file or spec whose routes-against-spec findings changed (workspace/specs/). Requests for a folder coalesce: one refresh runs at a time, and one more runs if asked meanwhile.
 */
export class ModelRefresher {
  private readonly running = new Map<Folder, Promise<void>>();
  private readonly again = new Set<Folder>();

  constructor(private readonly host: ModelRefreshHost) {}

  request(folder: Folder): void {
    if (this.running.has(folder)) {
      this.again.add(folder);
      return;
    }
    const run = async () => {
      do {
        this.again.delete(folder);
        await this.refresh(folder);
      } while (this.again.has(folder));
    };
    this.running.set(
      folder,
      run()
        .catch((e) => this.host.log(`Workspace model refresh of ${folder.root} failed: ${(e as Error)?.stack ?? e}`))
        .finally(() => this.running.delete(folder)),
    );
  }

  /** Settles when no refresh is running for the folder (for callers that must see its result). */
  async idle(folder: Folder): Promise<void> {
    while (this.running.has(folder)) await this.running.get(folder);
  }

  private async refresh(folder: Folder): Promise<void> {
    const store = folder.index.model;
    if (!store.peek() && !store.stale) return;
    const model = await store.model();
    for (const path of store.staleSourceFiles()) await this.host.reanalyze(folder, path);
    // Service code whose missing-circuit-breaker finding moved (another file of the service changed).
    const stale = new Set(await folder.index.outbound.staleFiles(model));
    // Code and specs whose consistency findings moved (a route, a spec or the service's deployment changed).
    for (const path of await consistencyOf(folder.index).staleFiles(model)) stale.add(path);
    // Service code whose deployment now sets a variable it reads, or defines a host it calls (or no longer does).
    for (const path of await folder.index.deployment.staleFiles(model)) stale.add(path);
    for (const path of stale) await this.host.reanalyze(folder, path);
  }
}
