import { get, isMap, items, str, type DataNode } from '../documents/tree';
import { dependsOn, type DatastoreKind } from './compose';
import { isAdminUi } from '../compose/images';
import { checkedServices, isLoadGeneratorService, dependents, inDevelopmentSetup, isOrchestrated, isTelemetryService, oneShotServices, runsScript, type CheckedService } from './composeModel';
import { dependencyConditions, usesNoOtherStore, waitHealthyEdit, waitingOnHealthy, waitsUnconditionally } from './composeDepends';
import { appendEntry } from './edits';
import { idlesForever, imageWaitsForClusterNodes, imageWaitsForZooKeeper, isConnectionPooler, isReverseProxy, waitsForItself } from '../compose/ownWaits';
import type { OffsetEdit, Report, Rule, RuleContext } from './types';
import type { WorkspaceModel } from '../workspace/model';
import { kubernetesHealthchecks } from './kubernetes/healthcheck';
import { helmHealthchecks } from './helm/checks';
import { copiesOf, pathInWorkspace } from '../compose/stackCopies';
import { reportedFirst } from './composeFileWide';

const PROBES: Partial<Record<DatastoreKind, string[]>> = {
  postgres: ['CMD-SHELL', 'pg_isready -U $${POSTGRES_USER:-postgres}'],
  mysql: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'],
  redis: ['CMD', 'redis-cli', 'ping'],
  mongo: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"],
  rabbitmq: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'],
  elasticsearch: ['CMD-SHELL', 'curl -fs http://localhost:9200/_cluster/health || exit 1'],
  cassandra: ['CMD-SHELL', 'cqlsh -e "describe keyspaces" || exit 1'],
};

/** True when the missing-healthcheck fix has a probe for this datastore (or it is an app service: HTTP). */
export function hasProbe(kind: DatastoreKind | undefined): boolean {
  return !kind || !!PROBES[kind];
}

/** The container port of a service, from `expose` or the right side of `ports`, for an HTTP probe. */
function containerPort(service: DataNode): string {
  for (const key of ['expose', 'ports']) {
    for (const p of items(get(service, key))) {
      const v = str(p) ?? str(get(p, 'target'));
      const m = v && /(\d+)(\/\w+)?$/.exec(v);
      if (m) return m[1];
    }
  }
  return '8080';
}

function healthcheckFor(kind: DatastoreKind | undefined, s: CheckedService): Record<string, string | string[] | number> {
  const route = s.model?.healthRoute ?? '/health';
  const test = (kind && PROBES[kind]) ?? ['CMD-SHELL', `wget -qO- http://localhost:${containerPort(s.node)}${route} || exit 1`];
  return { test, interval: '10s', timeout: '5s', retries: 5, start_period: '10s' };
}

function hasHealthcheck(s: CheckedService): boolean {
  if (s.model) return !!s.model.healthcheck && !s.model.healthcheck.disabled;
  const hc = get(s.node, 'healthcheck');
  if (!isMap(hc)) return false;
  const disable = get(hc, 'disable');
  return !(disable?.kind === 'scalar' && disable.value === true);
}

/** This file's services by name, and the ones that name each service in their `depends_on`. */
interface InFile {
  byName: Map<string, CheckedService>;
  users: Map<string, CheckedService[]>;
}

/**
 * The fix's edits beyond the healthcheck: the services of this file that wait on `s` with no chosen condition now
 * wait until it is healthy (with their other healthy dependencies), so one fix settles the one finding.
 */
function dependentsWaitHealthy(ctx: RuleContext, s: CheckedService, inFile: InFile): OffsetEdit[] {
  return (inFile.users.get(s.name) ?? [])
    .filter((d) => d !== s && waitsUnconditionally(d, s.name) && (!isTelemetryService(s) || runsScript(d.node, d.model)))
    .map((d) => waitHealthyEdit(ctx.source, d, [s.name, ...waitingOnHealthy(ctx, d, inFile.byName)]))
    .filter((e): e is OffsetEdit => !!e);
}

/**
 * Whether a dependent (of this file; one of another file is taken as waiting) needs `host` ready, not just started:
 * not when its own command already waits for it, nor when it is a reverse proxy or a monitoring back end, which
 * connect per request or per scrape.
 */
function waitsForReadiness(user: CheckedService | undefined, s: CheckedService, model?: WorkspaceModel): boolean {
  if (!user) return true;
  if (talksOnlyToOthers(user, s, model)) return false;
  if (s.kind === 'zookeeper' && imageWaitsForZooKeeper(user.image)) return false;
  // Memcached clients connect per request, never at start-up: its readiness gates nothing.
  if (s.kind === 'memcached') return false;
  if (imageWaitsForClusterNodes(user.image, user.model?.environment) || usesNoOtherStore(user, s.kind) || isConnectionPooler(user.image ?? user.model?.image?.value)) return false;
  // An admin or inspection UI (kafka-ui, pgAdmin, mongo-express) shows the datastore offline and reconnects by itself.
  if (isAdminUi(user.image)) return false;
  // A dev container or a CLI box that only idles (`sleep infinity`) runs nothing that needs `s` ready.
  if (idlesForever(user.node)) return false;
  // A server-rendered web front end (Next.js) calls an application per request: it needs it started, not ready.
  if (user.model?.webFrontEnd && !s.kind) return false;
  return !waitsForItself(user.node, s.name, user.model?.startupWaits) && !isReverseProxy(user.image) && !user.model?.reverseProxy && !isTelemetryService(user);
}

/**
 * A datastore's dependent whose datastore connections the model reads (its environment, code or config names
 * another datastore) and none of them names `s`: its `depends_on` on `s` is an ordering wish or a leftover (an app that lists ZooKeeper beside the
 * Kafka it really uses), not a readiness need.
 */
function talksOnlyToOthers(user: CheckedService, s: CheckedService, model?: WorkspaceModel): boolean {
  if (!model || !user.model || !s.model || !s.model.datastore) return false;
  // Only when its datastore connections are seen: it names another datastore (its settings are read), not this one.
  const datastores = datastoreIds(model);
  const talks = model.edges.filter((e) => e.from === user.model!.id && e.source !== 'depends_on' && datastores.has(e.to));
  return talks.length > 0 && !talks.some((e) => e.to === s.model!.id);
}

const datastoresByModel = new WeakMap<WorkspaceModel, Set<string>>();

/** The ids of the model's datastores, once per model. */
function datastoreIds(model: WorkspaceModel): Set<string> {
  let ids = datastoresByModel.get(model);
  if (!ids) datastoresByModel.set(model, (ids = new Set(model.services.filter((x) => x.datastore).map((x) => x.id))));
  return ids;
}

export const missingHealthcheck: Rule = {
  id: 'missing-healthcheck',
  kinds: ['compose', 'kubernetes', 'helm'],
  defaultSeverity: 'warning',
  title: 'A datastore or a service others depend on has no healthcheck',
  description:
    'Without a healthcheck, `depends_on` only waits for the container to start, not for the database or service to be ready, and orchestrators cannot restart it when it hangs. Add a healthcheck that probes readiness (pg_isready, redis-cli ping, an HTTP GET of /health).',
  check(ctx) {
    if (ctx.source.kind === 'helm') return helmHealthchecks(ctx);
    if (ctx.source.kind === 'kubernetes') return kubernetesHealthchecks(ctx);
    const services = checkedServices(ctx);
    const local = new Map<string, string[]>();
    const inFile: InFile = { byName: new Map(services.map((x) => [x.name, x])), users: new Map() };
    for (const s of services) {
      for (const d of new Set(dependsOn(s.node))) {
        (local.get(d) ?? local.set(d, []).get(d)!).push(s.name);
        (inFile.users.get(d) ?? inFile.users.set(d, []).get(d)!).push(s);
      }
    }
    const reports: Report[] = [];
    // A script that provisions monitoring (a dashboard importer) depends on monitoring alone; an application run from
    // a prebuilt image for its entrypoint (`entrypoint: SocialGraphService`) also depends on its datastores.
    const provisions = (u: CheckedService | undefined) => !!u && runsScript(u.node, u.model) && dependsOn(u.node).every((d) => { const x = inFile.byName.get(d); return !!x && isTelemetryService(x); });
    const usersOf = (s: CheckedService) => {
      // Applications send a monitoring back end data in the background; only a script provisioning it waits on it.
      // A load generator that starts early logs a few failed requests: it needs nobody ready.
      const all = dependents(ctx, s, local).filter((u) => waitsForReadiness(inFile.byName.get(u), s, ctx.model) && !(inFile.byName.has(u) && isLoadGeneratorService(inFile.byName.get(u)!)));
      return isTelemetryService(s) ? all.filter((u) => provisions(inFile.byName.get(u))) : all;
    };
    const covered = new Set<string>();
    // A job that runs once is awaited to completion, not readiness.
    const oneShot = oneShotServices(ctx);
    // A file that builds no application holds datastores for applications run elsewhere (an IDE, another file); not
    // a swarm stack (`deploy`), whose orchestrator replaces a task by its health.
    const standalone = !services.some((x) => get(x.node, 'build') !== undefined || isOrchestrated(x.node) || !!x.model?.sourceDir);
    // A dependent that waits until the service is healthy shows its image has a HEALTHCHECK: compose refuses to start
    // a wait for the health of a container that has none.
    const awaitedHealthy = (s: CheckedService) => (inFile.users.get(s.name) ?? []).some((u) => dependencyConditions(u)?.get(s.name) === 'service_healthy');
    for (const s of services) {
      const kind = s.kind;
      const users = usersOf(s);
      // A datastore nobody waits on matters for its readiness only beside the applications that use it, and not on a
      // developer's machine.
      // On a developer's machine an application's callers call it per request: its readiness gates nothing there.
      if ((!users.length && (!kind || standalone || inDevelopmentSetup(ctx))) || (!kind && inDevelopmentSetup(ctx)) || !s.primary || covered.has(s.name) || oneShot.has(s.name) || hasHealthcheck(s) || awaitedHealthy(s)) continue;
      // The same service in a copy of the stack kept elsewhere (another folder's compose file, a variant beside this
      // one), with no healthcheck there either, is one decision: reported in the first file, naming the others.
      const model = ctx.model;
      const elsewhere = copiesOf(model, s.model, (o) => !o.healthcheck);
      if (elsewhere.some((o) => reportedFirst(o.location.path, ctx.source.path))) continue;
      const what = kind ? `${kind} datastore '${s.name}'` : `Service '${s.name}'`;
      // Dependents that each wait for it themselves (`wait-for-it db:5432`) show readiness is handled: information only.
      const selfWaiting = !users.length && kind ? dependents(ctx, s, local).filter((u) => { const x = inFile.byName.get(u); return !!x && waitsForItself(x.node, s.name, x.model?.startupWaits); }) : [];
      const why = users.length ? `${users.join(', ')} depend${users.length === 1 ? 's' : ''} on it but can only wait for its container to start, not for it to be ready` : selfWaiting.length ? `${selfWaiting.join(', ')} wait${selfWaiting.length === 1 ? 's' : ''} for it ${selfWaiting.length === 1 ? 'itself' : 'themselves'}, but nothing else can tell when it is ready or hung` : 'nothing can tell when it is ready or hung';
      // A datastore without a known probe gets no fix: an HTTP probe of it would never pass.
      // Copies of the service (replicas written out by hand) share the finding and the fix.
      const copies = (s.copies ?? []).map((n) => inFile.byName.get(n)!).filter((c) => c?.primary && isMap(c.node) && usersOf(c).join() === users.join());
      for (const c of copies) covered.add(c.name);
      const edit = hasProbe(kind) && isMap(s.node) ? appendEntry(ctx.source, s.node, 'healthcheck', healthcheckFor(kind, s)) : undefined;
      const copyEdits = edit ? copies.map((c) => (isMap(c.node) ? appendEntry(ctx.source, c.node, 'healthcheck', healthcheckFor(kind, c)) : undefined)).filter((e): e is OffsetEdit => !!e) : [];
      const waits = edit && !copies.length ? dependentsWaitHealthy(ctx, s, inFile) : [];
      const route = s.model?.healthRoute ?? '/health';
      const also = (copies.length ? `, nor ${copies.length === 1 ? 'has' : 'have'} ${copies.map((c) => `'${c.name}'`).join(', ')}, written the same` : '') + (elsewhere.length ? ` (nor in ${elsewhere.length === 1 ? 'the copy' : `the ${elsewhere.length} copies`} of this stack in ${[...new Set(elsewhere.map((o) => pathInWorkspace(o.location.path, model?.root)))].join(', ')})` : '');
      reports.push({
        message: `${what[0].toUpperCase()}${what.slice(1)} has no healthcheck${also}: ${why}`,
        at: s.key,
        ...(selfWaiting.length ? { severity: 'information' as const } : {}),

        ...(copies.length || elsewhere.length ? { related: [...copies.map((c) => ({ at: { start: c.key.start, end: c.key.end }, message: `'${c.name}' is written the same as '${s.name}'` })), ...elsewhere.map((o) => ({ path: o.location.path, range: o.location.range, message: `'${o.name}' written the same in another copy of this stack` }))] } : {}),
        fix: edit && { title: `Add a ${kind ? `${kind} readiness` : `HTTP ${route}`} healthcheck${copies.length ? ' to it and the services written the same' : ''}${waits.length ? ' and make its dependents wait until it is healthy' : ''}`, edits: [edit, ...copyEdits, ...waits] },
      });
    }
    return reports;
  },
};
