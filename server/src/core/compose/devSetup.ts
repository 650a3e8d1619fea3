import { entries, get, isMap, items, str, type DataNode } from '../documents/tree';

/** Commands of a dev server or a file watcher that rebuilds and restarts the code on each save. */
const RELOADER = /(^|[\s/"'])(nodemon|reflex|air|CompileDaemon|watchmedo|ts-node-dev|gin|realize)(\s|$)|--reload\b|\bnode\s+--watch\b|\btsx\s+watch\b|\bflask\s+run\b|\bmanage\.py\s+runserver\b|\bgo\s+run\b|\b(npm\s+run|yarn|pnpm)\s+(dev|serve|watch|start:dev)\b|\bng\s+serve\b|\bwebpack(-dev-server|\s+serve)\b|\bspring-boot:run\b|\bbootRun\b|\bquarkus:dev\b/;

/** A script named for development (`start_dev.sh`, `run-dev.sh`, `dev.sh`, `entrypoint.dev.sh`). */
const DEV_SCRIPT = /(^|[\s/"'])(?:[\w.-]*[-_.])?dev(?:[-_.][\w.-]*)?\.sh\b/;

/** Variables that name the environment the code runs in; `development`, `dev` and `local` name a developer's machine. */
const ENVIRONMENT_NAME = /^(?:[A-Z]+_)?(?:ENV|ENVIRONMENT|PROFILE|PROFILES_ACTIVE|STAGE)$/;
const DEVELOPMENT = /^(?:dev|development|local)$/i;

function namesDevelopment(environment: DataNode | undefined): boolean {
  const pairs = isMap(environment)
    ? entries(environment).map((e) => [e.key.text, str(e.value) ?? ''] as const)
    : items(environment).map((i) => (str(i) ?? '').split('=')).filter((kv) => kv.length >= 2).map(([k, ...v]) => [k, v.join('=')] as const);
  return pairs.some(([k, v]) => ENVIRONMENT_NAME.test(k.replace(/\./g, '_').toUpperCase()) && DEVELOPMENT.test(v.trim()));
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
  const command = [get(node, 'command'), get(node, 'entrypoint')].map((n) => (n?.kind === 'seq' ? items(n).map((i) => str(i) ?? '').join(' ') : (str(n) ?? ''))).join(' ');
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

export const runsDevelopmentBuild = (node: DataNode) => runsFromSource(node) || SNAPSHOT_TAG.test(str(get(node, 'image')) ?? '');

/**
 * A compose file for development: every application it builds, runs from the host's source tree or runs as a
 * development version (a `-SNAPSHOT` image) is run from source or as such a version (at least one is). Its
 * datastores (an emulator built here among them) and tools are the developer's local copies.
 */
export function isDevelopmentSetup(root: DataNode | undefined, isDatastore: (service: string) => boolean): boolean {
  const apps = entries(get(root, 'services')).filter((e) => isMap(e.value) && (get(e.value, 'build') !== undefined || runsDevelopmentBuild(e.value)) && !isDatastore(e.key.text));
  return apps.length > 0 && apps.every((e) => runsDevelopmentBuild(e.value));
}
