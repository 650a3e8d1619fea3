import { basename, dirname, sep } from 'node:path';
import { nameWords } from '../compose/testSetup';
import { datastoreKind, type DatastoreKind } from '../compose/images';
import { entries, get, isMap, str, toPlain, type DataNode } from '../documents/tree';
import type { ServiceNode, WorkspaceModel } from '../workspace/model';
import { isTelemetryBackend, isTelemetryImage } from '../workspace/observability';
import { isDevelopmentSetup } from '../compose/devSetup';
import { isReverseProxy } from '../compose/ownWaits';
import { commandText } from '../compose/command';
import { composeServices, type ComposeService } from './compose';
import { isInfrastructureImage, isLoadToolName } from './kubernetes/workloads';
import type { RuleContext } from './types';

/** A service written in the file being checked, with what the workspace model knows of it (overrides merged). */
export interface CheckedService extends ComposeService {
  model?: ServiceNode;
  /** The datastore it runs: from the model (image or Dockerfile), else from the image written here. */
  kind?: DatastoreKind;
  /** True when this file holds the service's main definition (findings about the whole service go there). */
  primary: boolean;
  /** The first service of this file written exactly like this one (a copy run beside it by hand, as a replica). */
  copyOf?: string;
  /** The later services of this file written exactly like this one. */
  copies?: string[];
}

/** The model's services by name and the `depends_on` users of each service id, built once per model (large files). */
interface ModelLookup {
  byName: Map<string, ServiceNode[]>;
  dependsOnUsers: Map<string, string[]>;
}
const lookups = new WeakMap<WorkspaceModel, ModelLookup>();

function lookup(model: WorkspaceModel): ModelLookup {
  let found = lookups.get(model);
  if (found) return found;
  const byName = new Map<string, ServiceNode[]>();
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => (map.get(key) ?? map.set(key, []).get(key)!).push(value);
  for (const m of model.services) add(byName, m.name, m);
  const nameById = new Map(model.services.map((m) => [m.id, m.name]));
  const dependsOnUsers = new Map<string, string[]>();
  for (const e of model.edges) if (e.source === 'depends_on') add(dependsOnUsers, e.to, nameById.get(e.from) ?? e.from);
  lookups.set(model, (found = { byName, dependsOnUsers }));
  return found;
}

/** The model's services with this name, in model order. */
export function modelServicesNamed(model: WorkspaceModel | undefined, name: string): readonly ServiceNode[] {
  return model ? (lookup(model).byName.get(name) ?? []) : [];
}

export function checkedServices(ctx: RuleContext): readonly CheckedService[] {
  if (!ctx.data) return [];
  let checked = checkedByAnalysis.get(ctx);
  if (!checked) {
    const path = ctx.source.path;
    const list: CheckedService[] = composeServices(ctx.data).map((s) => {
      const model = modelServicesNamed(ctx.model, s.name).find((m) => m.definitions.some((d) => d.path === path && d.start === s.key.start));
      return { ...s, model, kind: model?.datastore?.kind ?? datastoreKind(s.image), primary: !model || model.location.path === path };
    });
    markCopies(ctx, list);
    checked = list;
    checkedByAnalysis.set(ctx, checked);
  }
  return checked;
}

/**
 * Services whose definitions are the same once parsed (the name, indentation, quoting and key order aside) are copies of the first; so are
 * numbered nodes whose definitions differ only by their own number (`redis-node-1` with volume `data-1`).
 */
function markCopies(ctx: RuleContext, services: CheckedService[]): void {
  const first = new Map<string, CheckedService>();
  for (const s of services) {
    if (!isMap(s.node)) continue;
    const index = /[-_](\d+)$/.exec(s.name)?.[1];
    // Compared as parsed, so that indentation and quoting do not tell copies apart.
    const written = JSON.stringify(toPlain(s.node), sortedKeys);
    const body = index ? written.replace(new RegExp(`(?<=[-_])${index}(?![\\w.])`, 'g'), '#') : written;
    const original = first.get(body);
    if (!original) first.set(body, s);
    else {
      s.copyOf = original.name;
      (original.copies ??= []).push(s.name);
    }
  }
}

/** JSON.stringify's replacer that writes a map's keys in one order: the order they are written in does not matter. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** checkedServices per analysis: every compose rule of a file reads the same list. */
const checkedByAnalysis = new WeakMap<RuleContext, readonly CheckedService[]>();

/** Whether this compose file is a development setup: by its services (compose/devSetup.ts, datastores known from the model), or by its project (WorkspaceModel.projects). */
export function inDevelopmentSetup(ctx: RuleContext): boolean {
  let development = developmentByAnalysis.get(ctx);
  if (development === undefined) {
    const services = checkedServices(ctx);
    const tools = new Set(services.filter((s) => s.kind || s.model?.reverseProxy || isReverseProxy(s.image) || isInfrastructureImage(s.model?.baseImage)).map((s) => s.name));
    const fromSource = new Set(services.filter((s) => s.model?.fromSource).map((s) => s.name));
    const path = ctx.source.path;
    development =
      DEV_CONTAINER.test(path) ||
      buildsDevContainer(ctx) ||
      namedForDevelopment(path, ctx.model?.root) ||
      nameWords(str(get(ctx.data, 'name'))).some((w) => DEV_WORDS.has(w)) ||
      !!ctx.model?.projects.some((p) => p.development && p.files.includes(path)) ||
      isDevelopmentSetup(ctx.data, (name) => tools.has(name), (name) => fromSource.has(name)) ||
      onlyInfrastructure(ctx) ||
      buildsReleasedApps(ctx, services) ||
      saysNotForProduction(ctx.source.text);
    developmentByAnalysis.set(ctx, development);
  }
  return development;
}

const developmentByAnalysis = new WeakMap<RuleContext, boolean>();

/**
 * A file whose leading comments say it is not for production ("please do not use this configuration for production",
 * "for demo, development, and learning purposes only"): its authors' own word.
 */
function saysNotForProduction(text: string): boolean {
  const header = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(text)![0];
  const said = header.replace(/\s*\r?\n[ \t]*#\s*/g, ' ');
  // Or that say what the file is for, local development, with no word of production (`# Core local-dev stack: ...`).
  return NOT_FOR_PRODUCTION.test(said) || (LOCAL_DEVELOPMENT.test(said) && !/\bproduction\b/i.test(said));
}
const LOCAL_DEVELOPMENT = /\blocal[- ]dev(?:elopment)?\b/i;
const NOT_FOR_PRODUCTION = /\b(?:not|never)\b[^.]{0,50}\b(?:for|in)\s+(?:a\s+)?prod(?:uction)?\b|\b(?:demo|demonstration|development|testing|local development)\b[^.]{0,40}\b(?:only|purposes only)\b|\bnot\s+(?:meant|intended|suitable|ready)\s+for\s+prod(?:uction)?\b/i;

/**
 * A file run on its own that builds from source the applications a compose file beside it runs as released images
 * (`docker-compose.build.yml` beside `docker-compose.yml`): the developers' and CI's variant of that deployment.
 */
function buildsReleasedApps(ctx: RuleContext, services: readonly CheckedService[]): boolean {
  const path = ctx.source.path;
  const built = services.filter((s) => !s.kind && get(s.node, 'build') !== undefined);
  if (!built.length || !ctx.model) return false;
  return built.every((s) =>
    modelServicesNamed(ctx.model, s.name).some((m) => m.image && !m.build && dirname(m.location.path) === dirname(path) && !m.definitions.some((d) => d.path === path)),
  );
}

/** A dev container's compose file (VS Code and Codespaces start it for a developer). */
const DEV_CONTAINER = /(^|[\\/])\.devcontainer[\\/]/;

/** A compose file that builds a dev container's Dockerfile (`dockerfile: .devcontainer/Dockerfile`): a copy of that setup. */
function buildsDevContainer(ctx: RuleContext): boolean {
  return entries(get(ctx.data, 'services')).some((e) => {
    const build = get(e.value, 'build');
    return DEV_CONTAINER.test(`/${str(get(build, 'dockerfile')) ?? ''}`) || DEV_CONTAINER.test(`/${str(get(build, 'context')) ?? str(build) ?? ''}/`);
  });
}

/** Words of a compose file name that name a developer's setup (`compose-dev-backend.yml`, `docker-compose.local.yml`). */
const DEV_WORDS = new Set(['dev', 'development', 'developer', 'local']);
/** Folders of a developer's environment (`devenv/`, `dev-env/`, `hack/`: the Kubernetes projects' developer scripts). */
const DEV_FOLDER = /^\.?(devenv|devstack|dev[-_]env|dev[-_]?services|local[-_]?dev|hack)$/i;

/**
 * A compose file named for development, or kept in a folder named so, at any depth inside the workspace
 * (`docker/development/compose.yml`, `hack/dev/compression-test/docker-compose.yml`, `devenv/docker-compose.yml`).
 */
export function namedForDevelopment(path: string, root?: string): boolean {
  if (basename(path).toLowerCase().replace(/\.ya?ml$/, '').split(/[.\-_]+/).some((w) => DEV_WORDS.has(w))) return true;
  const inside = root && path.startsWith(root + sep) ? path.slice(root.length + 1).split(/[\\/]/).slice(0, -1) : [basename(dirname(path))];
  return inside.some((d) => DEV_WORDS.has(d.toLowerCase()) || DEV_FOLDER.test(d));
}

/** Keys of `deploy` that only an orchestrator (swarm) acts on; `resources` alone is honoured by plain compose too. */
const ORCHESTRATED = /^(replicas|mode|placement|update_config|rollback_config|restart_policy|endpoint_mode|labels)$/;

/** Whether a compose service is run by an orchestrator (a swarm stack's `deploy` beyond resources). */
export function isOrchestrated(node: DataNode | undefined): boolean {
  const deploy = get(node, 'deploy');
  return deploy?.kind === 'map' && deploy.entries.some((e) => ORCHESTRATED.test(e.key.text) && !isDefault(e.key.text, str(e.value)));
}

/** `deploy` keys that plain `docker compose` ignores: only `docker stack deploy` reads them. */
const SWARM_ONLY = /^(placement|update_config|rollback_config|endpoint_mode)$/;

/**
 * A file written for `docker stack deploy`: a service places its tasks, sets how they update, or runs in global
 * mode. Swarm restarts a failed task by default (`restart_policy.condition: any`) and ignores `restart:`.
 */
export function isSwarmStack(ctx: RuleContext): boolean {
  return checkedServices(ctx).some((s) => entries(get(s.node, 'deploy')).some((e) => SWARM_ONLY.test(e.key.text) || (e.key.text === 'mode' && str(e.value) === 'global')));
}

/** `mode: replicated` and `replicas: 1` say what plain compose does anyway. */
const isDefault = (key: string, value: string | undefined) => (key === 'mode' && value === 'replicated') || (key === 'replicas' && value === '1');

/**
 * A file of datastores, monitoring and tools only (no application built, run from source or pulled), and no swarm
 * stack: infrastructure started for applications that run elsewhere, on the host or from an IDE.
 */
function onlyInfrastructure(ctx: RuleContext): boolean {
  const services = checkedServices(ctx);
  // An image built on a vendor server's (`FROM mariadb`, `FROM keycloak` with config copied in) is that server.
  const vendorBuilt = (s: CheckedService) => !!s.kind || isInfrastructureImage(s.model?.baseImage);
  return services.length > 0 && services.every((s) => !isOrchestrated(s.node) && (get(s.node, 'build') === undefined || vendorBuilt(s)) && (!!s.kind || isInfrastructureImage(s.image ?? s.model?.baseImage) || isTelemetryImage(s.name, s.image)));
}

/**
 * A service with neither an image nor a build (here, through the services of this file it extends, or merged in
 * from its project): a base that other files' `extends: {file: ...}` complete, which never runs on its own.
 */
export function isExtendsBase(s: CheckedService, inFile: (name: string) => DataNode | undefined): boolean {
  if (s.model?.image || s.model?.build) return false;
  let node: DataNode | undefined = s.node;
  for (let step = 0; step < 5 && node; step++) {
    if (get(node, 'image') || get(node, 'build')) return false;
    const ext = get(node, 'extends');
    if (!ext) return true;
    // Extending a service of another file: what it brings is not known here.
    const from = str(ext) ?? (get(ext, 'file') ? undefined : str(get(ext, 'service')));
    if (!from) return false;
    node = inFile(from);
  }
  return false;
}

/** One-shot jobs by name: migrations, seeders, init containers, backups, tests; they are meant to exit. */
const ONE_SHOT = /(^|[-_])(migrat\w*|seed\w*|populate\w*|init|init-?db|db-?init|setup|bootstrap|test\w*|e2e|job|cron|backup|restore|build|cli|tools?)([-_]|$)/i;

/** A command whose script ends by exiting (`/bin/sh -c "mc mb store/public; exit 0;"`): it runs its steps and stops. */
const ENDS_WITH_EXIT = /\bexit(?:\s+0)?\s*;?\s*["']?\s*\]?\s*$/;

/** A name of a job that runs once (a migration, a seed, a setup or a backup). */
export const isOneShotName = (name: string): boolean => ONE_SHOT.test(name);

/**
 * Services of this file that run once and exit: named as a job, awaited by another service with
 * `condition: service_completed_successfully`, started only by a profile without publishing a port, or whose command
 * ends with `exit 0`.
 */
export function oneShotServices(ctx: RuleContext): Set<string> {
  let found = oneShotByAnalysis.get(ctx);
  if (!found) {
    found = new Set<string>();
    for (const s of checkedServices(ctx)) {
      const d = get(s.node, 'depends_on');
      for (const e of d?.kind === 'map' ? d.entries : []) if (str(get(e.value, 'condition')) === 'service_completed_successfully') found.add(e.key.text);
    }
    for (const s of checkedServices(ctx)) if (ONE_SHOT.test(s.name) || (s.model?.profiles.length && !s.model.ports.length && !s.model.expose.length) || isLoadGeneratorService(s) || ENDS_WITH_EXIT.test(commandText(s.node))) found.add(s.name);
    oneShotByAnalysis.set(ctx, found);
  }
  return found;
}

const oneShotByAnalysis = new WeakMap<RuleContext, Set<string>>();

/** A load generator (Locust, k6, ... by its name, its image's or its build folder's): test traffic run for a while, not a service. */
export function isLoadGeneratorService(s: ComposeService): boolean {
  const build = get(s.node, 'build');
  const context = str(build) ?? str(get(build, 'context'));
  const image = s.image?.replace(/[@:][^/]*$/, '').split('/').pop();
  return [s.name, image, context?.replace(/[\\/]+$/, '').split(/[\\/]/).pop()].some((n) => !!n && isLoadToolName(n));
}

/** Names of the services that `depends_on` this one, across every file of its project. */
export function dependents(ctx: RuleContext, s: CheckedService, local: Map<string, string[]>): string[] {
  const names = new Set(local.get(s.name) ?? []);
  if (ctx.model && s.model) {
    for (const n of lookup(ctx.model).dependsOnUsers.get(s.model.id) ?? []) names.add(n);
  }
  return [...names];
}

/**
 * A stock image run for its own command or entrypoint that serves nothing (no build, no ports, no expose): a script
 * such as a dashboard importer, which calls what it depends on as soon as it starts. `model`: the whole service when
 * this file only overrides part of it (its ports or build may sit in another file of the project).
 */
export function runsScript(node: DataNode | undefined, model?: ServiceNode): boolean {
  if (!isMap(node)) return false;
  if (model && (model.ports.length || model.expose.length || model.sourceDir)) return false;
  return !get(node, 'build') && !get(node, 'ports') && !get(node, 'expose') && !!(get(node, 'command') ?? get(node, 'entrypoint'));
}

/**
 * A monitoring or tracing back end (Prometheus, Grafana, Jaeger, Zipkin, a collector) that is not a datastore:
 * applications never wait on it (Prometheus scrapes them, spans are sent in the background), so waiting for it
 * to be ready serves them nothing (only a script that provisions it, see runsScript).
 */
export function isTelemetryService(s: Pick<CheckedService, 'name' | 'image' | 'model' | 'kind'>): boolean {
  if (s.kind) return false;
  return s.model ? isTelemetryBackend(s.model) : isTelemetryImage(s.name, s.image);
}

export type { DataNode };
