import { dirname } from 'node:path';
import { RELOADER } from '../../compose/devSetup';
import { isReverseProxy, WAIT_TOOL } from '../../compose/ownWaits';
import { resolveFrom } from '../../compose/project';
import type { ServiceNode } from '../model';

/** The final stage's working directory, entrypoint and command of a Dockerfile. */
function finalStage(text: string): { base?: string; workdir?: string; run: string } {
  const stages = text.split(/^[ \t]*FROM[ \t]/im);
  const last = stages[stages.length - 1];
  const base = stages.length > 1 ? /^(?:--platform=\S+[ \t]+)?(\S+)/.exec(last)?.[1] : undefined;
  let workdir: string | undefined;
  for (const m of last.matchAll(/^[ \t]*WORKDIR[ \t]+(\S+)/gim)) workdir = m[1].startsWith('/') || !workdir ? m[1] : `${workdir}/${m[1]}`;
  const run = [...last.matchAll(/^[ \t]*(?:ENTRYPOINT|CMD)[ \t]+([^\r\n]*)/gim)].map((m) => execForm(m[1])).join(' ');
  return { base, workdir: workdir?.replace(/\/+$/, ''), run };
}

/** An exec-form instruction (`["go", "run", "./cmd/auth"]`) as the command line it runs. */
function execForm(args: string): string {
  if (!/^\s*\[/.test(args)) return args;
  try {
    const list: unknown = JSON.parse(args);
    return Array.isArray(list) ? list.map(String).join(' ') : args;
  } catch {
    return args;
  }
}

/** The scripts a command runs (`./entrypoint.sh`, `sh /app/start.sh`), by file name. */
const scripts = (command: string) => [...command.matchAll(/[\w./-]*?([\w.-]+\.sh)\b/g)].map((m) => m[1]);

/** A Python web UI framework a requirements file or pyproject names: its pages call services per user action. */
const PYTHON_WEB_UI = /^\s*"?(gradio|streamlit|chainlit|dash|panel)\s*(?:[=<>~!\[;"]|$)/im;

/** A server-rendered web framework among a package's dependencies. */
const WEB_FRONT_END = /"(next|nuxt|@sveltejs\/kit|@remix-run\/node|@remix-run\/serve|astro)"\s*:/;

/**
 * What a built compose service's Dockerfile and start-up scripts say of it, set on the node:
 * - `fromSource`: it runs the host's source tree, as in development: a bind mount of a host folder holds the image's
 *   WORKDIR, or its command, or a script its command runs (found in the build context), starts a dev server or a
 *   file watcher;
 * - `reverseProxy`: the image's final stage is a reverse proxy's;
 * - `webFrontEnd`: its package is a server-rendered web front end (Next.js, Nuxt ...) or a Python web UI (Gradio,
 *   Streamlit ...), which calls applications per request;
 * - `startupWaits`: the wait loops of those scripts (`while ! nc -z $DB_HOST ...`), with its environment filled in.
 * `command`: the compose command and entrypoint, if set (else the Dockerfile's ENTRYPOINT and CMD).
 */
export async function readBuild(s: ServiceNode, command: string, io: { text(path: string): Promise<string | undefined>; touched: Set<string> }): Promise<void> {
  if (!s.build) return;
  const path = resolveFrom(`${s.build.context}/x`, s.build.dockerfile ?? 'Dockerfile');
  io.touched.add(path);
  const text = (await io.text(path)) ?? '';
  const { base, workdir, run } = finalStage(text);
  if (base) s.baseImage = base;
  if (base && isReverseProxy(base)) s.reverseProxy = true;
  const manifest = `${s.build.context}/package.json`;
  io.touched.add(manifest);
  if (WEB_FRONT_END.test((await io.text(manifest)) ?? '')) s.webFrontEnd = true;
  for (const dir of new Set([s.build.context, dirname(path)])) {
    for (const name of ['requirements.txt', 'pyproject.toml']) {
      io.touched.add(`${dir}/${name}`);
      if (!s.webFrontEnd && PYTHON_WEB_UI.test((await io.text(`${dir}/${name}`)) ?? '')) s.webFrontEnd = true;
    }
  }
  const mounted = s.volumes.some((v) => {
    const [source, target] = v.value.split(':');
    return !!source && /[/.]/.test(source) && !!workdir && !!target && (workdir === target.replace(/\/+$/, '') || workdir.startsWith(`${target.replace(/\/+$/, '')}/`));
  });
  const launched = command.trim() ? command : run;
  let development = mounted || RELOADER.test(launched);
  for (const name of new Set(scripts(launched))) {
    const candidates = [...new Set([`${s.build.context}/${name}`, `${dirname(path)}/${name}`])];
    for (const c of candidates) io.touched.add(c);
    let script: string | undefined;
    for (const c of candidates) script ??= await io.text(c);
    if (!script) continue;
    if (RELOADER.test(script)) development = true;
    if (WAIT_TOOL.test(script)) s.startupWaits = `${s.startupWaits ?? ''}${withEnvironment(s, script)}\n`;
  }
  if (development && !s.datastore) s.fromSource = true;
}

/**
 * A pulled image named after a folder beside the compose file (`.../keep/keep-ui` next to `keep-ui/`) is the image
 * that folder's package builds: a server-rendered web front end when that package is one.
 */
export async function readPulledFrontEnd(s: ServiceNode, dir: string, io: { text(path: string): Promise<string | undefined>; touched: Set<string> }): Promise<void> {
  const name = /([\w.-]+)(?::[^/]*)?(?:@.*)?$/.exec(s.image?.value ?? '')?.[1];
  if (!name || name === '.' || name === '..') return;
  const manifest = `${dir}/${name}/package.json`;
  io.touched.add(manifest);
  if (WEB_FRONT_END.test((await io.text(manifest)) ?? '')) s.webFrontEnd = true;
}

/** A script's `$VAR` and `${VAR}` replaced with the service's environment (`nc -z $DB_HOST` names the host it waits on). */
function withEnvironment(s: ServiceNode, script: string): string {
  const env = new Map(s.environment.map((v) => [v.name, v.value ?? '']));
  return script.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (m, name: string) => env.get(name) ?? m);
}
