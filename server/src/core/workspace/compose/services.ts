import { basename, dirname } from 'node:path';
import { datastoreByShape } from '../datastoreShape';
import { datastoreCategory, datastoreKind, DEFAULT_DATABASE, DEFAULT_DATABASE_ENV, knownDatastoreImage, shipsHealthcheck } from '../../compose/images';
import { interpolate, type Env } from '../../compose/interpolate';
import { parseDotenv } from '../../compose/dotenv';
import { resolveFrom, type ComposeFile, type ComposeProject, type ServiceDef } from '../../compose/project';
import { entries, get, isMap, isScalar, items, str, type DataNode } from '../../documents/tree';
import { LineIndex } from '../../text/lineIndex';
import { dockerfileFrom } from '../codeScan';
import { dockerfileHealthcheck } from './dockerfileHealth';
import { readBuild, readPulledFrontEnd } from './fromSource';
import { commandText } from '../../compose/command';
import { idlesCommand } from '../../compose/ownWaits';
import type { EnvVar, Located, Location, ServiceNode } from '../model';

export interface ServiceIo {
  text(path: string): Promise<string | undefined>;
  /** Files read along the way (env files, Dockerfiles), so a change of them rebuilds the model. */
  touched: Set<string>;
}

export function locate(file: ComposeFile, node: { start: number; end: number }): Location {
  return { path: file.path, start: node.start, end: node.end, range: file.lines.rangeOf(node.start, node.end) };
}

/**
 * The definition a fix about the whole service belongs in: the main file's, else the first that gives it an image
 * or a build (an included file), not an overlay that only adds settings; else the last one.
 */
function homeDefinition(project: ComposeProject, name: string, defs: ServiceDef[]): ServiceDef {
  const own = defs.filter((d) => d.name === name);
  return own.find((d) => d.file.path === project.main) ?? own.find((d) => get(d.node, 'image') || get(d.node, 'build')) ?? defs[defs.length - 1];
}

/** One compose service with its definitions merged (later files win, lists concatenate, maps merge by key). */
export async function resolveService(project: ComposeProject, name: string, defs: ServiceDef[], io: ServiceIo): Promise<ServiceNode> {
  const env: Env = project.env;
  const home = homeDefinition(project, name, defs);
  const s: ServiceNode = {
    id: name, name, project: project.main, location: locate(home.file, home.key),
    definitions: defs.map((d) => locate(d.file, d.key)), hostnames: [name], environment: [], ports: [], expose: [], volumes: [], dependsOn: [], limits: [], profiles: [], databases: [],
  };
  const vars = new Map<string, EnvVar>();
  let command = '';
  for (const { file, node } of defs) {
    command = commandText(node).trim() || command;
    const L = (n: DataNode): Located => ({ value: interpolate(str(n) ?? '', env), location: locate(file, n) });
    const image = get(node, 'image');
    if (str(image)) {
      s.image = L(image!);
      const used = [...(str(image) ?? '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]).filter((v) => env.has(v));
      if (used.length) s.imageFromDotenv = Object.fromEntries(used.map((v) => [v, env.get(v)!]));
      else delete s.imageFromDotenv;
    }
    const build = get(node, 'build');
    if (build) {
      const context = str(build) ?? str(get(build, 'context')) ?? '.';
      const dockerfile = str(get(build, 'dockerfile'));
      const target = str(get(build, 'target'));
      const from = await pwdOf(file.path, context, dockerfile, env, io);
      s.build = { context: resolveFrom(from, interpolate(env.has('PWD') ? context : context.replace(PWD, '.'), env)), dockerfile: dockerfile && interpolate(dockerfile, env), ...(target ? { target: interpolate(target, env) } : {}), location: locate(file, build) };
    }
    for (const key of ['container_name', 'hostname']) if (str(get(node, key))) s.hostnames.push(interpolate(str(get(node, key))!, env));
    for (const n of entries(get(node, 'networks'))) for (const a of items(get(n.value, 'aliases'))) if (str(a)) s.hostnames.push(str(a)!);
    const extra = [...items(get(node, 'extra_hosts')).map((h) => str(h)?.split(/[:=]/)[0]), ...entries(get(node, 'extra_hosts')).map((e) => e.key.text), ...[...items(get(node, 'links')), ...items(get(node, 'external_links'))].map((l) => str(l)?.split(':').pop())];
    for (const h of extra) if (h) (s.extraHosts ??= []).push(h.trim());
    for (const ef of envFiles(get(node, 'env_file'))) {
      const path = resolveFrom(file.path, interpolate(ef, env));
      io.touched.add(path);
      const text = await io.text(path);
      if (text === undefined) {
        s.environmentOpen = true;
        continue;
      }
      const lines = new LineIndex(text);
      for (const e of parseDotenv(text)) {
        vars.set(e.key, { name: e.key, value: interpolate(e.value, env), raw: e.value, from: 'env_file', location: { path, start: e.keyStart, end: e.valueEnd, range: lines.rangeOf(e.keyStart, e.valueEnd) } });
      }
    }
    const environment = get(node, 'environment');
    for (const e of entries(environment)) {
      const raw = isScalar(e.value) && e.value.value !== null ? String(e.value.value) : undefined;
      vars.set(e.key.text, { name: e.key.text, raw, value: raw === undefined ? undefined : interpolate(raw, env), from: 'environment', location: locate(file, { start: e.key.start, end: Math.max(e.key.end, e.value.end) }) });
    }
    for (const it of items(environment)) {
      const text = str(it);
      if (!text) continue;
      const eq = text.indexOf('=');
      const key = eq < 0 ? text : text.slice(0, eq);
      const raw = eq < 0 ? undefined : text.slice(eq + 1);
      vars.set(key, { name: key, raw, value: raw === undefined ? undefined : interpolate(raw, env), from: 'environment', location: locate(file, it) });
    }
    for (const [k, list] of [['ports', s.ports], ['expose', s.expose], ['volumes', s.volumes]] as const) {
      for (const p of items(get(node, k))) list.push(isMap(p) ? { value: longSyntax(p, k), location: locate(file, p) } : L(p));
    }
    const deps = get(node, 'depends_on');
    for (const d of items(deps)) if (str(d)) s.dependsOn.push({ service: str(d)!, location: locate(file, d) });
    for (const e of entries(deps)) s.dependsOn.push({ service: e.key.text, condition: str(get(e.value, 'condition')), location: locate(file, e.key) });
    const hc = get(node, 'healthcheck');
    if (isMap(hc)) s.healthcheck = { location: locate(file, hc), disabled: get(hc, 'disable')?.kind === 'scalar' && (get(hc, 'disable') as { value: unknown }).value === true };
    if (str(get(node, 'restart'))) s.restart = L(get(node, 'restart')!);
    const deploy = get(node, 'deploy');
    if (deploy) s.deploy = locate(file, deploy);
    if (str(get(get(deploy, 'restart_policy'), 'condition')) && !s.restart) s.restart = L(get(get(deploy, 'restart_policy'), 'condition')!);
    for (const k of entries(get(get(deploy, 'resources'), 'limits'))) s.limits.push(k.key.text);
    for (const k of ['mem_limit', 'cpus', 'memory', 'cpu_quota']) if (get(node, k)) s.limits.push(k);
    for (const p of items(get(node, 'profiles'))) if (str(p)) s.profiles.push(str(p)!);
  }
  s.environment = [...vars.values()];
  s.hostnames = [...new Set(s.hostnames)];
  // A context shared by several services (`context: .` with a Dockerfile per service): the Dockerfile's folder is the service's.
  if (s.build) s.sourceDir = s.build.dockerfile && /[\\/]/.test(s.build.dockerfile) ? dirname(resolveFrom(`${s.build.context}/x`, s.build.dockerfile)) : s.build.context;
  await detectDatastore(s, io);
  await readBuild(s, command, io);
  if (!s.build && s.image) await readPulledFrontEnd(s, dirname(project.main), io);
  // A web front end configured only with the variables a browser bundle reads (`REACT_APP_API_URL`, `VITE_*`,
  // `NEXT_PUBLIC_*`) serves that bundle: the browser calls the applications, not the container.
  if (s.environment.length && s.environment.every((v) => BROWSER_BUNDLE_VARIABLE.test(v.name))) s.webFrontEnd = true;
  // A box that only idles (`tail -f /dev/null`) runs nothing by itself: a person runs its tools in it.
  if (idlesCommand(command)) s.idles = true;
  if (!s.healthcheck && s.build) await dockerfileHealth(s, s.build, io);
  // A pulled image that defines its own HEALTHCHECK: docker runs it, and service_healthy can wait on it.
  if (!s.healthcheck && !s.build && s.image && shipsHealthcheck(s.image.value)) s.healthcheck = { location: s.image.location, disabled: false };
  return s;
}

/** Variables a front-end build puts into the browser bundle (Create React App, Vite, Next.js, Nuxt, Vue CLI, SvelteKit). */
const BROWSER_BUNDLE_VARIABLE = /^(REACT_APP|VITE|NEXT_PUBLIC|NUXT_PUBLIC|VUE_APP|PUBLIC)_\w+$/;

/** `$PWD` or `${PWD}` at the start of a path: the folder compose is run from. */
const PWD = /^\$(?:PWD\b|\{PWD\})/;

/**
 * What a build context written from `$PWD` is relative to (as a file path whose folder is that place), when the
 * environment does not set PWD: the compose file's folder or the nearest folder above it where the context holds
 * its Dockerfile (a file under `compose/` run from the repository's root).
 */
async function pwdOf(composePath: string, context: string, dockerfile: string | undefined, env: Env, io: ServiceIo): Promise<string> {
  if (!PWD.test(context) || env.has('PWD')) return composePath;
  const rest = context.replace(PWD, '.');
  let dir = dirname(composePath);
  for (let up = 0; up < 4; up++) {
    const candidate = resolveFrom(`${dir}/x`, rest);
    if ((await io.text(resolveFrom(`${candidate}/x`, dockerfile ?? 'Dockerfile'))) !== undefined) return `${dir}/x`;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return composePath;
}

const dockerfilePath = (build: NonNullable<ServiceNode['build']>) => resolveFrom(`${build.context}/x`, build.dockerfile ?? 'Dockerfile');

/** A HEALTHCHECK in the Dockerfile the service builds is its healthcheck when compose sets none. */
async function dockerfileHealth(s: ServiceNode, build: NonNullable<ServiceNode['build']>, io: ServiceIo): Promise<void> {
  const path = dockerfilePath(build);
  io.touched.add(path);
  const text = await io.text(path);
  const at = text === undefined ? undefined : dockerfileHealthcheck(text, build.target);
  if (at) s.healthcheck = { location: { path, ...at, range: new LineIndex(text!).rangeOf(at.start, at.end) }, disabled: false };
}

function envFiles(n: DataNode | undefined): string[] {
  if (str(n)) return [str(n)!];
  return items(n).map((it) => str(it) ?? str(get(it, 'path'))).filter((x): x is string => !!x);
}

function longSyntax(p: DataNode, kind: string): string {
  if (kind === 'volumes') return `${str(get(p, 'source')) ?? ''}:${str(get(p, 'target')) ?? ''}`;
  const ip = str(get(p, 'host_ip'));
  const pub = str(get(p, 'published'));
  return [ip, pub, str(get(p, 'target'))].filter((x) => x !== undefined).join(':');
}

/** The container port of a compose port or expose entry (`"8080:5432"`, `127.0.0.1:5432:5432/tcp`, `5432`). */
const containerPort = (v: string) => Number(/(\d+)(?:-\d+)?(?:\/\w+)?$/.exec(v)?.[1] ?? NaN);

/** A named volume, or a mount at a data folder: the service keeps data of its own (logs are none). */
const keepsData = (s: ServiceNode) => s.volumes.some((v) => {
  const [source, target] = v.value.split(':');
  if (/(^|\/)(logs?|var\/logs?(\/[\w.-]+)?)\/?$/i.test(target ?? source)) return false;
  return (target !== undefined && /^[\w-]+$/.test(source)) || /^\/(var\/lib|data)\b/.test(target ?? source);
});

/** A datastore server's own settings (`POSTGRES_PASSWORD`, `MYSQL_DATABASE`, `MONGO_INITDB_ROOT_USERNAME`). */
const DATASTORE_SERVER_VARIABLE = /^(POSTGRES(QL)?|MYSQL|MARIADB|MONGO(DB)?|PG)_/;

async function detectDatastore(s: ServiceNode, io: ServiceIo): Promise<void> {
  let image = s.image?.value;
  let via: 'image' | 'dockerfile' | 'manifest' = 'image';
  let kind = datastoreKind(image);
  if (!kind && s.build) {
    const path = dockerfilePath(s.build);
    io.touched.add(path);
    const text = await io.text(path);
    const from = text && dockerfileFrom(text);
    kind = datastoreKind(from);
    if (kind) [image, via] = [from, 'dockerfile'];
    // A build context named exactly like a datastore's image (`docker/firestore-emulator`) builds that datastore on another base.
    const folder = basename(s.build.context);
    if (!kind && (kind = knownDatastoreImage(folder))) [image, via] = [folder, 'dockerfile'];
  }
  if (!kind) {
    const ports = [...s.ports, ...s.expose].map((p) => containerPort(p.value)).filter((p) => !Number.isNaN(p));
    // An env file of the project's settings (mostly the applications' variables, a few POSTGRES_* among them) says
    // nothing about what this container runs: only the service's own variables, or a datastore's own env file, do.
    const fromFiles = s.environment.filter((e) => e.from === 'env_file');
    const projectSettings = fromFiles.filter((e) => DATASTORE_SERVER_VARIABLE.test(e.name)).length * 2 < fromFiles.length;
    const env = s.environment.filter((e) => !(projectSettings && e.from === 'env_file')).map((e) => e.name);
    kind = datastoreByShape({ name: s.name, image, env, ports, keepsData: keepsData(s) });
    if (kind) [image, via] = [image ?? s.name, 'manifest'];
  }
  if (!kind || !image) return;
  s.datastore = { kind, category: datastoreCategory(kind), via, image };
  const vars = new Map(s.environment.map((e) => [e.name, e.value]));
  const named = (DEFAULT_DATABASE_ENV[kind] ?? []).map((k) => vars.get(k)).find((v) => v);
  const db = named ?? DEFAULT_DATABASE[kind];
  if (db) s.databases.push(db);
}
