import { isDatastoreTool } from '../../compose/images';
import { memoByString } from '../../text/memo';
import { get, items, str, type DataNode } from '../../documents/tree';
import type { KubeContainer, KubeWorkload, ServiceNode } from '../../workspace/model';
import { containersOf, isWorkload, kubeObjects, podTemplate, runsToCompletion, type ContainerNode, type KubeObject } from '../../workspace/kubernetes/resources';
import type { RuleContext } from '../types';
import { idlesCommand } from '../../compose/ownWaits';

/** A workload written in the manifest being checked, with what the workspace model knows of it. */
export interface CheckedWorkload {
  object: KubeObject;
  containers: ContainerNode[];
  model?: ServiceNode;
  /** The file is a Kustomize patch: the object is partial, only what it sets can be checked. */
  patch: boolean;
  longRunning: boolean;
  /** It generates test traffic (isLoadGenerator) or only idles (a client box): test tooling, which the rules on running a service leave alone. */
  loadGenerator: boolean;
}

/** One list per analysis: every Kubernetes rule of a file reads the same (rules do not change it). */
const byAnalysis = new WeakMap<RuleContext, CheckedWorkload[]>();

export function checkedWorkloads(ctx: RuleContext): CheckedWorkload[] {
  let list = byAnalysis.get(ctx);
  if (!list) byAnalysis.set(ctx, (list = readWorkloads(ctx)));
  return list;
}

function readWorkloads(ctx: RuleContext): CheckedWorkload[] {
  const path = ctx.source.path;
  const patch = !!ctx.model?.patchFiles?.includes(path);
  // The model's workloads of this file by where they are named (first one wins, as a search in order would).
  const modelAt = new Map<number, ServiceNode>();
  for (const s of ctx.model?.services ?? []) if (s.origin === 'kubernetes' && s.location.path === path && !modelAt.has(s.location.start)) modelAt.set(s.location.start, s);
  return kubeObjects(ctx.data).filter((o) => isWorkload(o) && !isDuplicate(ctx, o) && !isHelmTestHookObject(o)).map((object) => ({
    object,
    containers: containersOf(podTemplate(object).spec),
    model: modelAt.get(object.nameNode.start),
    patch,
    longRunning: !runsToCompletion(object),
    loadGenerator: LOAD_TOOL.test(object.name) || containersOf(podTemplate(object).spec).some((c) => !c.init && isLoadGenerator(c.node)) || idles(containersOf(podTemplate(object).spec)),
  }));
}

/**
 * Pods whose every container only idles (`command: ["sleep", "infinity"]`, `tail -f /dev/null`): a client box people
 * `kubectl exec` into; it serves nothing and holds no work, so it is judged as a load generator is (no probe, limit or
 * replica findings).
 */
function idles(containers: ContainerNode[]): boolean {
  const main = containers.filter((c) => !c.init);
  return main.length > 0 && main.every((c) => idlesCommand([...items(get(c.node, 'command')), ...items(get(c.node, 'args'))].map((n) => str(n) ?? '').join(' ')));
}

/** A pod of `helm test` (rendered from a chart): it runs once when a release is tested and serves nothing. */
function isHelmTestHookObject(o: KubeObject): boolean {
  const hook = str(get(get(get(o.node, 'metadata'), 'annotations'), 'helm.sh/hook'));
  return !!hook && /(^|,)\s*test(-success|-failure)?\s*(,|$)/.test(hook);
}

/** An object of this file written first in another file (see the model's `duplicates`): reported there. */
export function isDuplicate(ctx: RuleContext, o: KubeObject): boolean {
  return !!ctx.model?.duplicates?.some((d) => d.path === ctx.source.path && d.start === o.node.start);
}

/**
 * Monitoring, identity and secret-store servers, object stores (MinIO, Garage, SeaweedFS), a durable-execution server
 * (Restate) and a log agent (Vector): infrastructure that keeps data by design, not an application; and a
 * vendor's local edition for development (`tinybird-local`) and an object store's client (`minio/mc`, `minio-client`).
 */
const INFRA = /(^|\/|[-_])([\w-]+-local|mc|minio-client|prometheus|alertmanager|grafana(-oss|-enterprise)?|loki|tempo|jaeger[\w-]*|jaegertracing\/[\w-]+|zipkin[\w-]*|kibana|heapster|cadvisor|kube-state-metrics|node-exporter|[\w-]*-exporter|thanos|mimir|victoria-?metrics[\w-]*|minio|garage|seaweedfs|restate|vector|vault|consul|keycloak|nexus[\w-]*|gitea|registry|jenkins|sonarqube|nginx-ingress[\w-]*|traefik|fluentd|fluent-bit|otel[\w-]*collector[\w-]*|(otel-)?lgtm|opentelemetry-collector[\w-]*|mailhog|mailpit|mailcatcher|smtp4dev|maildev|greenmail[\w-]*|geoserver|http-echo|echo-?server)(-(amd64|arm64|[a-z]*\d[\w.]*))?(:|@|$)/i;

/**
 * Cluster add-ons: ingress controllers and their default backend, the admission webhooks' certificate generator,
 * cert-manager, external-dns, metrics-server, the cluster autoscaler. Their manifests are a chart's output that the
 * chart's values configure, not workloads of the system.
 */
const ADDON = /(^|\/)(ingress-nginx\/[\w-]+|[\w-]*ingress[\w-]*controller[\w-]*|nginx-ingress[\w-]*|defaultbackend[\w-]*|kube-webhook-certgen|cert-manager[\w-]*|external-dns|metrics-server|cluster-autoscaler)(:|@|$)/i;

export function isInfrastructureImage(image: string | undefined): boolean {
  return !!image && infrastructure(image);
}

export function isClusterAddon(image: string | undefined): boolean {
  return !!image && ADDON.test(image);
}

const infrastructure = memoByString((image: string) => INFRA.test(image) || ADDON.test(image) || isDatastoreTool(image));

/**
 * An image of a telemetry collector or agent that applications send data to in the background
 * (`otel/opentelemetry-collector-contrib`, `jaegertracing/jaeger-agent`, `openzipkin/zipkin`), by its
 * own name: not an application instrumented for one (`ts-orders-service-with-jaeger`), nor a server people query
 * (Prometheus, Grafana).
 */
export function isTelemetryBackendImage(image: string | undefined): boolean {
  if (!image) return false;
  const path = image.replace(/[@:][^/]*$/, '').toLowerCase();
  const name = path.split('/').pop() ?? '';
  return /^(jaegertracing\/)?jaeger-(agent|collector)$|^jaegertracing\/all-in-one$/.test(path.replace(/^.*?(jaegertracing\/)/, '$1')) || /^(opentelemetry-collector[\w-]*|otel-?collector[\w-]*|otelcol[\w-]*|zipkin)$/.test(name);
}

/** A load-test tool (Locust, k6, Artillery, JMeter, Gatling, Vegeta, wrk) or a load generator: test traffic, not a service. */
const LOAD_TOOL = /^(([\w]+-)?load(-?gen(erator)?|-?test(er)?)?|locust|k6|artillery|jmeter|gatling|vegeta|wrk2?(-client)?)$/i;

/** Whether a name (a workload's, an image's last part, a build folder's) is a load-test tool's or a load generator's. */
export const isLoadToolName = (name: string): boolean => LOAD_TOOL.test(name);

export function isLoadGenerator(container: DataNode): boolean {
  const image = str(get(container, 'image')) ?? '';
  const name = image.replace(/[@:][^/]*$/, '').split('/').pop() ?? '';
  const command = [...items(get(container, 'command')), ...items(get(container, 'args'))].map((n) => str(n) ?? '')[0] ?? '';
  return LOAD_TOOL.test(name) || LOAD_TOOL.test(command.split('/').pop() ?? '');
}

/** The primary copy of a variant workload (see KubeWorkload.variantOf): a finding both share is reported there only. */
export function primaryOf(ctx: RuleContext, w: CheckedWorkload): ServiceNode | undefined {
  const at = w.model?.workload?.variantOf;
  return at && ctx.model?.services.find((s) => s.location.path === at.path && s.location.start === at.start);
}

/** Whether some container of the pod has a readiness and a liveness probe (overlays' patches included). */
export function podProbes(wl: KubeWorkload): { readiness: boolean; liveness: boolean } {
  const has = (key: 'readiness' | 'liveness') => wl.containers.some((c) => !!c[key] || c.patchedBy.some((p) => p[key]));
  return { readiness: has('readiness'), liveness: has('liveness') };
}

/** Whether a container has a memory limit and requests (limits stand in for requests), overlays' patches included. */
export function containerResources(c: KubeContainer): { memory: boolean; requests: boolean } {
  const memory = c.limits.includes('memory') || c.patchedBy.some((p) => p.memoryLimit);
  return { memory, requests: c.requests || c.limits.length > 0 || c.patchedBy.some((p) => p.requests || p.memoryLimit) };
}

/** The most replicas the workload runs with: spec.replicas (1 when absent), an overlay's patch, an autoscaler's minimum. */
export const replicasOf = (wl: KubeWorkload): number => Math.max(wl.replicas?.value ?? 1, wl.patchedReplicas ?? 0, wl.autoscalerMin?.value ?? 0);