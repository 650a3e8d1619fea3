import { isAbsolute, relative } from 'node:path';
import type { FileKind } from '../documents/classify';
import { makeSource, type SourceFile } from '../documents/source';
import type { DataNode } from '../documents/tree';
import type { ModelFs } from './fs';
import type { WorkspaceModel } from './model';
import { WorkspaceModelStore } from './store';
import { ServiceCallIndex } from './outbound';
import { listWorkspaceFiles } from './scan';
import { DeploymentChecks } from './deploymentChecks';
import { CODE_LANGUAGES, type CodeLanguage } from '../documents/classify';

export type * from './model';
export { datastores, serviceById } from './model';
export { buildWorkspaceModel, renderMermaid } from './api';
export { WorkspaceModelStore } from './store';
export type { ServiceCalls, ServiceCall } from './outbound';
export { unprotectedCalls } from './outbound';
export type { FileChecks } from './deploymentChecks';
export { diskFs, memoryFs, type ModelFs } from './fs';

/** What the index reads of the effective configuration. */
export interface ScopeConfig {
  isForcedBackend(relativePath: string): boolean;
  /** `.backend-architect.yaml` `services:`: each service's specs (absolute) and gateway prefix. */
  serviceSpecs?(root: string): { service: string; specs: string[]; prefix?: string }[];
  isIgnored?(relativePath: string): boolean;
}

export interface IndexedFile {
  path: string;
  kind: FileKind;
  /** Parsed root of data files (OpenAPI, compose), for cross-file rules. */
  data?: DataNode;
}

/** What the analyzer knows about the whole workspace; cross-file rules query it. */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  /** The workspace model (services, datastores, edges), kept up to date as files are analyzed. */
  readonly model: WorkspaceModelStore;
  /** Each service's calls to other services and its circuit breaker (for missing-circuit-breaker). */
  readonly outbound: ServiceCallIndex;
  /** How the workspace's files are listed (the specs of the consistency rules are found this way: specs/attach.ts). */
  readonly listFiles: (root: string, isExcluded?: (rel: string) => boolean) => Promise<string[]>;
  /** Per code file: reads of variables its deployment does not set, calls to hosts no deployment defines. */
  readonly deployment: DeploymentChecks;

  /** Open deployment documents as last analyzed (text and version), for fixes that edit them. */
  private readonly deploymentTexts = new Map<string, SourceFile>();
  /** The last deployment file made from the store's text (the CLI asks for the same file finding after finding). */
  private lastDeploymentText: SourceFile | undefined;

  /** Files the config file's `scope.backend` globs put back in the backend scope (see useConfig). */
  private forced: { config?: ScopeConfig; version: number } = { version: 0 };

  /** False in the scan's worker threads: the main thread keeps the service summaries (see lsp/scan.ts). */
  private readonly serviceCalls: boolean;
  /** False when no one reads the parsed roots later (the CLI's lint): a run over many specs then holds only one. */
  readonly keepData: boolean;

  /**
   * `boundary`: the workspace folder; the search for the service folder of code outside every compose service
   * never climbs above it (files outside it are not bounded). `root`, the model's root, bounds it for every file.
   */
  /** `listFiles`: how the workspace's specs are found (default: a walk of the folder honouring .gitignore). */
  constructor(opts: { root?: string; boundary?: string; fs?: ModelFs; serviceCalls?: boolean; keepData?: boolean; listFiles?: (root: string, isExcluded?: (rel: string) => boolean) => Promise<string[]> } = {}) {
    this.model = new WorkspaceModelStore(opts.root, opts.fs, opts.boundary);
    this.outbound = new ServiceCallIndex(this.model, opts.boundary, this);
    this.listFiles = opts.listFiles ?? ((root, isExcluded) => listWorkspaceFiles(root, { isExcluded }));
    this.deployment = new DeploymentChecks(this.model, this);
    this.serviceCalls = opts.serviceCalls ?? true;
    this.keepData = opts.keepData ?? true;
    this.model.listeners.push((path) => this.deploymentTexts.delete(path));
  }

  /**
   * A deployment file's current text for an edit of it, with the document version it was analyzed at when that is
   * still its text (none for the disk's text): a fix made from it is refused by an editor whose document moved on.
   */
  deploymentSource(path: string): SourceFile | undefined {
    const text = this.model.knownText(path);
    if (text === undefined) return undefined;
    const known = this.deploymentTexts.get(path);
    if (known?.text === text) return known;
    const last = this.lastDeploymentText;
    if (last?.path === path && last.text === text) return last;
    return (this.lastDeploymentText = makeSource(path, text, 'compose'));
  }

  /** The configuration whose `scope.backend` globs apply (the engine passes its own before each file's rules). */
  useConfig(config: ScopeConfig): void {
    if (config !== this.forced.config) this.forced = { config, version: this.forced.version + 1 };
  }

  /** The configuration last given, and a counter that changes with it. */
  get scope(): { config?: ScopeConfig; version: number } {
    return this.forced;
  }

  /** False in the scan's worker threads, which see one file at a time (cross-file summaries live on the main thread). */
  get tracksServices(): boolean {
    return this.serviceCalls;
  }

  /** Changes when the `scope.backend` globs may have (service summaries depend on them). */
  get scopeVersion(): number {
    return this.forced.version;
  }

  /** Whether `scope.backend` puts this file back in the backend scope. */
  isForcedBackend(path: string): boolean {
    const top = this.model.top;
    if (!this.forced.config || !top || !isAbsolute(path)) return false;
    return this.forced.config.isForcedBackend(relative(top, path).split(/[\\/]/).join('/'));
  }

  update(file: IndexedFile): void {
    this.files.set(file.path, this.keepData || !file.data ? file : { path: file.path, kind: file.kind });
  }

  remove(path: string): void {
    const was = this.files.get(path);
    this.files.delete(path);
    if (was?.kind === 'compose' || was?.kind === 'kubernetes') this.model.removeSource(path);
    else this.model.fileChanged(path);
    this.model.forget(path);
    this.outbound.forget(path);
    this.deployment.forget(path);
  }

  get(path: string): IndexedFile | undefined {
    return this.files.get(path);
  }

  ofKind(kind: FileKind): IndexedFile[] {
    return [...this.files.values()].filter((f) => f.kind === kind);
  }

  get size(): number {
    return this.files.size;
  }

  /**
   * Called by the engine once a file is parsed, before its rules run: feeds the file's text to the model and,
   * for a compose file or a Kubernetes manifest, returns the model its rules see (rebuilt if an input changed).
   */
  async prepare(source: SourceFile, data: DataNode | undefined): Promise<WorkspaceModel | undefined> {
    if (source.kind !== 'compose' && source.kind !== 'kubernetes') {
      if (!isAbsolute(source.path)) return undefined;
      this.model.setText(source.path, source.text);
      // A chart's files read what the model knows of the workspace's builds (images a Tiltfile or skaffold makes).
      if (source.kind === 'helm') return this.model.model();
      if (!this.serviceCalls || !CODE_LANGUAGES.includes(source.kind as CodeLanguage)) return undefined;
      // Service code: the summary of its service's outbound calls, for missing-circuit-breaker.
      const model = await this.model.model();
      await this.outbound.refresh(source.path, model, source.text);
      this.outbound.analyzed(source.path);
      await this.deployment.refresh(source.path, model, source.text);
      this.deployment.analyzed(source.path);
      return model;
    }
    if (!data) return undefined;
    this.model.setSource(source.kind, source.path, source.text, data, source.lines);
    if (source.version !== undefined) this.deploymentTexts.set(source.path, source);
    const model = await this.model.model();
    this.model.analyzed(source.path, model);
    return model;
  }
}
