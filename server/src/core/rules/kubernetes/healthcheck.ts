import { datastoreKind, type DatastoreKind } from '../../compose/images';
import { get, items, str } from '../../documents/tree';
import type { KubeContainer } from '../../workspace/model';
import { podTemplate, type ContainerNode, type KubeObject } from '../../workspace/kubernetes/resources';
import { appendEntry, type Plain } from '../edits';
import type { Report, RuleContext } from '../types';
import { checkedWorkloads, isTelemetryBackendImage, podProbes, primaryOf } from './workloads';
import { renderedFromWorkspaceChart } from './rendered';
import { inLocalCluster } from './localCluster';

const PING: Partial<Record<DatastoreKind, string[]>> = {
  postgres: ['sh', '-c', 'pg_isready -U "${POSTGRES_USER:-postgres}"'],
  mysql: ['sh', '-c', 'mysqladmin ping -h 127.0.0.1'],
  redis: ['redis-cli', 'ping'],
  mongo: ['mongosh', '--quiet', '--eval', "db.adminCommand('ping')"],
  rabbitmq: ['rabbitmq-diagnostics', '-q', 'ping'],
};

/** A readiness probe: the datastore's own ping, an HTTP GET of the code's health route, else a TCP check of the port. */
function probeFor(c: ContainerNode, kind: DatastoreKind | undefined, route: string | undefined): Plain | undefined {
  const port = Number(str(get(items(get(c.node, 'ports'))[0], 'containerPort'))) || undefined;
  const timing = { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
  if (kind && PING[kind]) return { exec: { command: PING[kind]! }, ...timing };
  if (!port) return undefined;
  if (route && !kind) return { httpGet: { path: route, port }, ...timing };
  return { tcpSocket: { port }, ...timing };
}

/** A pod the Dapr injector gives its sidecar (`dapr.io/enabled: "true"` on the pod template). */
function daprSidecar(o: KubeObject): boolean {
  return str(get(podTemplate(o).annotations, 'dapr.io/enabled')) === 'true';
}

/** Kubernetes: a long-running pod none of whose containers has a readinessProbe (warning, when a Service sends it traffic) or a livenessProbe (information); reported on its first container. */
export function kubernetesHealthchecks(ctx: RuleContext): Report[] {
  if (renderedFromWorkspaceChart(ctx)) return []; // the chart's own checks report it
  if (inLocalCluster(ctx)) return []; // a local cluster's manifests: nobody relies on them staying up
  const out: Report[] = [];
  for (const w of checkedWorkloads(ctx)) {
    if (w.patch || !w.longRunning || w.loadGenerator) continue;
    // The pod is one unit: a sidecar beside a probed main container is not a finding of its own.
    const running = w.containers.filter((c) => !c.init);
    // A telemetry collector or agent gates no request: the applications send it data in the background, so only
    // its liveness matters.
    const telemetry = running.length > 0 && running.every((c) => isTelemetryBackendImage(str(get(c.node, 'image'))));
    const served = (!w.model || w.model.workload!.services.length > 0) && !telemetry;
    const probed = (c: ContainerNode, key: 'readinessProbe' | 'livenessProbe') => {
      const patched = w.model?.workload?.containers.find((x: KubeContainer) => x.name === c.name)?.patchedBy ?? [];
      return !!get(c.node, key) || patched.some((p) => (key === 'readinessProbe' ? p.readiness : p.liveness));
    };
    // Dapr injects its sidecar, probed for readiness, which is ready once its channel to the app is up.
    const readiness = running.some((c) => probed(c, 'readinessProbe')) || daprSidecar(w.object);
    const liveness = running.some((c) => probed(c, 'livenessProbe'));
    const needsReadiness = served && !readiness;
    if (!needsReadiness && liveness) continue;
    const primary = primaryOf(ctx, w)?.workload;
    if (primary && (primary.services.length > 0) === served && JSON.stringify(podProbes(primary)) === JSON.stringify({ readiness, liveness })) continue;
    for (const c of running.slice(0, 1)) {
      const image = str(get(c.node, 'image'));
      const kind = image && datastoreKind(image) === w.model?.datastore?.kind ? w.model?.datastore?.kind : w.model?.datastore?.via === 'manifest' && c === w.containers[0] ? w.model.datastore.kind : undefined;
      const who = `${kind ? `The ${kind} container` : 'Container'} '${c.name || w.object.name}' of ${w.object.kind} '${w.object.name}'`;
      const missing = needsReadiness ? (liveness ? 'no readinessProbe' : 'no readinessProbe and no livenessProbe') : 'no livenessProbe';
      const why = needsReadiness ? 'its Service sends traffic to pods that are not ready yet (at start-up, during a rollout) and keeps sending it when they hang' : 'a hung process is never restarted';
      const probe = needsReadiness ? probeFor(c, kind, w.model?.healthRoute) : undefined;
      const edit = probe ? appendEntry(ctx.source, c.node, 'readinessProbe', probe) : undefined;
      out.push({
        message: `${who} has ${missing}: ${why}`,
        at: get(c.node, 'name') ?? c.node,
        severity: needsReadiness ? undefined : 'information',
        fix: edit && { title: `Add a readinessProbe (${Object.keys(probe as object)[0]})`, edits: [edit] },
      });
    }
  }
  return out;
}
