import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import { get, str } from '../documents/tree';
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
  const path = ctx.source.path;
  if (!isAbsolute(path)) return false;
  // Keystrokes in one spec ask again and again: the build scripts are read at most every few seconds per spec.
  const cached = decided.get(path);
  const now = Date.now();
  if (cached && now - cached.at < RECHECK_MS) return cached.generated;
  const generated = decide(ctx, path);
  if (decided.size > 1000) decided.clear();
  decided.set(path, { at: now, generated });
  return generated;
}

/** Per spec path: the last answer and when it was made (a build script edited is seen within RECHECK_MS). */
const decided = new Map<string, { at: number; generated: boolean }>();
const RECHECK_MS = 5000;

function decide(ctx: RuleContext, path: string): boolean {
  if (isSwagOutput(path)) return true;
  // protoc-gen-openapiv2 titles its output after the .proto file (`v1/shop_interface.proto`).
  if (/\.proto$/.test(str(get(get(ctx.data, 'info'), 'title')) ?? '')) return true;
  const model = (ctx.workspace as { model?: { root?: string; top?: string } } | undefined)?.model;
  const root = model?.top ?? model?.root;
  const inside = root && path.startsWith(root + sep) ? path.slice(root.length + 1).split(/[\\/]/).slice(0, -1) : [];
  if (inside.some((d) => GENERATED_DIR.test(d))) return true;
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
  // A script beside the spec or one folder up that builds it from the code and writes it (`scripts/generate-api-docs.ts`).
  for (const dir of [dirname(path), dirname(dirname(path))]) {
    if (dir !== root && !dir.startsWith(root + sep)) continue;
    for (const folder of SCRIPT_FOLDERS) for (const script of codeFiles(join(dir, folder))) if (writesFromCode(readScript(script), file)) return true;
  }
  return false;
}

/** Folders of scripts a build or a person runs. */
const SCRIPT_FOLDERS = ['scripts', 'script', 'tools'];
/** Libraries and calls that build a spec from a service's code: swagger-jsdoc, NestJS's SwaggerModule, FastAPI, tsoa. */
const CODE_FIRST = /\bswagger-jsdoc\b|\bswaggerJsdoc\s*\(|\bSwaggerModule\.createDocument\s*\(|\bget_openapi\s*\(|\bapp\.openapi\s*\(\s*\)|\bgenerateSpec\s*\(/;

/** A script that builds a spec from the code and names the spec's file (where it writes it). */
function writesFromCode(text: string, file: string): boolean {
  return text.includes(file) && CODE_FIRST.test(text);
}

function codeFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && /\.(?:[cm]?[jt]s|py)$/.test(d.name)).slice(0, 50).map((d) => join(dir, d.name));
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
