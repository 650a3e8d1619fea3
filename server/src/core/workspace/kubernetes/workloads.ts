/**
 * One Kubernetes workload as a service of the model: its containers (image, probes, resources, ports), its
 * environment with ConfigMap and Secret references resolved, the Services, autoscaler, disruption budget and
 * Ingresses that concern it, the overlays' patches, and whether it runs a datastore.
 */
import { dirname } from 'node:path';
import { datastoreCategory, datastoreKind, DEFAULT_DATABASE, DEFAULT_DATABASE_ENV } from '../../compose/images';
import { datastoreByShape } from '../datastoreShape';
import { entries, get, isMap, items, str, type DataNode } from '../../documents/tree';
import type { EnvVar, KubeContainer, KubeWorkload, Located, Location, ServiceNode } from '../model';
import type { ManifestFile } from './files';
import type { KustomizeView } from './kustomize';
import { sameDeployment } from './related';
import { containersOf, labelsOf, podTemplate, selects, type ContainerNode, type KubeObject } from './resources';

export type KeyValues = Map<string, Map<string, { value?: string; location: Location; also?: Location[] }>>;

/** The other objects of the system that a workload's service node reads. */
export interface Cluster {
  configMaps: KeyValues;
  secrets: KeyValues;
  /** `names`: the Service's own name and those Kustomize's namePrefix/nameSuffix give it. */
  services: { object: KubeObject; names: string[]; selector: Map<string, string>; type: string; location: Location }[];
  autoscalers: { target: string; min: Located<number> }[];
  budgets: { selector: Map<string, string>; namespace?: string; location: Location }[];
  ingresses: { service: string; location: Location }[];
  kustomize: KustomizeView;
}

export const locate = (f: ManifestFile, n: { start: number; end: number }): Location => ({ path: f.path, start: n.start, end: n.end, range: f.lines.rangeOf(n.start, n.end) });

/** Replica counts of inline patches whose target selects this object (kind, and name as kustomize's regex). */
function inlineReplicasFor(o: KubeObject, view: KustomizeView): number[] {
  return view.replicaPatches.filter((p) => (!p.kind || p.kind === o.kind) && (!p.name || fullMatch(p.name, o.name))).map((p) => p.replicas);
}

function fullMatch(pattern: string, name: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(name);
  } catch {
    return pattern === name;
  }
}

export function workloadService(o: KubeObject, file: ManifestFile, cluster: Cluster): ServiceNode {
  const location = locate(file, o.nameNode);
  const { spec, labels, annotations } = podTemplate(o);
  const podLabels = labelsOf(labels);
  const containers = containersOf(spec);
  const patches = cluster.kustomize.patches.get(`${o.kind}/${o.name}`) ?? [];
  const ns = (x?: string) => (x ?? 'default') === (o.namespace ?? 'default');
  const near = (l: Location) => sameDeployment(file.path, l.path, cluster.kustomize);
  const services = cluster.services.filter((s) => ns(s.object.namespace) && selects(s.selector, podLabels) && near(s.location));
  const hostnames = services.flatMap((s) => s.names.flatMap((name) => hostnamesOf(name, s.object.namespace)));
  const replicasNode = get(get(o.node, 'spec'), 'replicas');
  const target = `${o.namespace ?? 'default'}/${o.kind}/${o.name}`;
  const workload: KubeWorkload = {
    kind: o.kind,
    namespace: o.namespace,
    replicas: replicasNode && typeof str(replicasNode) === 'string' && /^\d+$/.test(str(replicasNode)!) ? { value: Number(str(replicasNode)), location: locate(file, replicasNode) } : undefined,
    patchedReplicas: Math.max(0, ...patches.map((p) => Number(str(get(get(p.object.node, 'spec'), 'replicas')) ?? 0)), ...inlineReplicasFor(o, cluster.kustomize)) || undefined,
    autoscalerMin: cluster.autoscalers.filter((a) => a.target === target && near(a.min.location)).sort((a, b) => b.min.value - a.min.value)[0]?.min,
    disruptionBudget: cluster.budgets.find((b) => ns(b.namespace) && selects(b.selector, podLabels) && near(b.location))?.location,
    services: services.map((s) => ({ name: s.object.name, type: s.type, location: s.location })),
    ingresses: cluster.ingresses.filter((i) => services.some((s) => s.object.name === i.service) && near(i.location)).map((i) => i.location),
    containers: containers.filter((c) => !c.init).map((c) => container(c, file, patches)),
    persistent: persistentVolumes(o, spec, containers, file),
  };
  const instrumentation = instrumentationOf(annotations, file);
  if (instrumentation) workload.instrumentation = instrumentation;
  const main = workload.containers[0];
  const s: ServiceNode = {
    id: o.name, name: o.name, project: dirname(file.path), origin: 'kubernetes', workload, location, definitions: [location],
    image: main?.image, hostnames: [...new Set(hostnames)], environment: containers.filter((c) => !c.init).flatMap((c) => envOf(c.node, file, cluster)),
    ...(containers.some((c) => !c.init && envFromUnknown(c.node, cluster)) ? { environmentOpen: true as const } : {}),
    ...(items(get(spec, 'hostAliases')).length ? { extraHosts: items(get(spec, 'hostAliases')).flatMap((a) => items(get(a, 'hostnames')).map((h) => str(h) ?? '')).filter((h) => h) } : {}),
    ports: workload.containers.flatMap((c) => c.ports.map((p) => ({ value: String(p.port), location: c.location }))), expose: [], volumes: [], dependsOn: [],
    limits: main?.limits ?? [], profiles: [], databases: [],
  };
  if (workload.containers.length && workload.containers.every((c) => c.readiness)) s.healthcheck = { location: workload.containers[0].readiness!, disabled: false };
  detectDatastore(s);
  return s;
}

/** The DNS names of a Service: `name`, `name.ns`, `name.ns.svc` and `name.ns.svc.cluster.local`. */
export function hostnamesOf(name: string, namespace = 'default'): string[] {
  return [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`];
}

function container(c: ContainerNode, file: ManifestFile, patches: { path: string; object: KubeObject }[]): KubeContainer {
  const at = get(c.node, 'name') ?? c.node.entries[0]?.key ?? c.node;
  const image = get(c.node, 'image');
  const resources = get(c.node, 'resources');
  const limits = entries(get(resources, 'limits')).map((e) => e.key.text);
  const ports = items(get(c.node, 'ports')).map((p) => ({ port: Number(str(get(p, 'containerPort'))), name: str(get(p, 'name')), hostPort: get(p, 'hostPort') ? locate(file, get(p, 'hostPort')!) : undefined })).filter((p) => p.port > 0);
  const patchedBy = patches.flatMap(({ path, object }) => {
    const pc = containersOf(podTemplate(object).spec).find((x) => x.name === c.name);
    if (!pc) return [];
    const pr = get(pc.node, 'resources');
    return [{ path, readiness: !!get(pc.node, 'readinessProbe'), liveness: !!get(pc.node, 'livenessProbe'), memoryLimit: !!get(get(pr, 'limits'), 'memory'), requests: entries(get(pr, 'requests')).length > 0 }];
  });
  return {
    name: c.name, location: locate(file, at), image: str(image) ? { value: str(image)!, location: locate(file, image!) } : undefined,
    readiness: get(c.node, 'readinessProbe') && locate(file, get(c.node, 'readinessProbe')!), liveness: get(c.node, 'livenessProbe') && locate(file, get(c.node, 'livenessProbe')!),
    limits, requests: entries(get(resources, 'requests')).length > 0, ports, patchedBy,
    ...(str(get(c.node, 'imagePullPolicy')) === 'Never' ? { neverPulled: true as const } : {}),
  };
}

/** Whether a container loads every key of a ConfigMap or Secret that no manifest of the workspace defines. */
function envFromUnknown(c: DataNode, cluster: Cluster): boolean {
  return items(get(c, 'envFrom')).some((ef) => {
    const cm = str(get(get(ef, 'configMapRef'), 'name'));
    const sec = str(get(get(ef, 'secretRef'), 'name'));
    return (cm !== undefined && !cluster.configMaps.has(cm)) || (sec !== undefined && !cluster.secrets.has(sec));
  });
}

/** `env` and `envFrom` of a container; `$(VAR)` references expand from the variables before them. */
function envOf(c: DataNode, file: ManifestFile, cluster: Cluster): EnvVar[] {
  const out: EnvVar[] = [];
  for (const ef of items(get(c, 'envFrom'))) {
    for (const [ref, map, from] of [['configMapRef', cluster.configMaps, 'configmap'], ['secretRef', cluster.secrets, 'secret']] as const) {
      const name = str(get(get(ef, ref), 'name'));
      for (const [k, v] of (name && map.get(name)) || []) out.push({ name: `${str(get(ef, 'prefix')) ?? ''}${k}`, value: v.value, location: from === 'secret' ? locate(file, ef) : v.location, ...(from === 'configmap' && v.also ? { also: v.also } : {}), from });
    }
  }
  for (const e of items(get(c, 'env'))) {
    const name = str(get(e, 'name'));
    if (!name) continue;
    const raw = str(get(e, 'value'));
    const vf = get(e, 'valueFrom');
    const cm = get(vf, 'configMapKeyRef');
    const sk = get(vf, 'secretKeyRef');
    const ref = (map: KeyValues, r: DataNode | undefined) => map.get(str(get(r, 'name')) ?? '')?.get(str(get(r, 'key')) ?? '');
    if (raw !== undefined) out.push({ name, raw, value: raw.replace(/\$\(([A-Za-z_]\w*)\)/g, (m, v) => out.find((x) => x.name === v)?.value ?? m), location: locate(file, e), from: 'environment' });
    else if (cm) {
      const v = ref(cluster.configMaps, cm);
      out.push({ name, value: v?.value, location: v?.location ?? locate(file, e), ...(v?.also ? { also: v.also } : {}), from: 'configmap' });
    }
    else if (sk) out.push({ name, value: ref(cluster.secrets, sk)?.value, location: locate(file, e), from: 'secret' });
    else out.push({ name, location: locate(file, e), from: 'environment' });
  }
  return out;
}

/** The OpenTelemetry operator's injection annotation, unless set to "false". */
function instrumentationOf(annotations: DataNode | undefined, file: ManifestFile): Located | undefined {
  const a = entries(annotations).find((e) => /^instrumentation\.opentelemetry\.io\/inject-[\w-]+$/.test(e.key.text) && str(e.value) !== 'false');
  return a ? { value: `${a.key.text}: ${str(a.value) ?? ''}`.trim(), location: locate(file, a.key) } : undefined;
}

/** Host paths of the node's settings: time zone, locale data, CA certificates. */
const HOST_SETTINGS = /^\/(etc\/(localtime|timezone|ssl\/certs|pki|ca-certificates)|usr\/share\/(zoneinfo|ca-certificates))(\/|$)/;

/** A folder of logs (`/var/log/...`, `/app/logs`): losing it loses no state, in Kubernetes as in compose. */
const LOG_FOLDER = /(^|\/)(logs?|var\/logs?(\/[\w.-]+)?)\/?$/i;

function persistentVolumes(o: KubeObject, spec: DataNode | undefined, containers: ContainerNode[], file: ManifestFile): KubeWorkload['persistent'] {
  const mounted = new Map<string, boolean>();
  for (const c of containers) {
    for (const m of items(get(c.node, 'volumeMounts'))) {
      const name = str(get(m, 'name'));
      // Mounted only at log folders: the volume holds logs, not the workload's data.
      if (!name || LOG_FOLDER.test(str(get(m, 'mountPath')) ?? '')) continue;
      mounted.set(name, mounted.get(name) || str(get(m, 'readOnly')) !== 'true');
    }
  }
  const out: KubeWorkload['persistent'] = [];
  for (const v of items(get(spec, 'volumes'))) {
    const name = str(get(v, 'name')) ?? '';
    if (!mounted.get(name)) continue;
    // The host's own settings (its time zone, CA certificates) are configuration read from the node, not data.
    const hostPath = str(get(get(v, 'hostPath'), 'path')) ?? '';
    if (HOST_SETTINGS.test(hostPath) || LOG_FOLDER.test(hostPath)) continue;
    for (const kind of ['persistentVolumeClaim', 'hostPath'] as const) if (isMap(get(v, kind))) out.push({ kind, name, location: locate(file, get(v, 'name') ?? v) });
  }
  for (const t of items(get(get(o.node, 'spec'), 'volumeClaimTemplates'))) {
    const n = get(get(t, 'metadata'), 'name');
    if (n && mounted.get(str(n) ?? '')) out.push({ kind: 'volumeClaimTemplate', name: str(n)!, location: locate(file, n) });
  }
  return out;
}

/** A datastore by image as in compose; a custom image by what it shows (datastoreShape.ts). */
function detectDatastore(s: ServiceNode): void {
  const images = (s.workload?.containers ?? []).map((c) => c.image?.value).filter((x): x is string => !!x);
  let kind = images.map((i) => datastoreKind(i)).find((k) => k);
  let via: 'image' | 'manifest' = 'image';
  if (!kind) {
    const keepsData = s.workload?.kind === 'StatefulSet' || (s.workload?.persistent.length ?? 0) > 0;
    const ports = s.workload?.containers.flatMap((c) => c.ports.map((p) => p.port)) ?? [];
    kind = datastoreByShape({ name: s.name, image: images[0], env: s.environment.map((e) => e.name), ports, keepsData });
    via = 'manifest';
  }
  if (!kind) return;
  s.datastore = { kind, category: datastoreCategory(kind), via, image: images[0] ?? s.name };
  const vars = new Map(s.environment.map((e) => [e.name, e.value]));
  const db = (DEFAULT_DATABASE_ENV[kind] ?? []).map((k) => vars.get(k)).find((v) => v) ?? DEFAULT_DATABASE[kind];
  if (db) s.databases.push(db);
}
