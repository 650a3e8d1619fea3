/**
 * What Kustomize changes, read statically: which files are patches (not resources), what each overlay's patches
 * set on a base workload (replicas, probes, limits), `images` overrides, generated ConfigMaps and Secrets, and
 * kustomizations that name a missing file or include themselves. Findings stay on the base resource or on the
 * patch that introduced a problem, so overlays of one base never multiply its findings.
 */
import { dirname, join, normalize } from 'node:path';
import { get, isMap, items, str, type DataNode } from '../../documents/tree';
import { isKustomizationName } from '../../documents/classify';
import { parseYaml } from '../../documents/yaml';
import type { Location } from '../model';
import type { ManifestFile } from './files';
import { kubeObjects, type KubeObject } from './resources';

export interface KustomizePatch {
  path: string;
  object: KubeObject;
  file: ManifestFile;
}

export interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  location: Location;
}

export interface KustomizeView {
  /** Files named as patches: their objects are partial and are not resources of their own. */
  patchFiles: Set<string>;
  /** Patches by target `Kind/name`. */
  patches: Map<string, KustomizePatch[]>;
  /** Replica counts set by inline patches (`patch:`), for the objects their target selects (kind, name as a regex). */
  replicaPatches: ReplicaPatch[];
  images: ImageOverride[];
  /** ConfigMaps and Secrets made by generators: name -> keys (values of literals and env files for ConfigMaps only). */
  generated: Map<string, { secret: boolean; data: Map<string, { value?: string; location: Location }> }>;
  problems: { location: Location; message: string }[];
  /** The namespace a kustomization sets on the resource files it lists. */
  namespaces: Map<string, string>;
  /** The names that `namePrefix`/`nameSuffix` of the kustomizations above a resource file give its objects. */
  renames: Map<string, Rename[]>;
  /** The kustomizations that build each resource file, directly or through the bases they include. */
  trees: Map<string, Set<string>>;
  /** Files read along the way (env files of generators), so their change rebuilds the model. */
  touched: Set<string>;
  /** `vars`: a `$(NAME)` in the resources stands for a field of an object (`metadata.labels.fqdn` of Ingress/hanko). */
  vars: Map<string, { kind?: string; name?: string; fieldPath: string }>;
}

export interface ReplicaPatch {
  kind?: string;
  name?: string;
  replicas: number;
  location: Location;
}

export interface Rename {
  prefix: string;
  suffix: string;
}

export interface KustomizeIo {
  manifest(path: string): Promise<ManifestFile | undefined>;
  text(path: string): Promise<string | undefined>;
  names(dir: string): Promise<string[]>;
  /** The workspace's root folder, when known. */
  top?: string;
}

const locate = (f: ManifestFile, n: DataNode): Location => ({ path: f.path, start: n.start, end: n.end, range: f.lines.rangeOf(n.start, n.end) });

/** The kustomization file of a directory, if it has one. */
async function kustomizationIn(dir: string, io: KustomizeIo): Promise<string | undefined> {
  const names = await io.names(dir);
  const name = names.find((n) => isKustomizationName(n));
  return name && join(dir, name);
}

export async function readKustomize(kustomizations: string[], io: KustomizeIo): Promise<KustomizeView> {
  const view: KustomizeView = { patchFiles: new Set(), patches: new Map(), replicaPatches: [], images: [], generated: new Map(), problems: [], touched: new Set(), namespaces: new Map(), renames: new Map(), trees: new Map(), vars: new Map() };
  const done = new Set<string>();
  for (const k of kustomizations) await visit(k, [], view, io, done);
  await readTrees(kustomizations, view, io);
  return view;
}

interface LocalRef {
  key: string;
  node: DataNode;
  ref: string;
  target: string;
  isFile: boolean;
}

/** A kustomization's `resources`, `bases` and `components` entries that are local: files or folders. */
function localRefs(root: DataNode, dir: string): LocalRef[] {
  const out: LocalRef[] = [];
  for (const key of ['resources', 'bases', 'components']) {
    for (const node of items(get(root, key))) {
      const ref = str(node);
      if (!ref || /^[a-z]+:\/\/|^git@|^github\.com\//.test(ref)) continue; // remote bases are not read
      out.push({ key, node, ref, target: normalize(join(dir, ref)), isFile: /\.ya?ml$|\.json$/i.test(ref) });
    }
  }
  return out;
}

/**
 * Which kustomizations build each resource file (directly or through bases), and the names that
 * `namePrefix`/`nameSuffix` down every path give its objects: an overlay's prefix wraps its bases'
 * (`prod-` over `v1-` gives `prod-v1-orders`). A base shared by two overlays gets both names.
 */
async function readTrees(kustomizations: string[], view: KustomizeView, io: KustomizeIo): Promise<void> {
  const seen = new Set<string>();
  const walk = async (start: string, path: string, outer: Rename, stack: string[]): Promise<void> => {
    const key = `${start}\0${path}\0${outer.prefix}\0${outer.suffix}`;
    if (seen.has(key) || stack.includes(path)) return;
    seen.add(key);
    const root = items((await io.manifest(path))?.root)[0];
    if (!isMap(root)) return;
    const here = { prefix: outer.prefix + (str(get(root, 'namePrefix')) ?? ''), suffix: (str(get(root, 'nameSuffix')) ?? '') + outer.suffix };
    for (const r of localRefs(root, dirname(path))) {
      if (!r.isFile) {
        const inner = await kustomizationIn(r.target, io);
        if (inner) await walk(start, inner, here, [...stack, path]);
        continue;
      }
      view.trees.set(r.target, (view.trees.get(r.target) ?? new Set()).add(start));
      if (!here.prefix && !here.suffix) continue;
      const list = view.renames.get(r.target) ?? [];
      if (!list.some((x) => x.prefix === here.prefix && x.suffix === here.suffix)) view.renames.set(r.target, [...list, here]);
    }
  };
  for (const k of kustomizations) await walk(k, k, { prefix: '', suffix: '' }, []);
}

async function visit(path: string, stack: string[], view: KustomizeView, io: KustomizeIo, done: Set<string>): Promise<void> {
  if (done.has(path)) return;
  done.add(path);
  const file = await io.manifest(path);
  const root = file && (items(file.root)[0] ?? undefined);
  if (!file || !isMap(root)) return;
  const dir = dirname(path);
  const problem = (n: DataNode, message: string) => {
    if (!view.problems.some((p) => p.location.path === path)) view.problems.push({ location: locate(file, n), message });
  };
  for (const { key, node: r, ref, target, isFile } of localRefs(root, dir)) {
    if (isFile) {
      const ns = str(get(root, 'namespace'));
      if (ns && !view.namespaces.has(target)) view.namespaces.set(target, ns);
      if ((await io.text(target)) === undefined) problem(r, `Kustomize ${key} entry '${ref}' names a file that does not exist`);
      continue;
    }
    const inner = await kustomizationIn(target, io);
    if (!inner) {
      problem(r, `Kustomize ${key} entry '${ref}' is neither a file nor a directory with a kustomization.yaml`);
      continue;
    }
    if (inner === path || stack.includes(inner)) {
      problem(r, `Kustomize ${key} entry '${ref}' includes this kustomization again (a loop): kustomize build fails`);
      continue;
    }
    await visit(inner, [...stack, path], view, io, done);
  }
  await readPatches(root, file, dir, view, io, problem);
  for (const img of items(get(root, 'images'))) {
    const name = str(get(img, 'name'));
    if (name) view.images.push({ name, newName: str(get(img, 'newName')), newTag: str(get(img, 'newTag')), digest: str(get(img, 'digest')), location: locate(file, img) });
  }
  await readGenerators(root, file, dir, view, io);
  for (const v of items(get(root, 'vars'))) {
    const name = str(get(v, 'name'));
    const ref = get(v, 'objref');
    if (name) view.vars.set(name, { kind: str(get(ref, 'kind')), name: str(get(ref, 'name')), fieldPath: str(get(get(v, 'fieldref'), 'fieldpath')) ?? 'metadata.name' });
  }
}

async function readPatches(root: DataNode, file: ManifestFile, dir: string, view: KustomizeView, io: KustomizeIo, problem: (n: DataNode, m: string) => void): Promise<void> {
  const refs: { node: DataNode; path?: string; target?: DataNode }[] = [];
  for (const p of items(get(root, 'patchesStrategicMerge'))) if (str(p) && !str(p)!.includes('\n')) refs.push({ node: p, path: str(p) });
  for (const key of ['patches', 'patchesJson6902']) for (const p of items(get(root, key))) if (str(get(p, 'path'))) refs.push({ node: p, path: str(get(p, 'path')), target: get(p, 'target') });
  for (const key of ['patches', 'patchesJson6902']) {
    for (const p of items(get(root, key))) {
      const inline = str(get(p, 'patch'));
      const replica = inline ? inlineReplicas(inline) : undefined;
      if (replica) view.replicaPatches.push({ kind: str(get(get(p, 'target'), 'kind')) ?? replica.kind, name: str(get(get(p, 'target'), 'name')) ?? replica.name, replicas: replica.replicas, location: locate(file, p) });
    }
  }
  for (const ref of refs) {
    const target = normalize(join(dir, ref.path!));
    const patch = await io.manifest(target);
    if (!patch) {
      if ((await io.text(target)) === undefined) problem(ref.node, `Kustomize patch '${ref.path}' names a file that does not exist`);
      continue;
    }
    view.patchFiles.add(target);
    for (const o of kubeObjects(patch.root)) {
      const kind = str(get(ref.target, 'kind')) ?? o.kind;
      const name = str(get(ref.target, 'name')) ?? o.name;
      const key = `${kind}/${name}`;
      view.patches.set(key, [...(view.patches.get(key) ?? []), { path: target, object: o, file: patch }]);
    }
  }
}

/** The replica count an inline patch sets: a JSON 6902 `replace`/`add` of `/spec/replicas`, or a strategic merge of `spec.replicas`. */
function inlineReplicas(text: string): { replicas: number; kind?: string; name?: string } | undefined {
  const root = parseYaml(text).root;
  const op = items(root).find((o) => /^(replace|add)$/.test(str(get(o, 'op')) ?? '') && str(get(o, 'path')) === '/spec/replicas');
  const value = op ? get(op, 'value') : get(get(root, 'spec'), 'replicas');
  const replicas = Number(str(value));
  if (!Number.isInteger(replicas)) return undefined;
  return { replicas, kind: str(get(root, 'kind')), name: str(get(get(root, 'metadata'), 'name')) };
}

async function readGenerators(root: DataNode, file: ManifestFile, dir: string, view: KustomizeView, io: KustomizeIo): Promise<void> {
  for (const [key, secret] of [['configMapGenerator', false], ['secretGenerator', true]] as const) {
    for (const g of items(get(root, key))) {
      const name = str(get(g, 'name'));
      if (!name) continue;
      const data = view.generated.get(name)?.data ?? new Map<string, { value?: string; location: Location }>();
      for (const lit of items(get(g, 'literals'))) {
        const text = str(lit) ?? '';
        const eq = text.indexOf('=');
        if (eq > 0) data.set(text.slice(0, eq), { value: secret ? undefined : text.slice(eq + 1), location: locate(file, lit) });
      }
      for (const e of [...items(get(g, 'envs')), ...(get(g, 'env') ? [get(g, 'env')!] : [])]) {
        const envPath = str(e) && normalize(join(dir, str(e)!));
        if (!envPath) continue;
        view.touched.add(envPath);
        const text = await io.text(envPath);
        for (const m of (text ?? '').matchAll(/^[ \t]*([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*)$/gm)) data.set(m[1], { value: secret ? undefined : m[2].trim(), location: locate(file, e) });
      }
      view.generated.set(name, { secret, data });
    }
  }
}
