import { basename, dirname } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, mayAnalyze } from '../core/documents/classify';
import { skipReason } from '../core/documents/skip';
import { makeSource } from '../core/documents/source';
import { EffectiveConfig } from '../core/config/effective';
import { DEFAULT_SETTINGS, type Settings } from '../core/config/schema';
import { analyzeSource } from '../core/engine';
import type { EditableYaml } from '../core/documents/yamlEdit';
import { INTERNAL_ERROR, type Finding } from '../core/findings';
import { withHelmRender, type HelmRendering } from '../core/helm/rendering';
import { noteWorthy, relativePath, skippedFinding } from '../core/project';
import { WorkspaceIndex } from '../core/workspace/index';
import { countBom, hasBom } from './bom';
import { partialFinding } from './budget';
import { WORKER_MIN_BYTES, type LargeDocumentWorker } from './largeDocuments';
import type { Folder, Folders } from './folders';
import { TreeCache } from './incremental';
import type { Publisher, Trimmed } from './publish';
import type { SettingsStore } from './settings';
import { documentTarget, uriToPath, type DocumentTarget } from './uris';

/** The finding shown when analyzing a file failed outright (the engine isolates rules; this covers the rest). */
export function internalErrorFinding(path: string, e: unknown): Finding {
  const zero = { line: 0, character: 0 };
  const cause = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { ruleId: INTERNAL_ERROR, severity: 'warning', message: `Could not analyze this file (${cause})`, path, range: { start: zero, end: zero } };
}

export interface AnalyzerHost {
  documents: TextDocuments<TextDocument>;
  folders: Folders;
  settings: SettingsStore;
  publisher: Publisher;
  /** Helm rendering of the workspace's charts (in the background: the server re-analyzes a chart's files when its render is done). */
  helm: HelmRendering;
  log(message: string): void;
  /** The worker for large documents; undefined when running from source (they are then analyzed here). */
  large: LargeDocumentWorker | undefined;
  /** Called after the open `.backend-architect.yaml` of a folder root was analyzed (its text may have changed). */
  onConfigDocument(folder: Folder): void;
  /** Called after a document of a folder was analyzed or read: the folder's workspace model may have changed. */
  onModelInput(folder: Folder): void;
}

/** An analysis's findings; `trimmed` when they are only the ones shown (a worker's result). */
interface Analyzed {
  findings: Finding[];
  trimmed?: Trimmed;
}

/**
 * Analyzes open documents from their text: debounced per document, and a result is published only if no newer
 * edit (or newer request) for that document arrived while it was computed. Documents of WORKER_MIN_BYTES or more
 * are analyzed in a worker thread (largeDocuments.ts), so they never hold up the others.
 */
export class DocumentAnalyzer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The latest analysis ticket per URI; an analysis holding an older ticket drops its result. */
  private readonly tickets = new Map<string, object>();
  private readonly configs = new Map<string, { settings: Settings; file: object; config: EffectiveConfig }>();
  private readonly looseIndex = new WorkspaceIndex();
  /** Syntax trees of open code documents, for incremental re-parsing. */
  private readonly trees = new TreeCache();
  /** YAML trees of open documents, patched when an edit stays inside one scalar (documents/yamlEdit.ts). */
  private readonly yamlTrees = new Map<string, EditableYaml>();
  private readonly large: LargeDocumentWorker | undefined;

  constructor(private readonly host: AnalyzerHost) {
    this.large = host.large;
  }

  /** Schedules an analysis of the document's current version, after the debounce delay unless `immediate`. */
  schedule(doc: TextDocument, immediate = false): void {
    const uri = doc.uri;
    const ticket = {};
    this.tickets.set(uri, ticket);
    this.large?.cancel(uri); // its result would be dropped: stop computing it now
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    const delay = immediate ? 0 : (this.host.settings.peek(uri)?.debounceMs ?? DEFAULT_SETTINGS.debounceMs);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.run(uri, ticket).catch((e) => this.host.log(`Analysis of ${uri} failed: ${(e as Error)?.stack ?? e}`));
    }, delay);
    this.timers.set(uri, timer);
  }

  /** Re-analyzes every open document (settings or config changed), optionally only those in one folder. */
  scheduleAll(folder?: Folder): void {
    for (const doc of this.host.documents.all()) {
      if (!folder || this.host.folders.of(uriToPath(doc.uri)) === folder) this.schedule(doc, true);
    }
  }

  /** Forgets a closed document; pending and running analyses of it are dropped. */
  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.tickets.delete(uri);
    this.large?.cancel(uri);
    this.configs.delete(uri);
    this.trees.drop(uri);
    this.yamlTrees.delete(uri);
    this.host.settings.forget(uri);
    const path = uriToPath(uri);
    if (path) this.looseIndex.remove(path);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.tickets.clear();
    this.trees.dispose();
    this.yamlTrees.clear();
  }

  private current(uri: string, ticket: object): TextDocument | undefined {
    return this.tickets.get(uri) === ticket ? this.host.documents.get(uri) : undefined;
  }

  private async run(uri: string, ticket: object): Promise<void> {
    let doc = this.current(uri, ticket);
    if (!doc) return;
    const version = doc.version;
    const target = documentTarget(uri, doc.languageId, doc.getText());
    const folder = this.host.folders.of(target.filePath);
    await folder?.ready;
    const config = await this.configFor(uri, folder);
    doc = this.current(uri, ticket);
    if (!doc || doc.version !== version) return;
    const publishTo = { key: target.key, uri, sourcePath: target.sourcePath, version, maxPerFile: config.settings.maxDiagnosticsPerFile };
    const ignored = folder && target.filePath && folder.ignoredByConfigFile(relativePath(folder.root, target.filePath));
    const text = doc.getText();
    const bytes = Buffer.byteLength(text, 'utf8');
    // Skipped as the CLI skips the file on disk (a binary `.json` has no kind, yet gets the note).
    const reason = mayAnalyze(target.sourcePath) ? skipReason(target.sourcePath, text, target.kind, config.settings.maxFileSizeKb * 1024, bytes) : undefined;
    const skipped = reason && noteWorthy(target.sourcePath, target.kind, reason, folder?.root, text) ? reason : undefined;
    if (reason && !skipped) return this.host.publisher.publish(publishTo, []);
    if (!config.settings.enable || (!target.kind && !skipped) || ignored) {
      this.host.publisher.publish(publishTo, []);
      // A .env, a Dockerfile or a service's config file is not analyzed, but the workspace model reads it.
      if (folder && target.filePath && !target.kind && config.settings.enable) {
        folder.index.model.setText(target.filePath, doc.getText());
        this.host.onModelInput(folder);
      }
      return;
    }
    const analyzed: Analyzed | undefined = skipped
      ? { findings: [skippedFinding(target.sourcePath, skipped)] }
      : this.large && bytes >= WORKER_MIN_BYTES
        ? await this.analyzeInWorker(doc, target, config, folder)
        : await this.analyze(doc, target, config, folder?.index ?? this.looseIndex);
    if (!analyzed || this.current(uri, ticket)?.version !== version) return; // a newer edit arrived: never publish stale results
    this.host.publisher.publish(publishTo, analyzed.findings, analyzed.trimmed);
    if (folder) this.host.onModelInput(folder);
    if (folder && target.kind === 'config' && basename(target.sourcePath) === CONFIG_FILE_NAME && dirname(target.sourcePath) === folder.root) {
      this.host.onConfigDocument(folder);
    }
  }

  /** A large document, in the worker: undefined when cancelled (a newer version arrived or it was closed). */
  private async analyzeInWorker(doc: TextDocument, target: DocumentTarget, config: EffectiveConfig, folder: Folder | undefined): Promise<Analyzed | undefined> {
    this.trees.drop(doc.uri);
    this.yamlTrees.delete(doc.uri);
    const text = doc.getText();
    const outcome = await this.large!.analyze(doc.uri, { path: target.sourcePath, kind: target.kind!, text, settings: config.settings, file: config.file, root: folder?.root });
    if (outcome === 'cancelled') return undefined;
    // Its text is not part of the folder's workspace model (README, Limits): only its kind is known.
    if (folder && target.filePath) folder.index.update({ path: target.filePath, kind: target.kind! });
    const findings = hasBom(text) ? countBom(outcome.findings, target.sourcePath) : outcome.findings;
    return { findings, trimmed: outcome.trimmed };
  }

  private async analyze(doc: TextDocument, target: DocumentTarget, config: EffectiveConfig, index: WorkspaceIndex): Promise<Analyzed> {
    const text = doc.getText();
    const source = makeSource(target.sourcePath, text, target.kind!, doc.version);
    const budget = config.settings.analysisBudgetMs;
    try {
      const previousTree = this.trees.take(doc.uri, source.text, source.kind);
      // Taken out first: a patch changes the kept tree in place, so it must never serve twice.
      const previousYaml = this.yamlTrees.get(doc.uri);
      this.yamlTrees.delete(doc.uri);
      const result = await analyzeSource({ source, config, workspace: index, previousTree, previousYaml, lazyFixes: true, deadline: Date.now() + budget }).finally(() => previousTree?.delete());
      if (result.tree) this.trees.keep(doc.uri, source.text, source.kind, result.tree);
      if (result.editable) this.yamlTrees.set(doc.uri, result.editable);
      if (target.filePath) index.update({ path: target.filePath, kind: target.kind!, data: result.data });
      const findings = await withHelmRender(source, result.findings, config, this.host.helm);
      if (result.notRun) findings.unshift(partialFinding(source.path, budget, result.notRun));
      return { findings: hasBom(text) ? countBom(findings, source.path) : findings };
    } catch (e) {
      this.host.log(`Analysis of ${doc.uri} failed: ${(e as Error)?.stack ?? e}`);
      return { findings: [internalErrorFinding(target.sourcePath, e)] };
    }
  }

  /** Settings for this document (scopeUri = the document) over its folder's config file. */
  private async configFor(uri: string, folder: Folder | undefined): Promise<EffectiveConfig> {
    const settings = await this.host.settings.get(uri);
    const file = folder?.config.file ?? {};
    const cached = this.configs.get(uri);
    if (cached && cached.settings === settings && cached.file === file) return cached.config;
    const config = new EffectiveConfig(settings, file);
    this.configs.set(uri, { settings, file, config });
    return config;
  }
}
