/**
 * The Kubernetes source of the workspace model: every manifest of the workspace (multi-document YAML with
 * apiVersion/kind) and every kustomization, read as one cluster. Workloads become services; Services give them
 * their DNS names; ConfigMaps and Secrets resolve their environment; Kustomize patches and generators apply.
 */
import { dirname } from 'node:path';
import { inUnusedFolder } from '../../unusedFolders';
import { isKustomizationName } from '../../documents/classify';
import { imageName } from '../builtImages';
import { entries, get, items, str, toPlain } from '../../documents/tree';
import type { KubeServiceEntry, Location, ServiceNode } from '../model';
import type { ManifestFile } from './files';
import { readKustomize, type KustomizeIo, type KustomizeView } from './kustomize';
import { sameDeployment } from './related';
import { isWorkload, kubeObjects, labelsOf, type KubeObject } from './resources';
import { hostnamesOf, locate, workloadService, type Cluster, type KeyValues } from './workloads';

export interface KubernetesLoad {
  services: ServiceNode[];
  /** Every file read: manifests, kustomizations, patches, generator env files. */
  files: string[];
  kustomize: KustomizeView;
  /** Objects written again in another file (a bundle concatenating the per-object files): reported once, on the original. */
  duplicates: { path: string; start: number }[];
  /** Hosts a service mesh ejects failing endpoints of (Istio DestinationRule outlierDetection): a breaker for calls to them. */
  meshBreakers: { host: string; location: Location }[];
  /** Every Service with its DNS names and ports. */
  endpoints: KubeServiceEntry[];
  /** Folders whose routes (Ingress, HTTPRoute, Contour HTTPProxy, Traefik IngressRoute) serve only test or local names. */
  localRouteFolders: string[];
}

/** Kinds that concern only the workloads of their own deployment (see related.ts). */
const PER_DEPLOYMENT = new Set(['Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Ingress']);

/**
 * The same object (equal in every key and value, image tags aside) in several files: every copy but the one in
 * the file with the fewest documents (the per-object file a bundle is generated from; then by path), never one in a
 * folder marked as not in use. Services and
 * the other per-deployment kinds count as copies only within one deployment.
 * Variants that differ (a deployment with tracing added) are objects of their own.
 */
function duplicateCopies(objects: { o: KubeObject; file: ManifestFile }[], kustomize: KustomizeView, root?: string): Set<KubeObject> {
  const byName = new Map<string, { o: KubeObject; file: ManifestFile }[]>();
  for (const x of objects) {
    const key = `${x.o.kind}/${x.o.namespace ?? ''}/${x.o.name}`;
    if (x.o.name) (byName.get(key) ?? byName.set(key, []).get(key)!).push(x);
  }
  // Only objects that share a name are compared whole.
  const byContent = new Map<string, { o: KubeObject; file: ManifestFile }[]>();
  for (const named of byName.values()) {
    if (named.length < 2) continue;
    for (const x of named) {
      // A release bundle often names the registry and tag that the source manifests leave to the build: only the image's last name is compared.
      const key = JSON.stringify(toPlain(x.o.node), (k, v) => (k === 'image' && typeof v === 'string' ? imageName(v).split('/').pop() : v));
      (byContent.get(key) ?? byContent.set(key, []).get(key)!).push(x);
    }
  }
  const out = new Set<KubeObject>();
  const docs = (f: ManifestFile) => (f.root.kind === 'seq' ? f.root.items.length : 1);
  for (const list of byContent.values()) {
    if (list.length < 2 || new Set(list.map((x) => x.file.path)).size < list.length) continue;
    const unused = (x: { file: ManifestFile }) => (inUnusedFolder(x.file.path, root) ? 1 : 0);
    const keep = [...list].sort((a, b) => unused(a) - unused(b) || docs(a.file) - docs(b.file) || (a.file.path < b.file.path ? -1 : 1))[0];
    // A Service (autoscaler, budget, Ingress) repeated in an unrelated folder is that deployment's own, not a copy.
    const local = PER_DEPLOYMENT.has(keep.o.kind);
    for (const x of list) if (x !== keep && (!local || sameDeployment(x.file.path, keep.file.path, kustomize))) out.add(x.o);
  }
  return out;
}

export async function loadKubernetes(paths: string[], io: KustomizeIo): Promise<KubernetesLoad> {
  const kustomize = await readKustomize(paths.filter(isKustomizationName), io);
  const objects: { o: KubeObject; file: ManifestFile }[] = [];
  for (const p of paths) {
    if (isKustomizationName(p) || kustomize.patchFiles.has(p)) continue;
    const file = await io.manifest(p);
    const ns = kustomize.namespaces.get(p);
    if (file) for (const o of kubeObjects(file.root)) objects.push({ o: ns && !o.namespace ? { ...o, namespace: ns } : o, file });
  }
  const copies = duplicateCopies(objects, kustomize, io.top);
  const cluster = clusterOf(objects.filter(({ o }) => !copies.has(o)), kustomize);
  const services = objects.filter(({ o }) => isWorkload(o) && o.name && !copies.has(o)).map(({ o, file }) => workloadService(o, file, cluster));
  markVariants(services, io.top);
  const duplicates = objects.filter(({ o }) => copies.has(o)).map(({ o, file }) => ({ path: file.path, start: o.node.start }));
  const meshBreakers = objects.filter(({ o }) => o.kind === 'DestinationRule' && !copies.has(o)).flatMap(({ o, file }) => outlierDetection(o, file));
  const localRouteFolders = localRoutes(objects.filter(({ o }) => !copies.has(o)), kustomize);
  return { services, files: [...paths, ...kustomize.patchFiles, ...kustomize.touched], kustomize, duplicates, meshBreakers, endpoints: cluster.services.map(endpointOf), localRouteFolders };
}

/** Names reserved for testing and for the local machine (RFC 2606, RFC 6761, mDNS): no public cluster serves them. */
const LOCAL_NAME = /(^|\.)(test|localhost|local|example|invalid)$/i;

/** The host names a route object serves: an Ingress's rules and TLS hosts, an HTTPRoute's hostnames, an HTTPProxy's fqdn, an IngressRoute's Host(). */
function routeHosts(o: KubeObject): string[] | undefined {
  const spec = get(o.node, 'spec');
  if (o.kind === 'Ingress') return [...items(get(spec, 'rules')).map((r) => str(get(r, 'host'))), ...items(get(spec, 'tls')).flatMap((t) => items(get(t, 'hosts')).map(str))].filter((h): h is string => !!h);
  if (o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute') return items(get(spec, 'hostnames')).map(str).filter((h): h is string => !!h);
  if (o.kind === 'HTTPProxy') return [str(get(get(spec, 'virtualhost'), 'fqdn'))].filter((h): h is string => !!h);
  if (o.kind === 'IngressRoute') return items(get(spec, 'routes')).flatMap((r) => [...(str(get(r, 'match')) ?? '').matchAll(/Host\(\s*`([^`]+)`/g)].map((m) => m[1]));
  return undefined;
}

/**
 * Folders whose route objects name hosts, every one of them a test or local name (`hanko.quickstart.test`,
 * `shop.localhost`): manifests for a cluster on a developer's or a CI machine.
 */
function localRoutes(objects: { o: KubeObject; file: ManifestFile }[], kustomize: KustomizeView): string[] {
  const verdict = new Map<string, boolean>();
  // A Kustomize var (`host: $(ELEMENTS_FQDN)`) reads the field of the object it names.
  const resolve = (host: string) => {
    const v = /^\$\((\w+)\)$/.exec(host) && kustomize.vars.get(host.slice(2, -1));
    if (!v) return host;
    const target = objects.find(({ o }) => (!v.kind || o.kind === v.kind) && (!v.name || o.name === v.name));
    return (target && str(v.fieldPath.split('.').reduce<ReturnType<typeof get>>((n, k) => get(n, k), target.o.node))) ?? host;
  };
  for (const { o, file } of objects) {
    const hosts = routeHosts(o)?.map(resolve);
    if (!hosts?.length) continue;
    const dir = dirname(file.path);
    verdict.set(dir, (verdict.get(dir) ?? true) && hosts.every((h) => LOCAL_NAME.test(h.replace(/\.$/, ''))));
  }
  return [...verdict].filter(([, local]) => local).map(([dir]) => dir);
}

/** An Istio DestinationRule's host when its traffic policy (or a port's) ejects failing endpoints. */
function outlierDetection(o: KubeObject, file: ManifestFile): { host: string; location: Location }[] {
  const spec = get(o.node, 'spec');
  const host = str(get(spec, 'host'));
  const policy = get(spec, 'trafficPolicy');
  const node = get(policy, 'outlierDetection') ?? items(get(policy, 'portLevelSettings')).map((p) => get(p, 'outlierDetection')).find((n) => n);
  return host && node ? [{ host: host.toLowerCase(), location: locate(file, node) }] : [];
}
/** A Service's DNS names and ports; any port for a headless or ExternalName Service (they forward none of their own). */
function endpointOf(s: Cluster['services'][number]): KubeServiceEntry {
  const spec = get(s.object.node, 'spec');
  const anyPort = s.type === 'ExternalName' || str(get(spec, 'clusterIP')) === 'None';
  const ports = items(get(spec, 'ports')).map((p) => Number(str(get(p, 'port')))).filter((p) => p > 0);
  const entry: KubeServiceEntry = { name: s.object.name, namespace: s.object.namespace, hostnames: s.names.flatMap((n) => hostnamesOf(n, s.object.namespace)), location: s.location };
  if (!anyPort && ports.length) entry.ports = ports;
  return entry;
}

function clusterOf(objects: { o: KubeObject; file: ManifestFile }[], kustomize: KustomizeView): Cluster {
  const configMaps: KeyValues = new Map();
  const secrets: KeyValues = new Map();
  for (const [name, g] of kustomize.generated) (g.secret ? secrets : configMaps).set(name, g.data);
  const cluster: Cluster = { configMaps, secrets, services: [], autoscalers: [], budgets: [], ingresses: [], kustomize };
  for (const { o, file } of objects) {
    const spec = get(o.node, 'spec');
    if (o.kind === 'ConfigMap' || o.kind === 'Secret') {
      const map = new Map<string, { value?: string; location: Location; also?: Location[] }>();
      for (const key of o.kind === 'Secret' ? ['data', 'stringData'] : ['data']) {
        for (const e of entries(get(o.node, key))) map.set(e.key.text, { value: key === 'data' && o.kind === 'Secret' ? decode(str(e.value)) : str(e.value), location: locate(file, e.value) });
      }
      // Another ConfigMap of the same name (a copy in another folder's manifests): the later one is read, and the
      // same key and value in the earlier one is noted, so that a secret written in both is one finding.
      const earlier = (o.kind === 'Secret' ? secrets : configMaps).get(o.name);
      for (const [k, v] of map) {
        const before = earlier?.get(k);
        if (before && before.value === v.value && before.location.path !== v.location.path) v.also = [before.location, ...(before.also ?? [])];
      }
      (o.kind === 'Secret' ? secrets : configMaps).set(o.name, map);
    } else if (o.kind === 'Service' && o.apiVersion === 'v1') {
      const typeNode = get(spec, 'type');
      const names = [o.name, ...(kustomize.renames.get(file.path) ?? []).map((r) => `${r.prefix}${o.name}${r.suffix}`)];
      cluster.services.push({ object: o, names, selector: labelsOf(get(spec, 'selector')), type: str(typeNode) ?? 'ClusterIP', location: locate(file, typeNode ?? o.nameNode) });
    } else if (o.kind === 'HorizontalPodAutoscaler') {
      const ref = get(spec, 'scaleTargetRef');
      const min = get(spec, 'minReplicas');
      cluster.autoscalers.push({ target: `${o.namespace ?? 'default'}/${str(get(ref, 'kind'))}/${str(get(ref, 'name'))}`, min: { value: Number(str(min) ?? 1), location: locate(file, min ?? o.nameNode) } });
    } else if (o.kind === 'PodDisruptionBudget') {
      cluster.budgets.push({ selector: labelsOf(get(get(spec, 'selector'), 'matchLabels')), namespace: o.namespace, location: locate(file, o.nameNode) });
    } else if (o.kind === 'Ingress') {
      for (const b of ingressBackends(spec)) cluster.ingresses.push({ service: str(b)!, location: locate(file, b) });
    }
  }
  return cluster;
}

/** The service-name nodes of an Ingress's default backend and rules (networking.k8s.io/v1 and the older serviceName). */
function ingressBackends(spec: ReturnType<typeof get>): NonNullable<ReturnType<typeof get>>[] {
  const backends = [get(spec, 'defaultBackend') ?? get(spec, 'backend')];
  for (const r of items(get(spec, 'rules'))) for (const p of items(get(get(r, 'http'), 'paths'))) backends.push(get(p, 'backend'));
  return backends.map((b) => get(get(b, 'service'), 'name') ?? get(b, 'serviceName')).filter((n): n is NonNullable<typeof n> => !!str(n));
}

function decode(b64: string | undefined): string | undefined {
  if (!b64) return undefined;
  const text = Buffer.from(b64, 'base64').toString('utf8');
  return /^[\x20-\x7e\t\r\n]*$/.test(text) ? text : undefined;
}

/**
 * The same workload (kind, namespace, name) written differently in several folders, as optional variants of the
 * main manifests are: all but the primary copy get `variantOf`, so a finding they share is reported once, on the
 * primary. The primary is the copy in the folder with the most workloads (the main manifests), then the shallowest;
 * never one in a folder marked as not in use.
 */
function markVariants(services: ServiceNode[], root?: string): void {
  const perFolder = new Map<string, number>();
  for (const s of services) perFolder.set(s.project, (perFolder.get(s.project) ?? 0) + 1);
  const groups = new Map<string, ServiceNode[]>();
  for (const s of services) {
    const key = `${s.workload!.kind}/${s.workload!.namespace ?? 'default'}/${s.name}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(s);
  }
  const depth = (p: string) => p.split(/[\\/]/).length;
  for (const copies of groups.values()) {
    if (copies.length < 2) continue;
    // A copy in a folder marked as not in use (`old-docs/`) is judged by no rule: never the primary.
    const unused = (s: ServiceNode) => (inUnusedFolder(s.location.path, root) ? 1 : 0);
    const [primary, ...variants] = [...copies].sort((a, b) => unused(a) - unused(b) || perFolder.get(b.project)! - perFolder.get(a.project)! || depth(a.location.path) - depth(b.location.path) || (a.location.path < b.location.path ? -1 : 1));
    for (const v of variants) v.workload!.variantOf = primary.location;
  }
}