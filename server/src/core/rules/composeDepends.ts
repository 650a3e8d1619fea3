import { entries, entry, get, isMap, isSeq, items, str, toPlain } from '../documents/tree';
import type { SourceFile } from '../documents/source';
import type { ComposeService } from './compose';
import { datastoreKind, isDatastoreTool } from '../compose/images';
import { isTelemetryService, modelServicesNamed, runsScript, type CheckedService } from './composeModel';
import { appendEntry, type Plain } from './edits';
import { imageWaitsForClusterNodes, needsReadyDependencies, waitsForItself } from '../compose/ownWaits';
import type { OffsetEdit, RuleContext } from './types';

/** Conditions that are a choice: waiting for health, for a job's success, or (explicitly) only for the start. */
const CHOSEN = ['service_healthy', 'service_completed_successfully', 'service_started'];

/** The condition written for each dependency of a service's own `depends_on` (undefined: the short form, none). */
export function dependencyConditions(s: ComposeService): Map<string, string | undefined> | undefined {
  const e = entry(s.node, 'depends_on');
  if (!e || e.merged) return undefined;
  const names = isSeq(e.value) ? items(e.value).map(str).filter((x): x is string => !!x) : entries(e.value).map((x) => x.key.text);
  return new Map(names.map((n) => [n, str(get(get(e.value, n), 'condition'))]));
}

/**
 * Rewrites a service's `depends_on` to the long form, with `condition: service_healthy` for the named dependencies;
 * the others keep their condition (service_started when none was written) and every other key.
 */
export function waitHealthyEdit(source: SourceFile, s: ComposeService, healthy: string[]): OffsetEdit | undefined {
  const conditions = dependencyConditions(s);
  const e = entry(s.node, 'depends_on');
  if (!conditions || !e || !isMap(s.node)) return undefined;
  const value: Record<string, Plain> = {};
  for (const [n, condition] of conditions) {
    const old = isMap(get(e.value, n)) ? (toPlain(get(e.value, n)) as Record<string, Plain>) : {};
    value[n] = { ...old, condition: healthy.includes(n) ? 'service_healthy' : (condition ?? 'service_started') };
  }
  return appendEntry(source, s.node, 'depends_on', value);
}

/** Whether a service has a healthcheck now (from the model, overrides merged, or as written here). */
function hasHealthcheckNow(written: ComposeService | undefined, model: { healthcheck?: { disabled: boolean } } | undefined): boolean {
  if (model?.healthcheck) return !model.healthcheck.disabled;
  const hc = written && get(written.node, 'healthcheck');
  return isMap(hc) && get(hc, 'disable') === undefined;
}

/**
 * The dependencies a service waits on with no chosen condition although they have a healthcheck, so
 * `condition: service_healthy` would work now; none for an admin tool. One without a healthcheck is missing-healthcheck's finding; a
 * monitoring or tracing back end is nothing to wait for, except for a script that provisions it.
 */
export function waitingOnHealthy(ctx: RuleContext, s: CheckedService, inFile: Map<string, ComposeService>): string[] {
  const conditions = dependencyConditions(s);
  // An admin tool (Adminer, pgAdmin, a Kafka UI) connects when a person uses it, not at its start; a reverse proxy
  // connects per request; a container that only idles (`sleep infinity`) runs nothing that needs them.
  if (!conditions || !needsReadyDependencies(s.node, s.image, !!s.model?.reverseProxy, isDatastoreTool)) return [];
  const modelOf = (n: string) => modelServicesNamed(ctx.model, n).find((m) => !s.model || m.project === s.model.project);
  const telemetry = (n: string) => {
    if (runsScript(s.node, s.model)) return false;
    const model = modelOf(n);
    const image = inFile.get(n)?.image;
    return isTelemetryService({ name: n, image, model, kind: model ? model.datastore?.kind : datastoreKind(image) });
  };
  // A dependent whose own command waits until the dependency answers (`until nc -z kafka 9092`) starts its work when it is ready.
  const waitsItself = (n: string) => waitsForItself(s.node, n, s.model?.startupWaits) || imageWaitsForClusterNodes(s.image, s.model?.environment);
  // A datastore run from its stock image talks to its own kind (replicas) and to coordination services, never to
  // another kind of datastore (ClickHouse listed after Postgres): such a dependency is an ordering wish.
  const unrelatedStore = (n: string) => usesNoOtherStore(s, modelOf(n)?.datastore?.kind ?? datastoreKind(inFile.get(n)?.image));
  // A server-rendered web front end (Next.js) calls the applications it depends on per request, as a proxy does.
  const calledPerRequest = (n: string) => !!s.model?.webFrontEnd && !(modelOf(n)?.datastore ?? datastoreKind(inFile.get(n)?.image));
  return [...conditions].filter(([n, c]) => !CHOSEN.includes(c ?? '') && hasHealthcheckNow(inFile.get(n), modelOf(n)) && !telemetry(n) && !waitsItself(n) && !unrelatedStore(n) && !calledPerRequest(n)).map(([n]) => n);
}

/** Services that other datastores use to elect, configure or find each other. */
const COORDINATION = new Set(['zookeeper', 'etcd']);

/**
 * Whether `user`, a datastore run from its stock image (not built here), has no use for a datastore of kind
 * `other`: it talks to its own kind (replicas) and to coordination services, never to another kind of datastore.
 */
export function usesNoOtherStore(user: CheckedService, other: string | undefined): boolean {
  return !!user.kind && !!other && user.kind !== other && !COORDINATION.has(other) && !user.model?.sourceDir && !get(user.node, 'build');
}

/** Whether a service waits on `dependency` without a chosen condition (the short form, or a map entry without one). */
export function waitsUnconditionally(s: ComposeService, dependency: string): boolean {
  const conditions = dependencyConditions(s);
  return !!conditions?.has(dependency) && !CHOSEN.includes(conditions.get(dependency) ?? '');
}
