import { readFile, realpath, stat } from '../core/fsAsync';
import { findDeployFiles } from '../core/workspace/api';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isWithin } from '../core/paths';
import type { EffectiveConfig } from '../core/config/effective';
import { ANALYSIS_RULES, INTERNAL_ERROR, type Finding } from '../core/findings';
import { reportCopiesOnce } from '../core/openapi/copies';
import type { HelmRendering } from '../core/helm/rendering';
import { analyzeFile, relativePath } from '../core/project';
import { listWorkspaceFiles } from '../core/workspace/scan';
import { WorkspaceIndex } from '../core/workspace/index';
import { isComposeName } from '../core/documents/classify';
import { fingerprintFile } from '../core/fingerprint';
import type { ChangedFiles } from './changedFiles';
import { filesToAnalyze, firstCallFiles, touchesChange } from './changedScope';
import { CliError } from './errors';

/** Findings of one file; paths (the file's and related locations') are relative to the current directory; each has its fingerprint. */
export interface FileReport {
  path: string;
  findings: Finding[];
}

export interface LintReport {
  /** Absolute current directory: output paths are relative to it (SARIF's SRCROOT). */
  cwd: string;
  /** Files with at least one finding, sorted by path. */
  files: FileReport[];
  /** How many files were read for analysis. */
  filesChecked: number;
  /** With `--baseline`: how many findings the baseline held back (not in `files`). */
  baselineHidden?: number;
}

/** How large a file named on the command line may be, whatever the size limit of the walk (larger: refused with the reason). */
export const EXPLICIT_MAX_BYTES = 32 * 1024 * 1024;

export interface LintResult {
  report: LintReport;
  /** Notes for stderr (a directory with nothing to analyze). */
  notes: string[];
}

/**
 * Collects the files to analyze and analyzes them one by one. Directories are walked with .gitignore, the
 * exclude globs and the config file's ignore globs (relative to `cwd`); files named explicitly are analyzed
 * directly. A path that does not exist is a CliError. With `helm`, charts are rendered (helm/rendering.ts).
 * With `changes` (`--changed-since`), the whole model is still read but only the files it can matter for are
 * analyzed (changedScope.ts), and only findings in changed files or pointing at one are reported.
 */
export async function lint(cwd: string, paths: string[], config: EffectiveConfig, helm?: HelmRendering, changes?: ChangedFiles): Promise<LintResult> {
  const { files, explicit, notes } = await collectFiles(cwd, paths.length ? paths : ['.'], config);
  // Findings are all lint needs (no parsed roots kept); service folders are not looked for above the boundary.
  // The listed files are where specs are looked for (no second walk of the tree).
  const boundary = await searchBoundary(cwd, paths.length ? paths : ['.']);
  const workspace = new WorkspaceIndex({ keepData: false, boundary, listFiles: async () => files });
  // Compose files and manifests first known to the model, so that a file analyzed before the others sees the whole system.
  const modelSources = new Set(files.filter(isComposeName));
  for (const file of modelSources) workspace.model.fileChanged(file);
  for (const f of await findDeployFiles(files.filter((p) => !isComposeName(p)))) {
    workspace.model.setSource(f.kind, f.path, await readFile(f.path, 'utf8'));
    modelSources.add(f.path);
  }
  const found = new Map<string, Finding[]>();
  const limit = config.settings.maxFileSizeKb * 1024;
  // The size limit is for the walk: a file named on the command line is analyzed up to EXPLICIT_MAX_BYTES.
  const maxBytes = (file: string) => (explicit.has(file) ? Math.max(limit, EXPLICIT_MAX_BYTES) : limit);
  const contracts = new Map<string, string>();
  const analyze = async (list: string[]) => {
    for (const file of list) {
      if (found.has(file)) continue;
      const { findings, contractKey } = await analyzeSafely(file, config, workspace, helm, maxBytes(file));
      found.set(file, findings);
      if (contractKey) contracts.set(file, contractKey);
    }
  };
  await analyze(changes ? await filesToAnalyze(files, changes, modelSources) : files);
  if (changes) {
    const listed = new Set(files);
    await analyze((await firstCallFiles(workspace, files, changes)).filter((f) => listed.has(f)));
  }
  // A spec written twice (JSON and YAML, or into two folders) is one contract: its problems are reported once.
  reportCopiesOnce(found, contracts, (ruleId) => ANALYSIS_RULES.has(ruleId));
  const rel = relativeTo(cwd);
  const changedPaths = changes && new Set([...changes.changed].map(rel));
  const reports: FileReport[] = [];
  for (const [file, all] of found) {
    const findings = all.map((f) => relativize(rel, f)).filter((f) => !changedPaths || touchesChange(f, changedPaths));
    if (!findings.length) continue;
    await addFingerprints(file, findings, maxBytes(file));
    reports.push({ path: rel(file), findings });
  }
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { report: { cwd, files: reports, filesChecked: found.size }, notes };
}

/** Sets each finding's fingerprint from the text of its file (none readable, or too large: anchored to nothing). */
async function addFingerprints(file: string, findings: Finding[], maxBytes: number): Promise<void> {
  let text = '';
  try {
    if ((await stat(file)).size <= maxBytes) text = await readFile(file, 'utf8');
  } catch {
    // Unreadable now: fingerprints from rule, path and occurrence alone.
  }
  fingerprintFile(findings, text).forEach((fp, i) => (findings[i].fingerprint = fp));
}

async function analyzeSafely(file: string, config: EffectiveConfig, workspace: WorkspaceIndex, helm: HelmRendering | undefined, maxBytes: number): Promise<{ findings: Finding[]; contractKey?: string }> {
  try {
    return await analyzeFile(file, config, workspace, helm, maxBytes);
  } catch (e) {
    const zero = { line: 0, character: 0 };
    const cause = e instanceof Error ? e.message : String(e);
    return { findings: [{ ruleId: INTERNAL_ERROR, severity: 'warning', message: `Could not analyze this file: ${cause}`, path: file, range: { start: zero, end: zero } }] };
  }
}

/** Paths relative to `cwd`, each computed once (a finding can have hundreds of related locations in one file). */
function relativeTo(cwd: string): (path: string) => string {
  const known = new Map<string, string>();
  return (path) => {
    let r = known.get(path);
    if (r === undefined) known.set(path, (r = relativePath(cwd, path) || '.'));
    return r;
  };
}

function relativize(rel: (path: string) => string, f: Finding): Finding {
  const out = { ...f, path: rel(f.path), related: f.related?.map((r) => ({ ...r, path: rel(r.path) })) };
  if (f.fix?.path) out.fix = { ...f.fix, path: rel(f.fix.path) };
  return out;
}

async function collectFiles(cwd: string, paths: string[], config: EffectiveConfig): Promise<{ files: string[]; explicit: Set<string>; notes: string[] }> {
  const explicit: string[] = [];
  const inside: { abs: string; rel: string; shown: string }[] = [];
  const outside: { abs: string; shown: string }[] = [];
  const realCwd = await realpath(cwd);
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(code === 'ENOENT' || code === 'ENOTDIR' ? `no such file or directory: ${p}` : `cannot access ${p}: ${(e as Error).message}`);
    }
    if (st.isFile()) explicit.push(abs);
    else if (!st.isDirectory()) throw new CliError(`not a file or directory: ${p}`);
    else {
      const rel = relative(cwd, abs);
      const within = !rel.startsWith('..') && !isAbsolute(rel);
      // A directory reached through a symbolic link is walked on its own (the walk from cwd skips links).
      if (within && (await realpath(abs)) === join(realCwd, rel)) inside.push({ abs, rel: rel.split(sep).join('/'), shown: p });
      else outside.push({ abs, shown: p });
    }
  }

  const found = new Set<string>(explicit);
  const notes: string[] = [];
  const fromWalk: string[] = [];
  if (inside.length) {
    // One walk from cwd, so .gitignore files above a named sub-directory apply; pruned to the named directories.
    const targets = inside.map((t) => t.rel);
    const onPath = (r: string) => targets.some((t) => t === '' || r === t || t.startsWith(`${r}/`) || r.startsWith(`${t}/`));
    fromWalk.push(...(await listWorkspaceFiles(cwd, { isExcluded: (rel) => !onPath(rel.replace(/\/$/, '')) || config.isIgnored(rel) })));
  }
  for (const o of outside) {
    fromWalk.push(...(await listWorkspaceFiles(o.abs, { isExcluded: (rel) => config.isIgnored(rel) })));
  }
  for (const f of fromWalk) found.add(f);
  for (const d of [...inside, ...outside]) {
    const prefix = d.abs.endsWith(sep) ? d.abs : d.abs + sep;
    if (!fromWalk.some((f) => f.startsWith(prefix))) notes.push(`note: nothing to analyze in ${d.shown} (no file of a kind it reads, or all ignored)`);
  }
  return { files: [...found].sort(), explicit: new Set(explicit), notes };
}

/**
 * Where the model looks for workloads' code folders: the current directory when every linted path is inside it,
 * else the linted paths' common folder (linting /repo/deploy from /tmp must not search the rest of /tmp).
 */
async function searchBoundary(cwd: string, paths: string[]): Promise<string> {
  const dirs = await Promise.all(paths.map(async (p) => {
    const abs = resolve(cwd, p);
    return (await stat(abs).then((st) => st.isDirectory(), () => false)) ? abs : dirname(abs);
  }));
  if (dirs.every((d) => isWithin(d, cwd))) return cwd;
  return dirs.reduce((common, d) => {
    let c = common;
    while (!isWithin(d, c) && dirname(c) !== c) c = dirname(c);
    return c;
  });
}
