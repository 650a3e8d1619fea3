/**
 * Reading Kubernetes objects out of a parsed manifest stream: their kind, name and namespace, the pod template
 * of each workload kind (Deployment ... CronJob, bare Pods, Argo Rollouts, Knative Services) and its containers.
 * Unknown kinds and CRDs are plain objects here, never an error. Shared by the model source and the rules.
 */
import { entries, get, isMap, isSeq, items, str, type DataNode, type MapNode, type ScalarNode } from '../../documents/tree';

export interface KubeObject {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  /** The document's root mapping. */
  node: MapNode;
  /** `metadata.name`'s value, or the `kind` value when it has no name: where findings about the object land. */
  nameNode: ScalarNode;
}

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Rollout', 'DeploymentConfig']);

/** Every object of a parsed stream (`parseYamlStream`'s root) or single document; `List` items are unwrapped. */
export function kubeObjects(root: DataNode | undefined): KubeObject[] {
  const docs = isSeq(root) ? items(root) : root ? [root] : [];
  const out: KubeObject[] = [];
  for (const d of docs) {
    if (!isMap(d)) continue;
    const kind = str(get(d, 'kind'));
    const apiVersion = str(get(d, 'apiVersion'));
    if (!kind || apiVersion === undefined) continue;
    if (kind.endsWith('List') && isSeq(get(d, 'items'))) {
      out.push(...kubeObjects({ kind: 'seq', start: 0, end: d.end, items: items(get(d, 'items')) }));
      continue;
    }
    const meta = get(d, 'metadata');
    const nameNode = get(meta, 'name');
    const at = (nameNode?.kind === 'scalar' ? nameNode : get(d, 'kind')) as ScalarNode;
    out.push({ kind, apiVersion, name: str(nameNode) ?? '', namespace: str(get(meta, 'namespace')), node: d, nameNode: at });
  }
  return out;
}

/** Whether an object runs pods: a workload kind, or a Knative Service (serving.knative.dev). */
export function isWorkload(o: KubeObject): boolean {
  return WORKLOAD_KINDS.has(o.kind) || (o.kind === 'Service' && o.apiVersion.startsWith('serving.knative.dev'));
}

/** The pod template of a workload: `spec` of a Pod, `spec.jobTemplate.spec.template` of a CronJob, else `spec.template`. */
export function podTemplate(o: KubeObject): { spec?: DataNode; labels?: DataNode; annotations?: DataNode } {
  if (o.kind === 'Pod') return { spec: get(o.node, 'spec'), labels: get(get(o.node, 'metadata'), 'labels'), annotations: get(get(o.node, 'metadata'), 'annotations') };
  const tpl = o.kind === 'CronJob' ? get(get(get(get(o.node, 'spec'), 'jobTemplate'), 'spec'), 'template') : get(get(o.node, 'spec'), 'template');
  return { spec: get(tpl, 'spec'), labels: get(get(tpl, 'metadata'), 'labels'), annotations: get(get(tpl, 'metadata'), 'annotations') };
}

export interface ContainerNode {
  node: MapNode;
  name: string;
  init: boolean;
}

/** The containers (and init containers) of a pod spec. */
export function containersOf(spec: DataNode | undefined): ContainerNode[] {
  const out: ContainerNode[] = [];
  for (const [key, init] of [['containers', false], ['initContainers', true]] as const) {
    for (const c of items(get(spec, key))) if (isMap(c)) out.push({ node: c, name: str(get(c, 'name')) ?? '', init });
  }
  return out;
}

/** Labels as a plain map of strings. */
export function labelsOf(n: DataNode | undefined): Map<string, string> {
  return new Map(entries(n).map((e) => [e.key.text, str(e.value) ?? '']));
}

/** True when every label of the selector is on the pod (an empty selector selects nothing here). */
export function selects(selector: Map<string, string>, labels: Map<string, string>): boolean {
  if (!selector.size) return false;
  let all = true;
  selector.forEach((v, k) => (all &&= labels.get(k) === v));
  return all;
}

/** Jobs and CronJobs run to completion: no probes, replicas or Service traffic expected of them. */
export function runsToCompletion(o: KubeObject): boolean {
  return o.kind === 'Job' || o.kind === 'CronJob' || (o.kind === 'Pod' && /^(Never|OnFailure)$/.test(str(get(get(o.node, 'spec'), 'restartPolicy')) ?? ''));
}
