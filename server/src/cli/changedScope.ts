import { basename } from 'node:path';
import { classify, CODE_LANGUAGES, mayAnalyze, type CodeLanguage } from '../core/documents/classify';
import type { Finding } from '../core/findings';
import type { WorkspaceIndex } from '../core/workspace/index';
import type { ChangedFiles } from './changedFiles';

const isCode = (path: string) => CODE_LANGUAGES.includes(classify(path, '') as CodeLanguage);

/** Files besides YAML and JSON that can change the system's services or host names (env files, Dockerfiles, manifests). */
const SERVICE_INPUT = /^(\.env(\..*)?|.*\.env|Dockerfile(\..*)?|go\.mod|pom\.xml|build\.gradle(\.kts)?|requirements\.txt|pyproject\.toml|setup\.py|Pipfile|Tiltfile)$/;

/**
 * The files `lint --changed-since` analyzes. Every data file (compose, manifests, specs, config): together they
 * make the workspace model and `$ref` each other, and they are few. Code files only when they changed, unless a
 * changed file can move the services (a compose file, an env file): then every code file, since any service's
 * summary of outbound calls may differ. See firstCallFiles for the rest.
 */
export function filesToAnalyze(files: string[], changes: ChangedFiles): string[] {
  const moved = [...changes.changed, ...changes.removed].some((p) => !isCode(p) && (mayAnalyze(p) || SERVICE_INPUT.test(basename(p))));
  return files.filter((f) => moved || !isCode(f) || changes.changed.has(f));
}

/**
 * missing-circuit-breaker reports a service on the file holding its first outbound call, which need not be the
 * file that changed: the files holding the first call of each service a changed or removed code file belongs to.
 */
export async function firstCallFiles(workspace: WorkspaceIndex, changes: ChangedFiles): Promise<string[]> {
  const code = [...changes.changed, ...changes.removed].filter(isCode);
  if (!code.length) return [];
  const model = await workspace.model.model();
  const out = new Set<string>();
  for (const path of code) {
    const summary = await workspace.outbound.refresh(path, model);
    const first = summary && !summary.breaker ? summary.calls[0] : undefined;
    if (first) out.add(first.path);
  }
  return [...out];
}

/** Whether a finding belongs in the report: in a changed file, or pointing at one (its cause changed). */
export function touchesChange(f: Finding, changedPaths: Set<string>): boolean {
  return changedPaths.has(f.path) || (f.related?.some((r) => changedPaths.has(r.path)) ?? false);
}
