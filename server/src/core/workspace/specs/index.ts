/**
 * Specs and routes checked against each other, kept next to the workspace model like the outbound-call summaries:
 * specs are found once in the workspace and followed as they change, each code file's routes are cached by its
 * text, and a service's comparison is recomputed before a code file's or a spec's rules run (WorkspaceIndex.prepare).
 * staleFiles names the files whose findings moved because of another file (for the language server).
 */
import { basename, dirname, relative, sep } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import { isComposeName, looksLikeOpenApi } from '../../documents/classify';
import { parseJson } from '../../documents/json';
import { makeSource, type SourceFile } from '../../documents/source';
import { isReadable, type DataDocument, type DataNode } from '../../documents/tree';
import { parseYaml } from '../../documents/yaml';
import type { FileRoutes } from '../../code/routes/types';
import { LineIndex, type Range } from '../../text/lineIndex';
import { isTestPath } from '../../code/testFiles';
import type { WorkspaceModel } from '../model';
import type { WorkspaceModelStore } from '../store';
import { compareService, type ServiceComparison } from './compare';
import { resolveServiceRoutes } from '../../code/routes/service';
import { applySecurityConfig } from '../../code/routes/javaSecurity';
import { mapSpecs, type ServiceFolder, type ServiceSpecConfig, type SkippedItem, type SpecMapping } from './mapping';
import { routesFromText, routesFromTree } from './routes';
import { specFacts, summarizeSpec, type SpecSummary } from './spec';
import { loadsAsClient } from './calledApis';
import { signature, stampOf } from './signature';

export interface ConsistencyConfig {
  serviceSpecs?(root: string): ServiceSpecConfig[];
  isIgnored?(relativePath: string): boolean;
}

export interface ConsistencyHost {
  store: WorkspaceModelStore;
  /** Keep the syntax trees parsed for routes until the engine analyzes their files (a run over every file, once). */
  keepTrees: boolean;
  serviceOf(path: string, model: WorkspaceModel): Promise<{ name: string; dir: string } | undefined>;
  config(): { config?: ConsistencyConfig; version: number };
  listFiles(root: string, isExcluded?: (rel: string) => boolean): Promise<string[]>;
}

export interface ConsistencyOverview {
  mappings: SpecMapping[];
  skipped: SkippedItem[];
  comparisons: ServiceComparison[];
}

/** Trees kept for the engine at most (wasm memory): a service's files are analyzed one after another. */
const MAX_KEPT_TREES = 400;
/** Build files that make a folder a package of its own. */
const PACKAGE_FILES = new Set(['package.json', 'go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'pyproject.toml', 'setup.py', 'Cargo.toml']);
const CODE_FOLDERS = new Set(['src', 'app', 'pages', 'components', 'cmd', 'internal', 'lib']);
const CODE_FILE = /\.([cm]?[jt]sx?|go|py|java|kt|rs)$/;
const SPEC_EXT = /\.(ya?ml|json)$/i;
const NOT_SPEC = /(^|[\\/])(package(-lock)?|tsconfig[\w.-]*|composer|angular|tslint|\.?eslintrc[\w.-]*|renovate|lerna|nx|vercel|app|manifest|[\w.-]*lock)\.json$/i;

export class ConsistencyIndex {
  private specPaths: Promise<Set<string>> | undefined;
  /** The spec candidates once listed (specPaths resolved), and the service folders the last mapping gave specs. */
  private knownSpecs: Set<string> | undefined;
  private mappedDirs: string[] | undefined;
  /** Known specs: `facts` as specFacts gives them, the summary made when first read (a keystroke in a spec no code is compared with needs none). */
  private readonly specs = new Map<string, KnownSpec>();
  private readonly routes = new Map<string, { text: string; routes: FileRoutes; pinned: boolean; lines?: { text: string; index: LineIndex } }>();
  private mapping: { key: string; value: Promise<{ mappings: SpecMapping[]; skipped: SkippedItem[]; services: ServiceFolder[] }> } | undefined;
  private readonly comparisons = new Map<string, { key: string; value: ServiceComparison }>();
  private readonly current = new Map<string, ServiceComparison | undefined>();
  private readonly reported = new Map<string, string>();
  /** Bumped when a spec appears, changes or goes. */
  private specVersion = 0;
  /** Bumped when what the mapping reads of the specs changes (which exist, their titles, whether they have operations). */
  private mappingVersion = 0;
  /** Bumped when any file's routes change (or a file event): staleFiles looks again. */
  private routeVersion = 0;
  /** Per compared service folder, bumped when a file under it changes its routes or changes on disk. */
  private readonly dirStamps = new Map<string, number>();
  private checked = '';
  private checkedMapping: unknown;
  /** Specs parsed ahead of the engine (keepTrees), by path: handed over like the trees. */
  private readonly documents = new Map<string, { text: string; doc: DataDocument }>();
  /** Trees parsed ahead of the engine (keepTrees), by path: handed over when the engine reaches the file. */
  private readonly trees = new Map<string, { text: string; tree: Tree }>();

  constructor(private readonly host: ConsistencyHost) {}

  /** An OpenAPI spec the engine just parsed (an open document's text or the disk's). */
  setSpec(source: SourceFile, root: DataNode | undefined): void {
    void this.candidates().then((c) => c.add(source.path));
    const known = this.specs.get(source.path);
    if (known?.text === source.text) return;
    const facts = specFacts(root);
    this.specs.set(source.path, knownSpec(source.text, facts, () => summarizeSpec(source, root)));
    this.specVersion++;
    if ((known?.facts ?? '') !== facts) this.mappingVersion++;
  }

  /** A code file the engine just parsed: its routes from its own tree (pinned until the file changes on disk). */
  setCode(source: SourceFile, tree: Tree | undefined): void {
    const known = this.routes.get(source.path);
    if (known?.text === source.text) {
      known.pinned = true;
      return;
    }
    if (!this.routesMatter(source.path)) {
      // No spec is compared with this file's folder: its routes are read from its text if one ever is.
      if (known) this.routes.delete(source.path);
      this.touched(source.path);
      return;
    }
    const routes = routesFromTree(source, tree);
    if (!known || JSON.stringify(known.routes) !== JSON.stringify(routes)) this.touched(source.path);
    this.routes.set(source.path, { text: source.text, routes, pinned: true });
  }

  /** A file changed, appeared or went away on disk (or its editor closed): read it again when needed. */
  fileChanged(path: string): void {
    if (this.specs.delete(path)) this.specVersion++, this.mappingVersion++;
    this.routes.delete(path);
    this.touched(path); // a file under a service folder may have appeared or gone
    if (SPEC_EXT.test(path)) void this.candidates().then((c) => c.has(path) || (c.add(path), this.specVersion++, this.mappingVersion++));
  }

  private isTest(path: string): boolean {
    return isTestPath(path, this.host.store.top);
  }

  /** The tree parsed for this file's routes, when its text is still `text` (the caller owns it then). */
  takeTree(path: string, text: string): Tree | undefined {
    const kept = this.trees.get(path);
    if (!kept) return undefined;
    this.trees.delete(path);
    if (kept.text === text) return kept.tree;
    kept.tree.delete();
    return undefined;
  }

  /** The spec parsed here for this text, for the engine (CLI runs): parsed once. */
  takeDocument(path: string, text: string): DataDocument | undefined {
    const kept = this.documents.get(path);
    this.documents.delete(path);
    return kept?.text === text ? kept.doc : undefined;
  }

  private keepTree(path: string, text: string, tree: Tree): void {
    this.trees.get(path)?.tree.delete();
    this.trees.set(path, { text, tree });
    if (this.trees.size > MAX_KEPT_TREES) {
      const [oldest, kept] = this.trees.entries().next().value!;
      kept.tree.delete();
      this.trees.delete(oldest);
    }
  }

  /**
   * Whether a comparison may read this file's routes, as far as is known without waiting: false when the workspace
   * has no spec, or when the specs are mapped and none to a folder holding the file.
   */
  private routesMatter(path: string): boolean {
    if (this.knownSpecs?.size === 0) return false;
    return !this.mappedDirs || this.mappedDirs.some((d) => path.startsWith(d + sep));
  }

  /** The routes of a file changed: the comparisons of the folders holding it are stale. */
  private touched(path: string): void {
    this.routeVersion++;
    for (const [dir, n] of this.dirStamps) if (path.startsWith(dir + sep)) this.dirStamps.set(dir, n + 1);
  }

  forget(path: string): void {
    this.reported.delete(path);
    this.current.delete(path);
  }

  /** The range of a span of a code file whose routes were read (for related locations in other files). */
  rangeOf(path: string, span: { start: number; end: number }): Range | undefined {
    const known = this.routes.get(path);
    if (!known) return undefined;
    if (known.lines?.text !== known.text) known.lines = { text: known.text, index: new LineIndex(known.text) };
    return known.lines.index.rangeOf(span.start, span.end);
  }

  /** The comparison of the service this file (code or spec) belongs to, as of the last refresh. */
  of(path: string): ServiceComparison | undefined {
    return this.current.get(path);
  }

  async refresh(path: string, model: WorkspaceModel): Promise<ServiceComparison | undefined> {
    if (this.isTest(path)) {
      this.current.set(path, undefined); // a test's routes are not the service's
      return undefined;
    }
    const { mappings } = await this.mapped(model);
    let dir: string | undefined;
    if (this.specs.get(path)?.facts) dir = mappings.find((m) => m.spec === path)?.dir;
    else if (mappings.length) {
      // The deepest service folder with a spec that holds the file, unless the file's own service is nested deeper.
      const holders = mappings.map((m) => m.dir).filter((d) => path.startsWith(d + sep));
      const mapped = holders.sort((a, b) => b.length - a.length)[0];
      const own = (await this.host.serviceOf(path, model))?.dir;
      dir = own && (!mapped || own.length > mapped.length) ? own : mapped;
    }
    const c = dir && mappings.some((m) => m.dir === dir) ? await this.compare(dir, model) : undefined;
    this.current.set(path, c);
    return c;
  }

  analyzed(path: string): void {
    this.reported.set(path, signature(path, this.current.get(path)));
  }

  /** Whether the consistency rules report on this file now (the scan's workers cannot tell: they see one file). */
  async reportsOn(path: string, model: WorkspaceModel): Promise<boolean> {
    const reports = signature(path, await this.refresh(path, model)) !== '';
    this.analyzed(path);
    return reports;
  }

  /** Files whose consistency findings differ from those last reported; cheap when no input changed. */
  async staleFiles(model: WorkspaceModel): Promise<string[]> {
    const key = `${this.specVersion}|${this.routeVersion}|${this.host.config().version}|${servicesKey(model)}`;
    if (key === this.checked) return [];
    this.checked = key;
    const mapping = await this.mapped(model);
    const remapped = mapping !== this.checkedMapping;
    this.checkedMapping = mapping;
    const out: string[] = [];
    const now = new Map<string, ServiceComparison | undefined>();
    const dirs = new Set(mapping.mappings.map((m) => m.dir));
    for (const [path, sig] of [...this.reported]) {
      // While the mapping holds, only files of a service whose comparison was made again can have moved.
      const before = this.current.get(path);
      // A folder no spec maps to any more has no comparison.
      if (before && !now.has(before.dir)) now.set(before.dir, dirs.has(before.dir) ? await this.compare(before.dir, model) : undefined);
      if (!remapped && (!before || now.get(before.dir) === before)) continue;
      if (signature(path, await this.refresh(path, model)) !== sig) out.push(path);
    }
    return out;
  }

  /** Every mapping, every comparison and what was skipped, for `graph` and the chat. */
  async overview(model: WorkspaceModel): Promise<ConsistencyOverview> {
    const { mappings, skipped } = await this.mapped(model);
    const comparisons = [];
    for (const dir of new Set(mappings.map((m) => m.dir))) comparisons.push(await this.compare(dir, model));
    return { mappings, skipped: [...skipped, ...comparisons.flatMap((c) => c.skipped)], comparisons };
  }

  private candidates(): Promise<Set<string>> {
    this.specPaths ??= (async () => {
      const top = this.host.store.top;
      if (!top) return new Set<string>();
      const cfg = this.host.config().config;
      const files = await this.host.listFiles(top, cfg?.isIgnored && ((rel) => cfg.isIgnored!(rel)));
      return (this.knownSpecs = new Set(files.filter((f) => SPEC_EXT.test(f) && !NOT_SPEC.test(f) && !isComposeName(f))));
    })();
    return this.specPaths;
  }

  private async spec(path: string): Promise<SpecSummary | undefined> {
    let known = this.specs.get(path);
    if (!known) {
      const text = await this.host.store.peekText(path);
      const source = text !== undefined && (/^\s*["']?(openapi|swagger)["']?\s*:|"(openapi|swagger)"\s*:/m.test(text.slice(0, 65536)) || looksLikeOpenApi(text, path.toLowerCase().endsWith('.json'))) ? makeSource(path, text, 'openapi') : undefined;
      const doc = source && (path.toLowerCase().endsWith('.json') ? parseJson(source.text) : parseYaml(source.text));
      const root = source && doc && isReadable(doc) ? doc.root : undefined;
      known = knownSpec(text ?? '', specFacts(root), () => (source && root ? summarizeSpec(source, root) : undefined));
      this.specs.set(path, known);
      if (doc && this.host.keepTrees) this.documents.set(path, { text: text!, doc });
    }
    return known.summary();
  }

  private async mapped(model: WorkspaceModel) {
    const { config, version } = this.host.config();
    const key = `${this.mappingVersion}|${version}|${servicesKey(model)}`;
    if (this.mapping?.key !== key) {
      this.mappedDirs = undefined;
      const value = this.computeMapping(model, config);
      this.mapping = { key, value };
      void value.then((v) => this.mapping?.value === value && (this.mappedDirs = v.mappings.map((m) => m.dir)), () => undefined);
    }
    return this.mapping.value;
  }

  private async computeMapping(model: WorkspaceModel, config: ConsistencyConfig | undefined) {
    const summaries: SpecSummary[] = [];
    for (const path of [...(await this.candidates())].sort()) {
      const s = await this.spec(path);
      if (s) summaries.push(s);
    }
    const services: ServiceFolder[] = model.services.filter((s) => !s.datastore && s.sourceDir).map((s) => ({ id: s.id, name: s.name, dir: s.sourceDir! }));
    const fallback = new Map<string, ServiceFolder | undefined>();
    for (const s of summaries) {
      if (services.some((f) => s.source.path.startsWith(f.dir + sep))) continue;
      const own = await this.host.serviceOf(s.source.path, model);
      fallback.set(s.source.path, own && { id: own.name, name: own.name, dir: own.dir });
    }
    const top = this.host.store.top;
    const cfg = top && config?.serviceSpecs ? config.serviceSpecs(top) : [];
    const list = summaries.map((s) => ({ path: s.source.path, title: s.title }));
    const result = mapSpecs(list, [...services, ...[...fallback.values()].filter((f): f is ServiceFolder => !!f)], cfg, fallback);
    // A spec in a package of its own below the service's folder (a docs site's `frontend/docs/package.json`) is that
    // package's, which no deployment runs: it describes no route of the service.
    for (const m of [...result.mappings]) {
      if (m.via !== 'folder') continue;
      const own = await this.packageBetween(m.spec, m.dir);
      if (!own) continue;
      result.mappings = result.mappings.filter((x) => x !== m);
      result.skipped.push({ path: m.spec, reason: `it belongs to the package in ${relative(m.dir, own) || '.'} (its own build file), not to service ${m.service}, and no deployment runs that package` });
    }
    for (const s of summaries) if (!s.ops.length && result.mappings.some((m) => m.spec === s.source.path)) {
      result.mappings = result.mappings.filter((m) => m.spec !== s.source.path);
      result.skipped.push({ path: s.source.path, reason: 'it describes no operation (a file of shared components?)' });
    }
    return { ...result, services };
  }

  /**
   * The nearest folder between a spec and a service's folder (both excluded) that holds a program of its own: a build
   * file beside code or a code folder (a docs site's `package.json` and `app/`), not a spec tool's `package.json` alone.
   */
  private async packageBetween(spec: string, serviceDir: string): Promise<string | undefined> {
    for (let dir = dirname(spec); dir !== serviceDir && dir.startsWith(serviceDir + sep); dir = dirname(dir)) {
      const names = await this.host.store.names(dir);
      if (names.some((n) => PACKAGE_FILES.has(n)) && names.some((n) => CODE_FOLDERS.has(n) || (CODE_FILE.test(n) && !/\.config\./.test(n)))) return dir;
    }
    return undefined;
  }

  private async compare(dir: string, model: WorkspaceModel): Promise<ServiceComparison> {
    const { mappings, services } = await this.mapped(model);
    const mine = mappings.filter((m) => m.dir === dir);
    const specs = [];
    for (const m of mine) {
      const summary = await this.spec(m.spec);
      if (summary) specs.push({ summary, prefix: m.prefix, declared: m.via === 'config' });
    }
    if (!this.dirStamps.has(dir)) this.dirStamps.set(dir, 0);
    const key = JSON.stringify([mine.map((m) => [m.spec, m.prefix, m.service]), specs.map((s) => stampOf(s.summary)), this.dirStamps.get(dir), servicesKey(model)]);
    const cached = this.comparisons.get(dir);
    if (cached?.key === key) return cached.value;
    const deeper = services.map((s) => s.dir).filter((d) => d.startsWith(dir + sep));
    const paths = new Set((await this.host.store.folderFiles(dir)).map((f) => f.path));
    for (const [p, r] of this.routes) if (r.pinned && p.startsWith(dir + sep)) paths.add(p);
    const files: FileRoutes[] = [];
    for (const path of [...paths].sort()) {
      if (deeper.some((d) => path.startsWith(d + sep)) || /[\\/](node_modules|vendor)[\\/]/.test(relative(dir, path)) || this.isTest(path)) continue;
      files.push(await this.routesOf(path));
    }
    const joined = resolveServiceRoutes(applySecurityConfig(files));
    const codePaths = [...paths].filter((p) => CODE_FILE.test(p) && this.routes.has(p));
    const loader = (spec: SpecSummary) => codePaths.find((p) => loadsAsClient(this.routes.get(p)?.text ?? '', basename(spec.source.path)));
    const value = compareService(mine[0].service, dir, specs, joined.routes, joined.skipped, loader);
    this.comparisons.set(dir, { key, value });
    return value;
  }

  private async routesOf(path: string): Promise<FileRoutes> {
    const known = this.routes.get(path);
    if (known?.pinned) return known.routes;
    const text = await this.host.store.peekText(path);
    if (text === undefined) return { routes: [], mounts: [], skipped: [] };
    if (known?.text === text) return known.routes;
    const routes = await routesFromText(path, text, this.host.keepTrees ? (tree) => this.keepTree(path, text, tree) : undefined);
    if (known && JSON.stringify(known.routes) !== JSON.stringify(routes)) this.touched(path);
    this.routes.set(path, { text, routes, pinned: false });
    return routes;
  }
}

interface KnownSpec {
  text: string;
  facts: string;
  summary: () => SpecSummary | undefined;
}

function knownSpec(text: string, facts: string, summarize: () => SpecSummary | undefined): KnownSpec {
  let made: { summary: SpecSummary | undefined } | undefined;
  return { text, facts, summary: () => (made ??= { summary: summarize() }).summary };
}


const serviceKeys = new WeakMap<WorkspaceModel, string>();
/** What of the model the mapping reads (service ids and folders), once per model. */
function servicesKey(model: WorkspaceModel): string {
  let key = serviceKeys.get(model);
  if (key === undefined) serviceKeys.set(model, (key = JSON.stringify(model.services.map((s) => [s.id, s.sourceDir]))));
  return key;
}
