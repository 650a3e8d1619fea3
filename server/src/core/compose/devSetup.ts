import { entries, get, isMap, items, str, type DataNode } from '../documents/tree';
import { commandText } from './command';

/** Commands of a dev server or a file watcher that rebuilds and restarts the code on each save. */
export const RELOADER = /(^|[\s/"'])(nodemon|reflex|air|CompileDaemon|watchmedo|ts-node-dev|gin|realize)(\s|$)|\breact-scripts\s+start\b|\b(next|nuxt|vite)\s+dev\b|--reload\b|\bnode\s+--watch\b|\btsx\s+watch\b|\bflask\s+run\b|\bmanage\.py\s+runserver\b|\bgo\s+run\b|\b(npm\s+run|yarn|pnpm)\s+(dev|serve|watch|start:dev)\b|\bng\s+serve\b|\bwebpack(-dev-server|\s+serve)\b|\bspring-boot:run\b|\bbootRun\b|\bquarkus:dev\b/;

/** A script named for development (`start_dev.sh`, `run-dev.sh`, `dev.sh`, `entrypoint.dev.sh`). */
const DEV_SCRIPT = /(^|[\s/"'])(?:[\w.-]*[-_.])?dev(?:[-_.][\w.-]*)?\.sh\b/;

/** Variables that name the environment the code runs in; `development`, `dev` and `local` name a developer's machine. */
const ENVIRONMENT_NAME = /^(?:[A-Z]+_)?(?:ENV|ENVIRONMENT|PROFILE|PROFILES_ACTIVE|STAGE)$/;
const DEVELOPMENT = /^(?:dev|development|local)$/i;

/** A service's environment as name and value pairs, from the map or the list form. */
function environmentPairs(environment: DataNode | undefined): (readonly [string, string])[] {
  return isMap(environment)
    ? entries(environment).map((e) => [e.key.text, str(e.value) ?? ''] as const)
    : items(environment).map((i) => (str(i) ?? '').split('=')).filter((kv) => kv.length >= 2).map(([k, ...v]) => [k, v.join('=')] as const);
}

function namesDevelopment(environment: DataNode | undefined): boolean {
  return environmentPairs(environment).some(([k, v]) => ENVIRONMENT_NAME.test(k.replace(/\./g, '_').toUpperCase()) && DEVELOPMENT.test(v.trim()));
}

/**
 * A compose service run from the host's source tree, as in development: a bind mount of a folder of the project
 * holds its `working_dir`, its command starts a dev server, a file watcher or a script named for development, or
 * its environment names itself development (`NODE_ENV=development`, `ENVIRONMENT=dev`). Production concerns of the
 * container itself (a restart policy, a memory limit) do not apply: the watcher outlives every crash of the code,
 * and the image carries no code to run elsewhere.
 */
export function runsFromSource(node: DataNode | undefined): boolean {
  if (!isMap(node)) return false;
  const command = commandText(node);
  if (RELOADER.test(command) || DEV_SCRIPT.test(command) || namesDevelopment(get(node, 'environment'))) return true;
  const workdir = str(get(node, 'working_dir'))?.replace(/\/+$/, '');
  if (!workdir) return false;
  return items(get(node, 'volumes')).some((v) => {
    const [source, target] = v.kind === 'map' ? [str(get(v, 'source')), str(get(v, 'target'))] : (str(v) ?? '').split(':');
    const mount = target?.replace(/\/+$/, '');
    return !!source && /^(?:\.\.?|\$\{?PWD\}?)(\/|$)/.test(source) && !!mount && (workdir === mount || workdir.startsWith(`${mount}/`));
  });
}

/** An image tagged with a development version: Maven's `-SNAPSHOT`, a build that was never released. */
const SNAPSHOT_TAG = /:[^/:]*-SNAPSHOT$/i;

/** A build of the Dockerfile's stage for development (`target: dev`, `development`, `local`, `debug`). */
const DEV_TARGET = /^(dev|development|local|debug)$/i;

/** The tag a service gives the image it builds, when it names a development build (`image: mealie:dev`). */
const DEV_BUILD_TAG = /:(dev|development|local)$/i;

export const runsDevelopmentBuild = (node: DataNode) =>
  runsFromSource(node) ||
  SNAPSHOT_TAG.test(str(get(node, 'image')) ?? '') ||
  // A target from a variable's default (`target: ${IMAGE_TARGET:-dev}`) builds that stage unless the variable is set.
  DEV_TARGET.test((str(get(get(node, 'build'), 'target')) ?? '').replace(/^\$\{\w+:?-([^}]*)\}$/, '$1')) ||
  (get(node, 'build') !== undefined && DEV_BUILD_TAG.test(str(get(node, 'image')) ?? ''));

/**
 * A component run in the mode its vendor documents for development only: Keycloak's `start-dev`, Vault's `server
 * -dev`, Ory's `serve --dev` (Kratos, Hydra, Keto), a `*_DEVMODE_ENABLED=true` switch (Axon Server), a playground
 * switched on (`OPENFGA_PLAYGROUND_ENABLED=true`, a query explorer for local development), Keycloak's
 * debug port. No deployment runs them so.
 */
const DEV_MODE_COMMAND = /(^|[\s"'])start-dev(\s|$|["'])|\bserver\s+-dev\b|\bserve\b[^\n]*\s--dev(\s|$|["'])/;
const DEV_MODE_VARIABLE = /^(?:[A-Z0-9]+_)*(?:DEVMODE|DEV_MODE|PLAYGROUND)(?:_ENABLED)?$|^KC_DEBUG$/;

/**
 * A broker that advertises itself on localhost (`KAFKA_ADVERTISED_LISTENERS: ...,PLAINTEXT_HOST://localhost:29092`)
 * on a port it publishes: its clients are expected to run on the host machine, which is a developer's setup. A
 * localhost listener on a port it does not publish is for the broker itself (its inter-broker listener).
 */
const ADVERTISED = /^(?:KAFKA_(?:CFG_)?ADVERTISED_LISTENERS|KAFKA_ADVERTISED_HOST_NAME|REDPANDA_ADVERTISE_KAFKA_ADDR)$/;
const LOCAL_ADDRESS = /(?:^|[\s,=/:])(?:localhost|127\.0\.0\.1)(?::(\d+))?(?=[\s,]|$)/g;

function advertisesToHost(node: DataNode, value: string): boolean {
  const published = items(get(node, 'ports')).map((p) => (isMap(p) ? str(get(p, 'published')) ?? str(get(p, 'target')) ?? '' : str(p) ?? ''));
  if (!published.length) return false;
  for (const m of value.matchAll(LOCAL_ADDRESS)) {
    // `29092:29092`, `127.0.0.1:29092:29092`, `29092`: the port on the host's side; no port named: any published one.
    if (!m[1] || published.some((p) => new RegExp(`(^|:)${m[1]}(:|$|-)`).test(p.replace(/\/\w+$/, '')))) return true;
  }
  return false;
}

export function runsInDevelopmentMode(node: DataNode | undefined): boolean {
  if (!isMap(node)) return false;
  if (DEV_MODE_COMMAND.test(commandText(node))) return true;
  if (environmentPairs(get(node, 'environment')).some(([k, v]) => ADVERTISED.test(k.toUpperCase()) && advertisesToHost(node, v))) return true;
  // Elasticsearch or OpenSearch with its security switched off: their documentation allows that only for local development.
  if (environmentPairs(get(node, 'environment')).some(([k, v]) => (/^xpack[._]security[._]enabled$/i.test(k) && /^false$/i.test(v.trim())) || (/^(plugins[._]security[._]disabled|DISABLE_SECURITY_PLUGIN)$/i.test(k) && /^true$/i.test(v.trim())))) return true;
  return environmentPairs(get(node, 'environment')).some(([k, v]) => DEV_MODE_VARIABLE.test(k.toUpperCase()) && /^(true|1|yes)$/i.test(v.trim()));
}

/**
 * A compose file for development: a component runs in its development mode, or every application it builds or runs
 * as a development version (a `-SNAPSHOT` image) is run from source or as such a version (at least one is). Its
 * datastores (an emulator built here among them), reverse proxies and tools are the developer's local copies
 * (`isTool`: not an application).
 */
export function isDevelopmentSetup(root: DataNode | undefined, isTool: (service: string) => boolean, fromSource: (service: string) => boolean = () => false): boolean {
  if (developmentModeMarksFile(root, isTool)) return true;
  const development = (e: { key: { text: string }; value: DataNode }) => runsDevelopmentBuild(e.value) || fromSource(e.key.text);
  const apps = entries(get(root, 'services')).filter((e) => isMap(e.value) && (get(e.value, 'build') !== undefined || development(e)) && !isTool(e.key.text));
  return apps.length > 0 && apps.every(development);
}

/** Restart policies that keep a container running across crashes and reboots. */
const KEPT_RUNNING = /^(always|unless-stopped)$/;

/**
 * Whether a component in its development mode marks the whole file as a development setup: yes, unless that
 * component is a datastore or a tool (`isTool`) beside an application that runs a released image and is kept running
 * (`restart: always`): the application shows a deployment, and a helper's mode (Elasticsearch without security in
 * Temporal's stack) is a choice inside it.
 */
export function developmentModeMarksFile(root: DataNode | undefined, isTool: (service: string) => boolean): boolean {
  const services = entries(get(root, 'services'));
  const inDevMode = services.filter((e) => runsInDevelopmentMode(e.value));
  if (!inDevMode.length) return false;
  if (inDevMode.some((e) => !isTool(e.key.text))) return true;
  return !services.some((e) => isMap(e.value) && !isTool(e.key.text) && get(e.value, 'build') === undefined && !!str(get(e.value, 'image')) && KEPT_RUNNING.test(str(get(e.value, 'restart')) ?? '') && !runsDevelopmentBuild(e.value));
}
