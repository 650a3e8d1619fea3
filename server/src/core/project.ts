import { composeCopyKey, contractKey } from './openapi/copies';
import { readFile } from './fsAsync';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { CODE_LANGUAGES, CONFIG_FILE_NAME, mayAnalyze, type CodeLanguage, type FileKind } from './documents/classify';
import { codeScope } from './code/scope';
import { packageJsonOnDisk } from './code/packageJson';
import { readSource } from './documents/source';
import { EffectiveConfig } from './config/effective';
import type { Settings } from './config/schema';
import { analyzeSource, type AnalysisResult } from './engine';
import { SKIPPED_FILE, type Finding } from './findings';
import { withHelmRender, type HelmRendering } from './helm/rendering';
import { RULE_IDS } from './rules/index';
import type { WorkspaceIndex } from './workspace/index';

/**
 * Loads `.backend-architect.yaml` from a workspace root over the given settings. A missing file is fine;
 * an invalid one is ignored (its problems are reported on the file itself by the engine).
 */
export async function loadProjectConfig(root: string, settings: Settings): Promise<{ config: EffectiveConfig; configFileValid: boolean }> {
  let text: string | undefined;
  try {
    text = await readFile(join(root, CONFIG_FILE_NAME), 'utf8');
  } catch {
    return { config: new EffectiveConfig(settings), configFileValid: true };
  }
  const { parseConfigFile } = await import('./config/configFile');
  const parsed = parseConfigFile(text, RULE_IDS);
  const fatal = parsed.problems.some((p) => !p.message.startsWith('Unknown rule id'));
  return { config: new EffectiveConfig(settings, fatal ? {} : parsed.config), configFileValid: !fatal };
}

export function relativePath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/**
 * Reads and analyzes one file from disk; files that cannot be read give one information finding.
 * The syntax tree is freed here (wasm memory), so only findings and the data root are returned. A Helm chart's
 * file gets its chart's render applied when `helm` allows rendering (see helm/rendering.ts). `maxBytes` defaults to
 * the size limit of the settings.
 */
export async function analyzeFile(path: string, config: EffectiveConfig, workspace: WorkspaceIndex, helm?: HelmRendering, maxBytes = config.settings.maxFileSizeKb * 1024): Promise<Omit<AnalysisResult, 'tree' | 'editable'> & { skipped?: string; contractKey?: string }> {
  const read = await readSource(path, maxBytes);
  if (read.ok === 'ignored') return { findings: [] };
  if (read.ok === false) {
    if (!mayAnalyze(path) || !noteWorthy(path, read.kind, read.reason, workspace.model.top, read.text)) return { findings: [] };
    return { findings: [skippedFinding(path, read.reason)], skipped: read.reason };
  }
  // A file read from disk is not edited next: neither its syntax tree nor its editable YAML tree is kept.
  const { tree, editable: _editable, ...result } = await analyzeSource({ source: read.source, config, workspace });
  tree?.delete();
  result.findings = await withHelmRender(read.source, result.findings, config, helm);
  workspace.update({ path, kind: read.source.kind, data: result.data });
  const key = read.source.kind === 'openapi' ? contractKey(result.data) : read.source.kind === 'compose' ? composeCopyKey(read.source.text) : undefined;
  return key ? { ...result, contractKey: key } : result;
}

/** Folders of a documentation site or of code copied in from elsewhere. */
const NOT_OURS = /^(docs?|javadoc|apidocs|site|_site|vendor|vendors|third[_-]party)$/i;

/**
 * Whether a skipped file deserves its note: not a generated or minified code file that no code rule would judge
 * anyway (browser code such as a vendored jQuery, a documentation site's search index).
 */
export function noteWorthy(path: string, kind: FileKind | undefined, reason: string, root: string | undefined, text = ''): boolean {
  if (!kind || !CODE_LANGUAGES.includes(kind as CodeLanguage) || !/^(minified|generated)/.test(reason)) return true;
  const folders = relative(root ?? dirname(path), dirname(path)).split(/[\\/]/);
  // The text tells a UI component (JSX markup in a .tsx file) from server code; a long line is read only so far.
  if (folders.some((d) => NOT_OURS.test(d))) return false;
  // A bundle kept beside a web page (`swagger/index.html` and Swagger UI's bundles): the page's assets.
  if (/\.[cm]?js$/.test(path) && isAbsolute(path) && existsSync(join(dirname(path), 'index.html'))) return false;
  return codeScope(path, text.slice(0, 200_000), packageJsonOnDisk, root) === 'backend';
}

export function skippedFinding(path: string, reason: string): Finding {
  const zero = { line: 0, character: 0 };
  return { ruleId: SKIPPED_FILE, severity: 'information', message: `Not analyzed: ${reason}`, path, range: { start: zero, end: zero } };
}
