import { basename, extname } from 'node:path';
import { createScanner } from 'jsonc-parser';
import { looksLikeCompose } from './composeShape';

export type FileKind = 'openapi' | 'compose' | 'kubernetes' | 'helm' | 'python' | 'typescript' | 'javascript' | 'go' | 'java' | 'config';
export type CodeLanguage = 'python' | 'typescript' | 'javascript' | 'go' | 'java';
export const CODE_LANGUAGES: readonly CodeLanguage[] = ['python', 'typescript', 'javascript', 'go', 'java'];

export const CONFIG_FILE_NAME = '.backend-architect.yaml';

const CODE_EXT: Record<string, CodeLanguage> = {
  '.py': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescript',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.go': 'go',
  '.java': 'java',
};

const KUSTOMIZATION_NAME = /^(kustomization\.ya?ml|Kustomization)$/;
const HELM_NAME = /^(Chart\.ya?ml|values([.-][\w.-]+)?\.ya?ml)$/;
/** Go template actions as Helm writes them ({{ .Values.x }}, {{- include ... }}, {{ if }}): such text is not YAML yet. */
const GO_TEMPLATE = /\{\{-?\s*(\.[A-Z]|include\b|template\b|if\b|range\b|with\b|end\b|define\b|toYaml\b|\$)/;
/**
 * Compose files by name: `docker-compose*.yml`, `compose.yaml` and its dotted variants, `*.compose.yaml`. A name that
 * only starts with `compose-` (`compose-post-service.yaml`, a Kubernetes manifest of that service) is judged by its
 * content, as any other YAML file.
 */
const COMPOSE_NAME = /^docker-compose([.-][\w.-]+)?\.ya?ml$|^compose(\.[\w.-]+)?\.ya?ml$|\.compose\.ya?ml$/i;
const DATA_EXT = new Set(['.yaml', '.yml', '.json']);

/** True when the file name alone says the file may be analyzed (used to filter scans cheaply). */
export function mayAnalyze(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ext in CODE_EXT || DATA_EXT.has(ext) || KUSTOMIZATION_NAME.test(basename(path)) || (ext === '.tpl' && isHelmTemplatePath(path));
}

export function isKustomizationName(path: string): boolean {
  return KUSTOMIZATION_NAME.test(basename(path));
}

/** A Helm chart's template (a YAML or `.tpl` file under `templates/`): Go template text, never parsed as YAML. */
export function isHelmTemplatePath(path: string): boolean {
  return /(^|[\\/])templates[\\/]/.test(path) && /\.(ya?ml|tpl|txt)$/i.test(path);
}

export function isComposeName(path: string): boolean {
  return COMPOSE_NAME.test(basename(path));
}

/**
 * What kind of file this is: the config file and compose files by name, service code by extension,
 * OpenAPI by its top-level `openapi`/`swagger` key, compose by a top-level `services` map of images/builds.
 * Undefined for files the analyzer does not read.
 */
export function classify(path: string, text: string): FileKind | undefined {
  const name = basename(path);
  if (name === CONFIG_FILE_NAME) return 'config';
  const ext = extname(name).toLowerCase();
  const lang = CODE_EXT[ext];
  if (lang) return lang;
  if (KUSTOMIZATION_NAME.test(name)) return 'kubernetes';
  if (ext === '.tpl' && isHelmTemplatePath(path)) return 'helm';
  if (!DATA_EXT.has(ext)) return undefined;
  if (ext !== '.json' && COMPOSE_NAME.test(name)) return 'compose';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksLikeOpenApi(body, ext === '.json')) return 'openapi';
  if (ext !== '.json' && looksLikeCompose(body)) return 'compose';
  if (ext === '.json') return undefined;
  if ((isHelmTemplatePath(path) && body.includes('{{')) || GO_TEMPLATE.test(body)) return 'helm';
  if (HELM_NAME.test(name) && (name.startsWith('Chart') || !looksLikeKubernetes(body))) return 'helm';
  if (looksLikeKubernetes(body)) return 'kubernetes';
  return undefined;
}

/** A Kubernetes manifest: some document of the stream has a top-level `apiVersion` and `kind`. */
function looksLikeKubernetes(text: string): boolean {
  return /^apiVersion\s*:\s*\S/m.test(text) && /^kind\s*:\s*[A-Z]/m.test(text);
}

/**
 * A spec by its top-level `openapi`/`swagger` version key. Usually near the top; a writer that sorts keys puts it after
 * `components` (`openapi: 3.0.3` on line 9110 of a generated spec), so the rest is searched when the head lacks it.
 */
export function looksLikeOpenApi(text: string, json: boolean): boolean {
  const head = text.slice(0, 65536);
  if (json) return jsonHasTopLevelVersion(head) || (text.length > head.length && /"(openapi|swagger)"\s*:\s*"[23]\./.test(text.slice(head.length - 64)) && jsonHasTopLevelVersion(text));
  const version = /^["']?(openapi|swagger)["']?\s*:\s*["']?[23]\./m;
  return version.test(head) || (text.length > head.length && version.test(text.slice(head.length - 64)));
}

/** jsonc-parser's SyntaxKind values (a const enum, which isolatedModules cannot read). */
const SyntaxKind = { OpenBraceToken: 1, CloseBraceToken: 2, OpenBracketToken: 3, CloseBracketToken: 4, CommaToken: 5, ColonToken: 6, StringLiteral: 10, EOF: 17 } as const;

/** True when the top-level JSON object has an `openapi`/`swagger` key whose value is a 2.x/3.x version string. */
function jsonHasTopLevelVersion(text: string): boolean {
  const s = createScanner(text, true);
  let depth = 0;
  let key: string | undefined;
  let inValue = false;
  for (let t: number = s.scan(); t !== SyntaxKind.EOF; t = s.scan()) {
    if (t === SyntaxKind.OpenBraceToken || t === SyntaxKind.OpenBracketToken) {
      if (depth === 0 && t === SyntaxKind.OpenBracketToken) return false;
      depth++;
    } else if (t === SyntaxKind.CloseBraceToken || t === SyntaxKind.CloseBracketToken) {
      if (--depth <= 0) return false;
    } else if (depth !== 1) continue;
    else if (t === SyntaxKind.ColonToken) inValue = true;
    else if (t === SyntaxKind.CommaToken) [key, inValue] = [undefined, false];
    else if (t === SyntaxKind.StringLiteral) {
      if (!inValue) key = s.getTokenValue();
      else if ((key === 'openapi' || key === 'swagger') && /^[23]\./.test(s.getTokenValue())) return true;
    }
  }
  return false;
}
