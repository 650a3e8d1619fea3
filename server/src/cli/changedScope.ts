import { basename, dirname } from 'node:path';
import { classify, CODE_LANGUAGES, isComposeName, mayAnalyze, type CodeLanguage } from '../core/documents/classify';
import { readFile } from '../core/fsAsync';
import { isWithin } from '../core/paths';
import type { Finding } from '../core/findings';
import type { WorkspaceIndex } from '../core/workspace/index';
import type { ChangedFiles } from './changedFiles';

const isCode = (path: string) => CODE_LANGUAGES.includes(classify(path, '') as CodeLanguage);

/** Files besides YAML and JSON that can change the system's services or host names (env files, Dockerfiles, manifests). */
const SERVICE_INPUT = /^(\.env(\..*)?|.*\.env|Dockerfile(\..*)?|go\.mod|pom\.xml|build\.gradle(\.kts)?|requirements\.txt|pyproject\.toml|setup\.py|Pipfile|Tiltfile)$/;

/**
 * The files `lint --changed-since` analyzes first: the changed files; every compose file and manifest (`modelSources`:
 * their findings come from the whole model); the files of a Helm chart holding a changed file; and data files (an
 * OpenAPI spec) whose text names a changed or removed data file (a `$ref`). firstCallFiles adds code files.
 */
export async function filesToAnalyze(files: string[], changes: ChangedFiles, modelSources: Set<string>): Promise<string[]> {
  const touched = [...changes.changed, ...changes.removed];
  const referable = touched.filter((p) => !isCode(p) && mayAnalyze(p) && !modelSources.has(p) && !isComposeName(p));
  const names = [...new Set(referable.map((p) => basename(p)))];
  const charts = files.filter((f) => basename(f) === 'Chart.yaml' || basename(f) === 'Chart.yml').map(dirname).filter((dir) => touched.some((p) => isWithin(p, dir)));
  const out: string[] = [];
  for (const f of files) {
    if (changes.changed.has(f) || modelSources.has(f) || charts.some((dir) => isWithin(f, dir))) out.push(f);
    else if (names.length && !isCode(f) && mayAnalyze(f) && (await namesAny(f, names))) out.push(f);
  }
  return out;
}

async function namesAny(path: string, names: string[]): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return names.some((n) => text.includes(n));
}

/**
 * missing-circuit-breaker reports a service on the file holding its first outbound call, and the observability
 * rules on its entry point, which need not be the file that changed: those files of each service a changed or
 * removed code file belongs to.
 * When a changed file can move the services (a compose file, an env file), any service's summary may differ:
 * then those of every code folder's service. Summaries scan code without parsing it: far cheaper than its rules.
 */
export async function firstCallFiles(workspace: WorkspaceIndex, files: string[], changes: ChangedFiles): Promise<string[]> {
  const touched = [...changes.changed, ...changes.removed];
  const moved = touched.some((p) => !isCode(p) && (mayAnalyze(p) || SERVICE_INPUT.test(basename(p))));
  const code = (moved ? [...files, ...changes.removed] : touched).filter(isCode);
  if (!code.length) return [];
  const model = await workspace.model.model();
  const out = new Set<string>();
  // A file's service depends on its folder alone: one file per folder is enough.
  const perFolder = new Map(code.map((p) => [dirname(p), p]));
  for (const path of perFolder.values()) {
    const summary = await workspace.outbound.refresh(path, model);
    const first = summary && !summary.breaker ? summary.calls[0] : undefined;
    if (first) out.add(first.path);
    // missing-tracing, missing-metrics and unstructured-logging report on the service's entry point.
    const entry = summary?.observability?.entry;
    if (entry) out.add(entry.path);
  }
  return [...out];
}

/** Whether a finding belongs in the report: in a changed file, or pointing at one (its cause changed). */
export function touchesChange(f: Finding, changedPaths: Set<string>): boolean {
  return changedPaths.has(f.path) || (f.related?.some((r) => changedPaths.has(r.path)) ?? false);
}
