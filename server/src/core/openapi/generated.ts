import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import { entries, get, isMap, items, str, type DataNode } from '../documents/tree';
import type { RuleContext } from '../rules/types';
import { isSwagOutput } from './codeFolder';
import { isMarkedGenerated } from '../documents/gitattributes';

/**
 * Tools that write a spec from a service's code or from another definition: drf-spectacular and DRF's
 * `generateschema`, Fern's `export`, swag, go-swagger's `generate spec`, springdoc, TypeSpec, tsoa, grpc-gateway's
 * `openapiv2`, and openapi-format, swagger2openapi or `openapi migrate` writing a converted copy of another spec. Tools that read a
 * spec to write code (openapi-generator, oapi-codegen, orval) are not among them: for those the spec is the source.
 */
const GENERATOR = /\bspectacular\b|\bgenerateschema\b|\bfern(?:-api)?\s+(?:export|generate)\b|\bswag\s+init\b|\bswagger\s+generate\s+spec\b|\bspringdoc\b|\btsp\s+compile\b|\btsoa\s+spec\b|\bopenapiv2_out\b|\bprotoc-gen-openapiv2\b|\bopenapi-format\b|\bswagger2openapi\b|\bopenapi\s+migrate\b/;
/** Build scripts that hold generation commands. */
const SCRIPT_FILES = ['Makefile', 'makefile', 'GNUmakefile', 'justfile', 'Justfile', 'package.json', 'Taskfile.yml', 'Taskfile.yaml', 'pom.xml'];
/** A folder whose contents a tool writes (`web/public/generated/api/openapi.yml`). */
const GENERATED_DIR = /^(generated|__generated__|gen)$/i;

const scriptText = new Map<string, { mtime: number; text: string }>();

function readScript(path: string): string {
  try {
    const mtime = statSync(path).mtimeMs;
    const cached = scriptText.get(path);
    if (cached?.mtime === mtime) return cached.text;
    const text = readFileSync(path, 'utf8').slice(0, 500_000);
    scriptText.set(path, { mtime, text });
    return text;
  } catch {
    return '';
  }
}

/** A path inside a build's output folder (`packages/api/output/openapi.Shop.yaml`, `tsp-output/...`). */
const BUILD_OUTPUT = /(^|[\s/'"])(output|tsp-output|dist|build|generated|gen)\/\S+\.(ya?ml|json)\b/;

/**
 * A generation command within four lines of the spec's file name (`manage.py spectacular | ... --output ../openapi.yaml`),
 * or a line that copies or bundles a build's output onto it (`cp packages/api/output/openapi.Shop.yaml ../openapi.yaml`).
 */
function namesAsOutput(text: string, file: string): boolean {
  if (!text.includes(file)) return false;
  // A command continued over several lines (`\` at a line's end, as Makefiles write long ones) is one line.
  const lines = text.replace(/\\\r?\n/g, ' ').split('\n');
  // The output read first, the spec written last: `cp SRC DST`, `openapi bundle SRC -o DST` (not `-i spec -o build/...`).
  const writtenFromOutput = (line: string) => {
    const at = line.lastIndexOf(file);
    return at > 0 && /[\s/'"=]/.test(line[at - 1]) && !/\w/.test(line[at + file.length] ?? '') && BUILD_OUTPUT.test(line.slice(0, at));
  };
  if (lines.some(writtenFromOutput)) return true;
  if (!GENERATOR.test(text)) return false;
  return lines.some((line, i) => line.includes(file) && lines.slice(Math.max(0, i - 4), i + 1).some((l) => GENERATOR.test(l)));
}

/**
 * Whether the spec is written by a tool rather than by hand: marked `linguist-generated` in a `.gitattributes`, swag's output, protoc-gen-openapiv2's (titled after its
 * `.proto` file), a file in a `generated/` folder, or a
 * file a build script of the workspace (a Makefile, package.json ... in the spec's folder, a folder above it, or a
 * top-level folder) writes with a spec generator. Its bounds and shapes come from the source it is generated from.
 */
export function isGeneratedSpec(ctx: RuleContext): boolean {
  return isGeneratedSpecFile(ctx.source.path, ctx.data, workspaceTop(ctx));
}

/** The top folder of the rule's workspace, where build scripts are looked for. */
export function workspaceTop(ctx: RuleContext): string | undefined {
  const model = (ctx.workspace as { model?: { root?: string; top?: string } } | undefined)?.model;
  return model?.top ?? model?.root;
}

/** isGeneratedSpec for a spec read elsewhere (its path, its parsed root, the workspace's top folder). */
export function isGeneratedSpecFile(path: string, data: DataNode | undefined, root: string | undefined): boolean {
  if (hasGeneratorMarks(data)) return true;
  if (!isAbsolute(path)) return false;
  // Keystrokes in one spec ask again and again: the build scripts are read at most every few seconds per spec.
  const cached = decided.get(path);
  const now = Date.now();
  if (cached && now - cached.at < RECHECK_MS) return cached.generated;
  const generated = decide(path, root);
  if (decided.size > 1000) decided.clear();
  decided.set(path, { at: now, generated });
  return generated;
}

/**
 * A spec that openapi-generator wrote into a client it generated: its output folder (the spec's folder or up to three
 * above, inside the workspace) keeps `.openapi-generator/FILES`, the list of what it wrote, and that list names it.
 */
function listedByOpenApiGenerator(path: string, root: string | undefined): boolean {
  let dir = dirname(path);
  for (let i = 0; i < 4 && (!root || dir === root || dir.startsWith(root + sep)); i++, dir = dirname(dir)) {
    const files = readScript(join(dir, '.openapi-generator', 'FILES'));
    const rel = path.slice(dir.length + 1).split(sep).join('/');
    if (files && files.split(/\r?\n/).some((l) => l.trim() === rel)) return true;
    if (dir === root || dirname(dir) === dir) break;
  }
  return false;
}

/** Per spec path: the last answer and when it was made (a build script edited is seen within RECHECK_MS). */
const decided = new Map<string, { at: number; generated: boolean }>();
const RECHECK_MS = 5000;

/** A file named as a tool's output (`openapi-generated.yaml`, `api.gen.json`). */
const GENERATED_NAME = /(?:^|[-_.])(?:generated|gen)[-_.]/i;

function decide(path: string, root: string | undefined): boolean {
  if (isSwagOutput(path) || GENERATED_NAME.test(basename(path))) return true;
  const inside = root && path.startsWith(root + sep) ? path.slice(root.length + 1).split(/[\\/]/).slice(0, -1) : [];
  if (inside.some((d) => GENERATED_DIR.test(d))) return true;
  if (listedByOpenApiGenerator(path, root)) return true;
  if (!root) return false;
  // The repository says so: `docs/openapi/** linguist-generated=true` in a `.gitattributes` at or above the spec.
  if (isMarkedGenerated(path, root)) return true;
  const dirs = new Set<string>();
  for (let dir = dirname(path); dir === root || dir.startsWith(root + sep); dir = dirname(dir)) {
    dirs.add(dir);
    if (dir === root) break;
  }
  for (const sub of subfolders(root)) dirs.add(sub);
  // The folders beside the spec's own (`api/spec/` holding the TypeSpec sources of `api/openapi.yaml`).
  for (const dir of [dirname(path), dirname(dirname(path))]) if (dir === root || dir.startsWith(root + sep)) for (const sub of subfolders(dir)) dirs.add(sub);
  const file = basename(path);
  for (const dir of dirs) for (const f of SCRIPT_FILES) if (namesAsOutput(readScript(join(dir, f)), file)) return true;
  // A script beside the spec, one folder up or at the top that builds it from the code or fetches it from the running
  // service and writes it (`scripts/generate-api-docs.ts`, `curl localhost:8080/openapi.json > docs/openapi.json`), or a
  // program of a code-first project that writes the spec's path (`openapi.CreateAndWrite("docs/api/openapi.yml")`).
  const relPath = path.slice(root.length + 1).split(sep).join('/');
  const codeFirst = usesCodeFirstLibrary(root);
  // A program beside the spec that builds it from the code (`swagger/init.js` running swagger-autogen).
  for (const script of codeFiles(dirname(path))) if (writesFromCode(readScript(script), file)) return true;
  for (const dir of new Set([dirname(path), dirname(dirname(path)), root])) {
    if (dir !== root && !dir.startsWith(root + sep)) continue;
    for (const folder of SCRIPT_FOLDERS) {
      for (const script of codeFiles(join(dir, folder))) {
        const text = readScript(script);
        if (writesFromCode(text, file) || (codeFirst && writesPath(text, relPath))) return true;
      }
    }
  }
  // An application of a monorepo (`apps/web/`) whose own scripts write the spec from its code-first library
  // (`apps/web/scripts/openapi/generate.sh`: `node dist/openapi-document.js > "$ROOT/docs/api/openapi.yml"`).
  for (const app of codeFirstApps(root)) {
    for (const folder of SCRIPT_FOLDERS) {
      const scripts = join(app, folder);
      for (const script of [...codeFiles(scripts), ...subfolders(scripts).slice(0, 20).flatMap(codeFiles)]) if (writesPath(readScript(script), relPath)) return true;
    }
  }
  return false;
}

/** Folders of scripts and programs a build or a person runs. */
const SCRIPT_FOLDERS = ['scripts', 'script', 'tools', 'hack', 'cmd'];
/** Libraries and calls that build a spec from a service's code: swagger-jsdoc, swagger-autogen, NestJS's SwaggerModule, FastAPI, tsoa. */
const CODE_FIRST = /\bswagger-jsdoc\b|\bswagger-autogen\b|\bswaggerJsdoc\s*\(|\bSwaggerModule\.createDocument\s*\(|\bget_openapi\s*\(|\bapp\.openapi\s*\(\s*\)|\bgenerateSpec\s*\(/;
/** A download of the spec a service on this machine serves (`curl http://localhost:8080/openapi.json > ...`). */
const FETCHED_FROM_SERVICE = /\b(?:curl|wget|http)\b[^\n]*\bhttps?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\$\{?\w+\}?)[^\s'"]*\/(?:openapi|swagger|api-docs)[^\s'"/]*/;

/** A script that builds a spec from the code, or fetches it from the running service, and names the spec's file. */
function writesFromCode(text: string, file: string): boolean {
  return text.includes(file) && (CODE_FIRST.test(text) || FETCHED_FROM_SERVICE.test(text));
}

/** A shell redirect of a program's output to the path (`node dist/doc.js > "$ROOT/docs/api/openapi.yml"`). */
const REDIRECT_TO = (relPath: string) => new RegExp(`>\\s*["']?[^\\s"'>]*${relPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*$`);

/** A line that names the spec's path in the workspace (a folder and the file) in a call that writes or creates, or a redirect to it. */
function writesPath(text: string, relPath: string): boolean {
  if (!relPath.includes('/') || !text.includes(relPath)) return false;
  return text.split('\n').some((line) => line.includes(relPath) && ((/["'`]/.test(line) && /\b\w*(?:write|Write|dump|save|Save|Create)\w*\s*\(/.test(line)) || REDIRECT_TO(relPath).test(line)));
}

/** Libraries that describe a service's API from its code (the spec they write is output). */
const CODE_FIRST_LIBRARY = /swaggest\/openapi-go|danielgtaylor\/huma|go-fuego\/fuego|@nestjs\/swagger|zod-to-openapi|"zod-openapi"|@hono\/zod-openapi|@fastify\/swagger|"tsoa"|\bfastapi\b|\bspringdoc\b|drf-spectacular|flask-smorest|\bapispec\b|\bspectree\b/i;
const BUILD_FILES = ['go.mod', 'package.json', 'pyproject.toml', 'requirements.txt', 'pom.xml', 'build.gradle', 'build.gradle.kts'];

/** The folders one and two levels below the root whose build file names a code-first library (looked up every few seconds). */
function codeFirstApps(root: string): string[] {
  const cached = appsByRoot.get(root);
  if (cached && Date.now() - cached.at < RECHECK_MS) return cached.apps;
  const apps = subfolders(root).flatMap((d) => [d, ...subfolders(d)]).filter(usesCodeFirstLibrary);
  appsByRoot.set(root, { at: Date.now(), apps });
  return apps;
}
const appsByRoot = new Map<string, { at: number; apps: string[] }>();

function usesCodeFirstLibrary(root: string): boolean {
  return BUILD_FILES.some((f) => CODE_FIRST_LIBRARY.test(readScript(join(root, f))));
}

/**
 * Marks a generator leaves in the spec itself: protoc-gen-openapiv2 titles it after its `.proto` file and declares
 * `rpcStatus` and `protobufAny`, FastAPI declares its `HTTPValidationError` schema, springdoc names its server "Generated server url", beego names each
 * operation after its controller's method.
 */
function hasGeneratorMarks(data: DataNode | undefined): boolean {
  if (/\.proto$/.test(str(get(get(data, 'info'), 'title')) ?? '')) return true;
  const schemas = get(get(data, 'components'), 'schemas') ?? get(data, 'definitions');
  if (get(schemas, 'HTTPValidationError')) return true;
  // protoc-gen-openapiv2 declares the gRPC error it maps (`rpcStatus` holding `protobufAny` details), also in a copy
  // that a docs script filtered or converted from its output.
  if (get(schemas, 'rpcStatus') && get(schemas, 'protobufAny')) return true;
  if (namedAfterControllers(data)) return true;
  return items(get(data, 'servers')).some((s) => str(get(s, 'description')) === 'Generated server url');
}

/** beego's `bee generate docs` names every operation after the controller method that serves it (`ApiController.GetAdapters`). */
const CONTROLLER_METHOD = /^[A-Z]\w*Controller\.[A-Z]\w*$/;

/** The operations of the first path items (up to 20 operations) all carry a controller method's name, two at least. */
function namedAfterControllers(data: DataNode | undefined): boolean {
  let named = 0;
  let ops = 0;
  for (const path of entries(get(data, 'paths'))) {
    for (const op of entries(path.value)) {
      if (!isMap(op.value)) continue;
      ops++;
      if (!CONTROLLER_METHOD.test(str(get(op.value, 'operationId')) ?? '')) return false;
      named++;
    }
    if (ops >= 20) break;
  }
  return named >= 2;
}

function codeFiles(dir: string): string[] {
  try {
    const entries = readdirSync(dir, { withFileTypes: true });
    const files = entries.filter((d) => d.isFile() && /\.(?:[cm]?[jt]s|py|go|sh)$/.test(d.name)).slice(0, 50).map((d) => join(dir, d.name));
    // A program's own folder under cmd/ (`cmd/openapi/main.go`).
    if (dir.endsWith(`${sep}cmd`)) for (const sub of entries.filter((d) => d.isDirectory()).slice(0, 30)) files.push(...codeFiles(join(dir, sub.name)).slice(0, 10));
    return files;
  } catch {
    return []; // no such folder
  }
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules').map((d) => join(dir, d.name));
  } catch {
    return []; // an unreadable folder: the others are enough
  }
}
