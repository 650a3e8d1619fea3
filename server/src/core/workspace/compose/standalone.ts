// Compose files beside a base file that are run on their own (`docker compose -f docker-compose.prod.yml up`), not
// as overrides of the base: each is a project of its own. Compose applies only `*.override.*` by itself; any other
// file beside the base is an override only when someone passes both, which the files and scripts say.
import { basename, dirname, join } from 'node:path';
import { entries, get, isMap, items, str, type DataNode } from '../../documents/tree';
import type { ComposeFile } from '../../compose/project';

export interface StandaloneIo {
  compose(path: string): Promise<ComposeFile | undefined>;
  text(path: string): Promise<string | undefined>;
  names(dir: string): Promise<string[]>;
}

/** Files beside the compose files that say how to run them: shell scripts, Makefiles and the README. */
const SCRIPT = /\.(sh|bash)$|^(Makefile|makefile|GNUmakefile|Justfile|justfile|Taskfile\.ya?ml|README(\.\w+)?|readme\.md)$/;

const RUNS_COMPOSE = /(^|[\s;&|(`#"'])(docker[ -]compose|podman[ -]compose)(?=\s)/;
/** Folders beside the compose files whose scripts and workflows run them: CI workflows and a scripts folder (one level down too). */
const WORKFLOWS = '.github/workflows';
const WORKFLOW = /\.ya?ml$/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lines that pass `-f`/`--file` this file to compose, and whether any of them also passes the base. */
function usage(lines: string[], file: string, base: string): 'alone' | 'with-base' | undefined {
  const self = new RegExp(`(-f|--file)[ =]+["']?[\\w./\${}-]*${escape(file)}\\b`);
  const withBase = new RegExp(`(-f|--file)[ =]+["']?[\\w./\${}-]*${escape(base)}\\b`);
  let found: 'alone' | 'with-base' | undefined;
  for (const line of lines) {
    // Only a line that runs compose says how it is run (a Makefile variable holding `-f x.yml` is combined elsewhere).
    if (!RUNS_COMPOSE.test(line) || !self.test(line)) continue;
    if (withBase.test(line)) return 'with-base';
    found = 'alone';
  }
  return found;
}

const serviceNames = (f: ComposeFile | undefined) => new Set(entries(get(f?.root, 'services')).map((e) => e.key.text));

/** Whether a compose file's text names `host` as a host to connect to (`://db:5432`, `@db/`, `DB_HOST=db`). */
function connectsTo(text: string, host: string): boolean {
  return new RegExp(`(//|@|[=:][ \\t]*["']?)${escape(host)}(:\\d+|/|["'\\s,]|$)`, 'm').test(text);
}

/** The services a file's services depend on (`depends_on` list or map, `links`). */
function dependencies(f: ComposeFile | undefined): Set<string> {
  const out = new Set<string>();
  for (const svc of entries(get(f?.root, 'services'))) {
    for (const key of ['depends_on', 'links']) {
      const d = get(svc.value, key);
      for (const e of entries(d)) out.add(e.key.text);
      for (const i of items(d)) if (str(i)) out.add(str(i)!.split(':')[0]);
    }
  }
  return out;
}

/**
 * A file that is a stack of its own: every service it writes is complete (an image, a build or `extends`), every
 * service they depend on is in it, and most of its services are not the base's (two or more of its own). An override
 * changes some of the base's services or adds one beside them; this one brings its own datastores and applications
 * and shares a name or two (`docker-compose.pgpool.yml`: its own Postgres nodes and pgpool, and `flagsmith` again).
 */
function runsAlone(file: ComposeFile | undefined, baseFile: ComposeFile | undefined, baseNetworks: Set<string>): boolean {
  const base = serviceNames(baseFile);
  const services = entries(get(file?.root, 'services'));
  if (!services.length) return false;
  const complete = services.every((e) => get(e.value, 'image') !== undefined || get(e.value, 'build') !== undefined || get(e.value, 'extends') !== undefined);
  const names = new Set(services.map((e) => e.key.text));
  const inside = [...dependencies(file)].every((d) => names.has(d));
  const own = services.filter((e) => !base.has(e.key.text)).length;
  if (!complete || !inside) return false;
  if (own >= 2 && own * 2 > services.length) return true;
  // Each service it shares with the base written out again in full: the base's own image repeated, or taken from a
  // file of common definitions with `extends` (`docker-compose-with-auth.yml` beside `docker-compose.yml`, both
  // extending `docker-compose.common.yml`). An override changes a service; it does not restate what it is.
  const shared = services.filter((e) => base.has(e.key.text));
  const restated = (e: (typeof services)[number]) => {
    const image = str(get(e.value, 'image'));
    return (image !== undefined && image === str(get(get(get(baseFile?.root, 'services'), e.key.text), 'image'))) || str(get(get(e.value, 'extends'), 'file')) !== undefined;
  };
  if (shared.length >= 2 && shared.every(restated)) return true;
  // Its own network, which the base does not declare, joined by every service (`dittofeed-network-ee`): the same
  // services again, as a separate stack (an edition or a lighter variant), not changes to the base's.
  const networks = entries(get(file?.root, 'networks')).map((e) => e.key.text).filter((n) => !baseNetworks.has(n));
  return services.length >= 2 && networks.some((n) => services.every((e) => networkNames(get(e.value, 'networks')).includes(n)));
}

function networkNames(node: DataNode | undefined): string[] {
  return isMap(node) ? entries(node).map((e) => e.key.text) : items(node).map((i) => str(i) ?? '');
}

/**
 * The lines that may run the folder's compose files: its shell scripts, Makefiles, README and package.json scripts,
 * the CI workflows under it, and the scripts in its `scripts/` folder and that folder's subfolders.
 */
async function usageLines(dir: string, io: StandaloneIo): Promise<string[]> {
  const lines: string[] = [];
  const read = async (folder: string, keep: (name: string) => boolean) => {
    for (const name of (await io.names(folder)).filter(keep)) lines.push(...((await io.text(join(folder, name))) ?? '').split('\n'));
  };
  await read(dir, (n) => SCRIPT.test(n) || n === 'package.json');
  await read(join(dir, WORKFLOWS), (n) => WORKFLOW.test(n));
  const scripts = join(dir, 'scripts');
  await read(scripts, (n) => SCRIPT.test(n));
  for (const sub of await io.names(scripts)) if (!sub.includes('.')) await read(join(scripts, sub), (n) => SCRIPT.test(n));
  return lines;
}

/**
 * Splits the overlays of each group that are run on their own: the file's own comments or a script beside it pass it
 * with `-f` and never together with the base, or it neither shares a service with the base nor depends on one (an
 * override changes or joins the base's stack). `*.override.*` files stay overrides: compose applies them by itself.
 */
export async function splitStandalone(groups: { main: string; overlays: string[] }[], io: StandaloneIo): Promise<{ main: string; overlays: string[] }[]> {
  const out: { main: string; overlays: string[] }[] = [];
  for (const g of groups) {
    if (!g.overlays.length) {
      out.push(g);
      continue;
    }
    const dir = dirname(g.main);
    const scripts = await usageLines(dir, io);
    const base = await io.compose(g.main);
    const baseServices = serviceNames(base);
    const baseNetworks = new Set(entries(get(base?.root, 'networks')).map((e) => e.key.text));
    const keep: string[] = [];
    for (const overlay of g.overlays) {
      if (/\.override\.ya?ml$/i.test(overlay)) {
        keep.push(overlay);
        continue;
      }
      const file = await io.compose(overlay);
      const own = (file?.text ?? '').split('\n').filter((l) => /^\s*#/.test(l));
      const said = usage(own, basename(overlay), basename(g.main)) ?? usage(scripts, basename(overlay), basename(g.main));
      const services = serviceNames(file);
      // Sharing no service, nor depending on one of the base's or connecting to one (`postgres://db:5432`), it
      // cannot be changing or joining the base's stack.
      const deps = dependencies(file);
      const disjoint = services.size > 0 && baseServices.size > 0 && ![...baseServices].some((b) => services.has(b) || deps.has(b) || connectsTo(file?.text ?? '', b));
      if (said === 'alone' || (said === undefined && (disjoint || runsAlone(file, base, baseNetworks)))) out.push({ main: overlay, overlays: [] });
      else keep.push(overlay);
    }
    out.push({ main: g.main, overlays: keep });
  }
  return out.sort((a, b) => (a.main < b.main ? -1 : 1));
}
