import { isBackendCode, isTestFile } from '../code/common';
import { entries, get, str, type DataNode } from '../documents/tree';
import { datastoreKind, isDatastoreTool } from '../compose/images';
import { hostTableOf } from '../workspace/deploymentChecks';
import { hostProblems, type HostProblem } from '../workspace/hosts';
import type { KeyValue } from '../workspace/connections';
import type { Location, WorkspaceModel } from '../workspace/model';
import { perModel } from './system/perModel';
import type { Report, Rule } from './types';

/** The variables written in each deployment file (compose `environment`, Kubernetes `env` values and ConfigMap data), each once. */
function deploymentValuesByPath(model: WorkspaceModel): Map<string, KeyValue<Location>[]> {
  const out = new Map<string, Map<number, KeyValue<Location>>>();
  for (const s of model.services) {
    if (s.datastore || isDatastoreTool(s.image?.value)) continue;
    for (const e of s.environment) {
      if (e.value === undefined || (e.from !== 'environment' && e.from !== 'configmap')) continue;
      const inFile = out.get(e.location.path) ?? out.set(e.location.path, new Map()).get(e.location.path)!;
      if (!inFile.has(e.location.start)) inFile.set(e.location.start, { name: e.name, value: e.value, location: e.location });
    }
  }
  return new Map([...out].map(([path, values]) => [path, [...values.values()]]));
}

function message(p: HostProblem, count: number): string {
  const where = p.via ? ` (${p.via})` : '';
  const more = count > 1 ? ` It is named ${count} times in this file.` : '';
  if (p.port !== undefined) {
    const served = p.served?.length ? `it serves ${p.served.join(', ')}` : 'that port is only published on the host, not served inside the network';
    return `'${p.host}:${p.port}'${where} calls a service of this workspace on a port it does not serve: ${served}. Call it on its service port.${more}`;
  }
  const store = vendorInstalled(p.host, p.via);
  if (store === 'telemetry back end') return `Host '${p.host}'${where} is deployed by no manifest of this workspace: a telemetry back end installed from its vendor's chart or an agent DaemonSet? If nothing deploys it, the spans or metrics sent to it are lost (requests are not affected).${more}`;
  if (store) return `Host '${p.host}'${where} is deployed by no manifest of this workspace: a ${store} installed from a vendor chart or an operator? If nothing else deploys it, calls to it fail with a name-resolution error.${more}`;
  return `Host '${p.host}'${where} is no service of this workspace's deployments (no compose service, alias or Kubernetes Service answers to it): calls to it fail with a name-resolution error. Use the name the service is deployed under, or deploy it.${more}`;
}

/** The first top-level network of a compose file that another stack creates (`external: true`, or `external: {name: x}`). */
function externalNetwork(root: DataNode | undefined): string | undefined {
  const found = entries(get(root, 'networks')).find((e) => {
    const ext = get(e.value, 'external');
    return ext?.kind === 'map' || str(ext) === 'true';
  });
  return found?.key.text;
}

/**
 * A cluster name (`rabbitmq.default.svc.cluster.local`) whose service is a datastore or broker by its name: such
 * services are usually installed from a vendor's chart or an operator, outside the workspace's manifests.
 */
function vendorInstalled(host: string, via?: string): string | undefined {
  const [name, ...rest] = host.split('.');
  if (rest.length && datastoreKind(name)) return datastoreKind(name);
  // A tracing or metrics back end (`jaeger.default.svc.cluster.local` in JAEGER_AGENT_HOST): installed from its
  // vendor's chart or agent DaemonSet, and its clients send in the background.
  if (TELEMETRY_HOST.test(name) || TELEMETRY_VARIABLE.test(via ?? '')) return 'telemetry back end';
  return undefined;
}

const TELEMETRY_HOST = /^(jaeger[\w-]*|zipkin[\w-]*|tempo[\w-]*|otel[\w-]*collector[\w-]*|opentelemetry-collector[\w-]*|grafana-agent[\w-]*|alloy|datadog-agent|dd-agent)$/i;
const TELEMETRY_VARIABLE = /^(JAEGER_|OTEL_EXPORTER_|ZIPKIN_|DD_AGENT_HOST$|DD_TRACE_AGENT)/i;

/**
 * An internal host (a single-label name, or a cluster name in one of the workspace's namespaces) that code or a
 * deployment calls, and that no service of the workspace's compose or Kubernetes definitions answers to, or that
 * it calls on a port the service does not serve. One finding per host (and port) and file, on its first mention.
 */
export const unknownServiceHost: Rule = {
  id: 'unknown-service-host',
  kinds: ['compose', 'kubernetes', 'python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'warning',
  title: 'Code or configuration calls a host that no service of the workspace defines',
  description:
    "A call to an internal host only resolves when a service of the deployment answers to that name (a compose service, container_name, hostname or network alias, or a Kubernetes Service) and serves that port. A misspelt or renamed host, or a published host port used inside the network, fails at run time. Use the deployed service's name and port.",
  check(ctx) {
    let problems: HostProblem[];
    if (ctx.source.kind === 'compose' || ctx.source.kind === 'kubernetes') {
      if (!ctx.model?.services.length || isTestFile(ctx)) return [];
      const model = ctx.model;
      problems = hostProblems(perModel(model, 'deployment-values', () => deploymentValuesByPath(model)).get(ctx.source.path) ?? [], hostTableOf(model));
    } else {
      const checks = ctx.workspace.deployment?.of(ctx.source.path);
      if (!checks?.hosts.length || !isBackendCode(ctx)) return [];
      problems = checks.hosts;
    }
    // A compose file that joins a network another stack made (`networks: {shared: {external: true}}`) reaches the
    // services of that stack by name: a host none of this workspace defines may be one of them.
    const external = ctx.source.kind === 'compose' ? externalNetwork(ctx.data) : undefined;
    const byHost = new Map<string, HostProblem[]>();
    for (const p of problems) {
      const key = `${p.host}|${p.port ?? ''}`;
      byHost.set(key, [...(byHost.get(key) ?? []), p]);
    }
    return [...byHost.values()].map((list): Report => {
      const [first] = list.sort((a, b) => a.location.start - b.location.start);
      if (external && first.port === undefined) {
        const where = first.via ? ` (${first.via})` : '';
        return { message: `Host '${first.host}'${where} is no service of this workspace's deployments, and this file joins the external network '${external}': another stack on that network may serve it. If none does, calls to it fail with a name-resolution error.`, at: { start: first.location.start, end: first.location.end }, severity: 'information' };
      }
      return { message: message(first, list.length), at: { start: first.location.start, end: first.location.end }, ...(first.port === undefined && vendorInstalled(first.host, first.via) ? { severity: 'information' as const } : {}) };
    });
  },
};
