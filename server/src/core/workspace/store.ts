import { basename, dirname, join, sep } from 'node:path';
import { attachPartialFiles } from './compose/partialOverlays';
import { splitStandalone } from './compose/standalone';
import { groupProjects, includePaths, loadProject, type ComposeFile } from '../compose/project';
import { isComposeName, isKustomizationName } from '../documents/classify';
import { isLessonPath, isTestComposePath } from '../compose/testSetup';
import { isTestPath } from '../code/testFiles';
import type { DataNode } from '../documents/tree';
import type { LineIndex } from '../text/lineIndex';
import { buildModel, type SourceGroup } from './build';
import { composeGroups } from './compose/source';
import type { ManifestFile } from './kubernetes/files';
import { loadKubernetes } from './kubernetes/source';
import { kubernetesSignature } from './kubernetes/signature';
import { builtImages, isBuildFileName } from './builtImages';
import { ParsedFiles, type DeploymentKind } from './parsedFiles';
import { assignCodeFolders } from './kubernetes/codeFolders';
import { markDeployedElsewhere } from './compose/deployedElsewhere';
import { adoptWorkspaceBuilds } from './compose/pulledBuilds';
import { healthRoutes, scanContextFile } from './codeScan';
import { codeLines, contextFilesOf } from './contextFiles';
import type { KeyValue } from './connections';
import { diskFs, type ModelFs } from './fs';
import { scanMessaging, type FileMessaging } from './messaging';
import type { Location, WorkspaceModel } from './model';

/**
 * Keeps the workspace model of one folder up to date, incrementally: file texts, parsed compose files, the
 * listing of each build context and the connection hints of each file are cached, and only what changed is
 * read again. Open documents' texts override the disk. `model()` rebuilds only when an input changed.
 */
/** Files read at once when a folder is read (prefetch). */
const PREFETCH = 32;

export class WorkspaceModelStore {
  private readonly fs: ModelFs;
  private readonly overlays = new Map<string, string>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly parsedFiles = new ParsedFiles();
  private readonly pairCache = new Map<string, { text: string; pairs: KeyValue<Location>[]; routes: string[]; codeLines: number }>();
  private readonly messagingCache = new Map<string, { text: string; scan: FileMessaging }>();
  private readonly contextFiles = new Map<string, string[]>();
  private readonly dirListings = new Map<string, string[]>();
  private readonly allNames = new Map<string, string[]>();
  /** Folder listings of the search for workloads' code folders; any file event drops them all (a folder may be new). */
  private readonly codeListings = new Map<string, Promise<{ name: string; dir: boolean }[] | undefined>>();
  private readonly composePaths = new Set<string>();
  private readonly manifestPaths = new Set<string>();
  /** Files read from disk without keeping their text (peekText): a new text for one may change what was read. */
  private readonly peeked = new Set<string>();
  private current: WorkspaceModel | undefined;
  private building: Promise<WorkspaceModel> | undefined;
  private dirty = true;
  private readonly analyzedWith = new Map<string, WorkspaceModel>();
  private readonly signatures = new WeakMap<WorkspaceModel, Map<string, string>>();
  private generation = 0;
  /** Counts the changes of any file text or listing the store holds (for caches built on top of it). */
  version = 0;

  /** `boundary`: the workspace folder, where the search for build files and code folders stops when there is no `root`. */
  constructor(readonly root?: string, fs: ModelFs = diskFs, private readonly boundary?: string) {
    this.fs = fs;
  }

  /** The folder that build files (skaffold, Tilt) and code folders of workloads are looked for up to and under. */
  get top(): string | undefined {
    return this.root ?? this.boundary;
  }

  /** A compose file the engine just parsed (an open document's text or the disk's). */
  setCompose(path: string, text: string, data?: DataNode): void {
    this.setSource('compose', path, text, data);
  }

  /** A deployment file (compose, manifest, kustomization) the engine parsed or the CLI found; `lines`: the engine's line index. */
  setSource(kind: 'compose' | 'kubernetes', path: string, text: string, data?: DataNode, lines?: LineIndex): void {
    const paths = kind === 'compose' ? this.composePaths : this.manifestPaths;
    // A lesson's manifests (a tutorial's snapshot of the cluster) and a test's fixtures (`testdata/`) deploy nothing: kept out of the model.
    if (kind === 'kubernetes' && (isLessonPath(path, this.top) || isTestPath(path, this.top))) return;
    if (!paths.has(path)) {
      paths.add(path);
      this.dirty = true;
    }
    this.setText(path, text);
    if (!data) return;
    this.parsedFiles.keep(kind, path, text, data, lines);
  }

  /** The current text of a file (an open document, or a file just read): a change marks the model stale. */
  setText(path: string, text: string): void {
    if (this.overlays.get(path) === text || !this.affects(path)) return;
    const before = this.overlays.get(path) ?? this.texts.get(path);
    this.overlays.set(path, text);
    // A file no reader of the store has seen (past a folder's first files) changes nothing built: no rebuild.
    const changed = before === undefined ? this.mayHaveRead(path) : before !== text;
    if (changed) this.version++;
    if (changed) this.dirty = true;
  }

  /** Whether something built on the store may have read this file, whose text the store does not hold. */
  private mayHaveRead(path: string): boolean {
    const name = basename(path);
    if (this.composePaths.has(path) || this.manifestPaths.has(path) || isComposeName(path) || isKustomizationName(path) || isBuildFileName(name)) return true;
    if (this.peeked.has(path) || this.current?.projects.some((p) => p.files.includes(path))) return true;
    for (const [dir, files] of this.contextFiles) if (path.startsWith(dir + sep) && files.includes(path)) return true;
    return false;
  }

  /** Caches built on top of the store that follow file events (the consistency index). */
  readonly listeners: ((path: string) => void)[] = [];

  /** A file changed, was created or deleted on disk (or an open document was closed): read it again. */
  fileChanged(path: string): void {
    for (const l of this.listeners) l(path);
    this.version++;
    this.overlays.delete(path);
    this.texts.delete(path);
    this.parsedFiles.forget(path);
    this.pairCache.delete(path);
    this.messagingCache.delete(path);
    for (const key of [...this.contextFiles.keys()]) if (path.startsWith(key + sep) || key.startsWith(path + sep) || key === path) this.contextFiles.delete(key);
    this.dirListings.delete(dirname(path));
    this.dirListings.delete(path);
    this.allNames.delete(dirname(path));
    this.allNames.delete(path);
    this.codeListings.clear();
    if (isComposeName(path) && !this.composePaths.has(path)) this.composePaths.add(path);
    if (isKustomizationName(path) && !this.manifestPaths.has(path)) this.manifestPaths.add(path);
    if (this.affects(path)) this.dirty = true;
  }

  /** Deployment files analyzed with an older model of what they declare than the current one: their findings are stale. */
  staleSourceFiles(): string[] {
    const m = this.current;
    if (!m) return [];
    const out: string[] = [];
    for (const [path, seen] of this.analyzedWith) if (seen !== m && this.signatureOf(m, path) !== this.signatureOf(seen, path)) out.push(path);
    return out;
  }

  /** Records that a deployment file's findings were computed from this model (see staleSourceFiles). */
  analyzed(path: string, model: WorkspaceModel): void {
    this.analyzedWith.set(path, model); // compared lazily, by signature, in staleComposeFiles
  }

  forget(path: string): void {
    this.analyzedWith.delete(path);
    this.overlays.delete(path);
  }

  private signatureOf(model: WorkspaceModel, path: string): string {
    let sigs = this.signatures.get(model);
    if (!sigs) this.signatures.set(model, (sigs = new Map()));
    if (this.manifestPaths.has(path)) {
      let k = sigs.get(path);
      if (k === undefined) sigs.set(path, (k = kubernetesSignature(model, path)));
      return k;
    }
    const main = model.projects.find((p) => p.files.includes(path))?.main ?? '';
    let sig = sigs.get(main);
    if (sig === undefined) {
      const services = model.services.filter((s) => s.project === main);
      const ids = new Set(services.map((s) => s.id));
      sig = JSON.stringify([services, model.edges.filter((e) => ids.has(e.from))]);
      sigs.set(main, sig);
    }
    return sig;
  }

  /** A compose file or manifest left the workspace. */
  removeSource(path: string): void {
    this.fileChanged(path); // first: it adds compose and Kustomize names it does not know yet
    if (this.composePaths.delete(path)) this.dirty = true;
    if (this.manifestPaths.delete(path)) this.dirty = true;
  }

  /** Whether a change to this path may change the model (a compose file, a file it read, or a build context's file). */
  affects(path: string): boolean {
    if (this.composePaths.has(path) || isComposeName(path) || this.manifestPaths.has(path) || isKustomizationName(path) || isBuildFileName(basename(path))) return true;
    const m = this.current;
    if (!m) return false; // the first build reads everything
    if (m.projects.some((p) => p.files.includes(path))) return true;
    return m.services.some((s) => s.sourceDir && path.startsWith(s.sourceDir + sep));
  }

  get stale(): boolean {
    return this.dirty || !this.current;
  }

  /** The model of the current inputs: rebuilt when an input changed, and never older than a build in flight. */
  async model(): Promise<WorkspaceModel> {
    while (this.dirty || !this.current || this.building) {
      if (!this.building) {
        const gen = ++this.generation;
        this.dirty = false;
        this.building = this.build().finally(() => (this.building = undefined));
        const m = await this.building;
        if (gen === this.generation) this.current = m;
      } else await this.building.catch(() => undefined);
    }
    return this.current;
  }

  /** The last model built, without rebuilding. */
  peek(): WorkspaceModel | undefined {
    return this.current;
  }

  private async build(): Promise<WorkspaceModel> {
    const paths = new Set([...this.composePaths].filter((p) => !isTestComposePath(p, this.top))); // test setups: no deployment
    for (const p of [...paths]) for (const sib of await this.composeSiblings(dirname(p))) paths.add(sib);
    const included = new Set<string>();
    for (const p of paths) {
      const f = await this.compose(p);
      if (f) for (const inc of includePaths(f)) included.add(inc);
    }
    const loader = { compose: (p: string) => this.compose(p), text: (p: string) => this.text(p) };
    const projects = [];
    const grouped = await attachPartialFiles(await splitStandalone(groupProjects(paths, included), { compose: (p) => this.compose(p), text: (p) => this.text(p), names: (d) => this.names(d) }), { compose: (p) => this.compose(p) });
    for (const g of grouped) projects.push(await loadProject(g.main, g.overlays, loader));
    const io = { text: (p: string) => this.text(p), touched: new Set<string>(), contextScopes: (d: string) => this.contextScopes(d), messaging: (d: string) => this.messagingOf(d) };
    const groups: SourceGroup[] = await composeGroups(projects, io);
    let problems: WorkspaceModel['problems'];
    let images: WorkspaceModel['imageOverrides'];
    let patchFiles: string[] = [];
    let duplicates: { path: string; start: number }[] = [];
    let meshBreakers: WorkspaceModel['meshBreakers'] = [];
    let endpoints: WorkspaceModel['kubeServices'];
    let localRouteFolders: string[] = [];
    if (this.manifestPaths.size) {
      const kube = await loadKubernetes([...this.manifestPaths].sort(), { manifest: (p) => this.parsed('kubernetes', p), text: (p) => this.text(p), names: (d) => this.names(d), top: this.top });
      const dir = this.top ?? dirname([...this.manifestPaths][0]);
      groups.push({ main: join(dir, '(kubernetes)'), dir, files: kube.files, services: kube.services });
      problems = kube.kustomize.problems;
      images = kube.kustomize.images;
      patchFiles = [...kube.kustomize.patchFiles];
      duplicates = kube.duplicates;
      meshBreakers = kube.meshBreakers;
      endpoints = kube.endpoints;
      localRouteFolders = kube.localRouteFolders;
    }
    const touched = new Set<string>();
    const built = await builtImages(this.top, [...this.manifestPaths, ...this.composePaths], groups, { text: (p) => this.text(p), names: (d) => this.names(d) }, touched);
    if (this.manifestPaths.size) {
      await assignCodeFolders(groups[groups.length - 1].services, built, this.top, (d) => this.codeListing(d));
      groups[groups.length - 1].files.push(...touched);
    }
    await markDeployedElsewhere(groups, this.manifestPaths.size ? groups[groups.length - 1] : undefined, this.top, (d) => this.names(d), built);
    const model = await buildModel(this.top, groups, io);
    await adoptWorkspaceBuilds(model.services, (p) => this.text(p));
    const composeProblems = projects.flatMap((p) => p.problems.map(({ message, ...location }) => ({ location, message })));
    if (problems?.length || composeProblems.length) model.problems = [...(problems ?? []), ...composeProblems];
    if (images?.length) model.imageOverrides = images;
    if (patchFiles.length) model.patchFiles = patchFiles;
    if (duplicates.length) model.duplicates = duplicates;
    if (meshBreakers.length) model.meshBreakers = meshBreakers;
    if (built.size) model.builtImages = [...built.keys()];
    if (endpoints?.length) model.kubeServices = endpoints;
    if (localRouteFolders.length) model.localRouteFolders = localRouteFolders;
    return model;
  }

  /** A manifest or compose file parsed from its current text (cached by that text); undefined when it does not parse cleanly. */
  private async parsed(kind: DeploymentKind, path: string): Promise<ManifestFile | undefined> {
    const text = await this.text(path);
    return text === undefined ? undefined : this.parsedFiles.read(kind, path, text);
  }

  /** The tree the store parsed itself from exactly `text`, without any problem (see ParsedFiles.cleanTree). */
  parsedTree(kind: DeploymentKind, path: string, text: string): DataNode | undefined {
    return this.parsedFiles.cleanTree(kind, path, text);
  }

  /** A file's text (an open document's, or the disk's, cached until a file event). */
  readonly readText = (path: string): Promise<string | undefined> => this.text(path);

  /** A file's current text without keeping it (an open document's, a known one, or the disk's). */
  async peekText(path: string): Promise<string | undefined> {
    const known = this.overlays.get(path) ?? this.texts.get(path);
    if (known !== undefined) return known;
    this.peeked.add(path);
    return this.fs.read(path);
  }

  /** A file's text as the store holds it now (an open document's, or one read), without reading the disk. */
  knownText(path: string): string | undefined {
    return this.overlays.get(path) ?? this.texts.get(path);
  }

  /** A file's current text (an open document's, else the disk's, read once). */
  readonly fileText = (path: string): Promise<string | undefined> => this.text(path);

  private async text(path: string): Promise<string | undefined> {
    const o = this.overlays.get(path);
    if (o !== undefined) return o;
    if (!this.texts.has(path)) this.texts.set(path, await this.fs.read(path));
    return this.texts.get(path);
  }

  /** Reads the texts not known yet a few at a time: a folder of thousands of files waits on the disk far less. */
  private async prefetch(paths: string[]): Promise<void> {
    const missing = paths.filter((p) => !this.overlays.has(p) && !this.texts.has(p));
    for (let i = 0; i < missing.length; i += PREFETCH) {
      const batch = missing.slice(i, i + PREFETCH);
      const texts = await Promise.all(batch.map((p) => this.fs.read(p)));
      batch.forEach((p, k) => this.texts.has(p) || this.texts.set(p, texts[k]));
    }
  }

  private compose(path: string): Promise<ComposeFile | undefined> {
    return this.parsed('compose', path);
  }

  private async composeSiblings(dir: string): Promise<string[]> {
    let names = this.dirListings.get(dir);
    if (!names) {
      names = ((await this.fs.list(dir)) ?? []).filter((e) => !e.dir && isComposeName(e.name)).map((e) => join(dir, e.name)).filter((p) => !isTestComposePath(p, this.top));
      this.dirListings.set(dir, names);
    }
    return names;
  }

  /** The code and config files of a service folder (tests, build output and vendored code left out), with their texts. */
  async folderFiles(dir: string): Promise<{ path: string; text: string }[]> {
    await this.prefetch(await this.folderPaths(dir));
    const out = [];
    for (const path of await this.folderPaths(dir)) {
      const text = await this.text(path);
      if (text !== undefined) out.push({ path, text });
    }
    return out;
  }

  /** Whether some file of a folder matches, reading texts without keeping them (for folders that may not be services). */
  async folderSome(dir: string, test: (text: string) => boolean): Promise<boolean> {
    for (const path of await this.folderPaths(dir)) {
      const text = this.overlays.get(path) ?? this.texts.get(path) ?? (await this.fs.read(path));
      if (text !== undefined && test(text)) return true;
    }
    return false;
  }

  private async folderPaths(dir: string): Promise<string[]> {
    let files = this.contextFiles.get(dir);
    if (!files) {
      files = await contextFilesOf(this.fs, dir);
      this.contextFiles.set(dir, files);
    }
    return files;
  }

  /** A folder's entries for assignCodeFolders (cached until a file event): a keystroke's rebuild reads no folder. */
  private codeListing(dir: string): Promise<{ name: string; dir: boolean }[] | undefined> {
    let listing = this.codeListings.get(dir);
    if (!listing) this.codeListings.set(dir, (listing = this.fs.list(dir)));
    return listing;
  }

  /** The names of a directory's entries (cached until a file event in it). */
  async names(dir: string): Promise<string[]> {
    let names = this.allNames.get(dir);
    if (!names) this.allNames.set(dir, (names = ((await this.fs.list(dir)) ?? []).map((e) => e.name)));
    return names;
  }

  private async contextScopes(dir: string): Promise<{ path: string; config: boolean; pairs: KeyValue<Location>[]; routes: string[]; codeLines: number }[]> {
    let files = this.contextFiles.get(dir);
    if (!files) {
      files = await contextFilesOf(this.fs, dir);
      this.contextFiles.set(dir, files);
    }
    await this.prefetch(files);
    const out = [];
    for (const path of files) {
      const text = await this.text(path);
      if (text === undefined) continue;
      let cached = this.pairCache.get(path);
      if (cached?.text !== text) this.pairCache.set(path, (cached = { text, pairs: scanContextFile(path, text), routes: healthRoutes(path, text), codeLines: codeLines(path, text) }));
      if (cached.pairs.length || cached.routes.length || cached.codeLines) out.push({ path, config: !/\.(py|ts|mts|cts|js|mjs|cjs|go|java|kt|rb|php|cs|rs|scala)$/i.test(path) || /settings\.py$/.test(path), pairs: cached.pairs, routes: cached.routes, codeLines: cached.codeLines });
    }
    return out;
  }

  /** Each file's messaging endpoints and dead-letter configuration (read after contextScopes, so the texts are known). */
  private async messagingOf(dir: string): Promise<FileMessaging[]> {
    const out: FileMessaging[] = [];
    for (const path of this.contextFiles.get(dir) ?? (await this.folderPaths(dir))) {
      // Texts are known after contextScopes: read them without awaiting (a rebuild runs this for every file).
      const text = this.overlays.get(path) ?? (this.texts.has(path) ? this.texts.get(path) : await this.text(path));
      if (text === undefined) continue;
      let cached = this.messagingCache.get(path);
      if (cached?.text !== text) this.messagingCache.set(path, (cached = { text, scan: await scanMessaging(path, text) }));
      if (cached.scan.endpoints.length || cached.scan.deadLetters.length) out.push(cached.scan);
    }
    return out;
  }
}
