import { dirname, join } from 'node:path';

export interface MakeImagesIo {
  text(path: string): Promise<string | undefined>;
}

/** `docker build ... -t name:tag` and `docker buildx build --tag name`, across line continuations. */
const DOCKER_BUILD = /\bdocker\s+(?:buildx\s+)?build\b[^\n]*/g;
const TAG = /(?:^|\s)(?:-t|--tag)(?:\s+|=)["']?([^\s"']+)/g;
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+|override[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*(?::{1,3}|\?|\+)?=[ \t]*(.*?)[ \t]*$/gm;
const INCLUDE = /^[ \t]*-?s?include[ \t]+(.+?)[ \t]*$/gm;

/** A Makefile's text with its included files (`include ../common.mk`), up to a few levels, and their variables. */
async function readMakefile(path: string, io: MakeImagesIo, depth = 0, vars = new Map<string, string>()): Promise<{ text: string; vars: Map<string, string> }> {
  const own = ((await io.text(path)) ?? '').replace(/\\\r?\n/g, ' ');
  let text = own;
  for (const m of own.matchAll(INCLUDE)) {
    if (depth >= 3) break;
    for (const file of m[1].split(/\s+/)) {
      if (!file || file.includes('$')) continue;
      text += '\n' + (await readMakefile(join(dirname(path), file), io, depth + 1, vars)).text;
    }
  }
  // The including file's own assignments come last: they set what the shared file leaves to it (`svc_name := web`).
  for (const m of own.matchAll(ASSIGNMENT)) if (!vars.has(m[1]) || !/\?=/.test(m[0])) vars.set(m[1], m[2]);
  return { text, vars };
}

function expand(value: string, vars: Map<string, string>, depth = 0): string {
  if (depth > 5) return value;
  return value.replace(/\$[({]([A-Za-z_][\w.-]*)[)}]/g, (whole, name: string) => (vars.has(name) ? expand(vars.get(name)!, vars, depth + 1) : whole));
}

/**
 * The images a Makefile builds with `docker build -t`: names with the Makefile's variables (and those of the files it
 * includes) filled in; a name still holding a variable is left out.
 */
export async function makeBuiltImages(path: string, io: MakeImagesIo): Promise<string[]> {
  const { text, vars } = await readMakefile(path, io);
  const out: string[] = [];
  for (const line of text.match(DOCKER_BUILD) ?? []) {
    for (const m of line.matchAll(TAG)) {
      const image = expand(m[1], vars);
      const name = image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
      if (name && !/[$(){}]/.test(name)) out.push(name);
    }
  }
  return out;
}
