// The optional real render: `helm template <chart>` with a helm binary the user has, its output split back into the
// templates it came from, and the Kubernetes rules run on it. Nothing here decides whether it may run: the caller
// runs it only when the user enabled Helm rendering and the workspace is trusted.
import { execFile, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { EffectiveConfig } from '../config/effective';
import { makeSource } from '../documents/source';
import { analyzeSource } from '../engine';
import { RULES } from '../rules/index';
import { WorkspaceIndex } from '../workspace/index';
import type { HelmResult, HelmRuleId } from './static';

export type RenderResult = { ok: true; text: string } | { ok: false; error: string };

/** helm's output is read into memory: a larger render is refused rather than held. */
export const MAX_RENDER_BYTES = 32 * 1024 * 1024;

/**
 * The helm binary to run: `configured` (a path, or a name looked up on PATH) when given, else `helm` on PATH.
 * Only looks for an executable file; runs nothing.
 */
export function locateHelm(configured?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const isExecutable = (p: string) => {
    try {
      if (!statSync(p).isFile()) return false;
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const wanted = configured?.trim() || 'helm';
  if (isAbsolute(wanted)) return isExecutable(wanted) ? wanted : undefined;
  if (/[\\/]/.test(wanted)) return undefined; // a relative path would resolve against the server's folder: refused
  const names = process.platform === 'win32' ? [`${wanted}.exe`, `${wanted}.cmd`, wanted] : [wanted];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue; // '' and '.' would search the current folder, maybe the workspace
    for (const name of names) if (isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * Runs `helm template <chartDir>` and returns what it printed, or why it failed. The process is killed when it runs
 * longer than `timeoutMs`, and the answer then comes at once. helm renders the chart's text only: it runs no hooks,
 * no post-renderer and fetches no dependency (a chart whose `charts/` is missing a dependency fails with helm's own
 * message), so it starts no process of its own that would outlive it.
 */
export function renderChart(chartDir: string, helmPath: string, timeoutMs: number): Promise<RenderResult> {
  return new Promise((done) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (r: RenderResult) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      done(r);
    };
    let child: ChildProcess;
    try {
      // An absolute chart folder: it cannot be read as a flag, and does not depend on helm's working folder.
      child = execFile(
        helmPath,
        ['template', resolve(chartDir)],
        { encoding: 'utf8', maxBuffer: MAX_RENDER_BYTES, windowsHide: true },
        (err, stdout, stderr) => {
          if (!err) return finish({ ok: true, text: stdout });
          const e = err as NodeJS.ErrnoException & { code?: string | number };
          if (e.code === 'ENOENT') return finish({ ok: false, error: `helm was not found at ${helmPath}` });
          if (e.code === 'EACCES') return finish({ ok: false, error: `${helmPath} cannot be run (permission denied)` });
          if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return finish({ ok: false, error: `helm template printed more than ${MAX_RENDER_BYTES / 1024 / 1024} MB; the render was stopped` });
          const why = firstLines(String(stderr)) || e.message;
          finish({ ok: false, error: `helm template failed${typeof e.code === 'number' ? ` (exit code ${e.code})` : ''}: ${why}` });
        },
      );
    } catch (e) {
      finish({ ok: false, error: `helm could not be started: ${(e as Error).message}` });
      return;
    }
    timer = setTimeout(() => {
      kill(child);
      finish({ ok: false, error: `helm template did not finish within ${timeoutMs} ms and was stopped` });
    }, timeoutMs);
  });
}

function kill(child: ChildProcess): void {
  try {
    child.kill('SIGKILL');
  } catch {
    // already gone
  }
}

function firstLines(text: string, n = 5): string {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, n).join(' / ');
}

/**
 * Splits `helm template` output by its `# Source: <chart>/templates/x.yaml` comments: for each template (its path
 * relative to the chart folder, `templates/x.yaml`; a dependency's is `charts/<name>/templates/x.yaml`), the text of
 * the documents it rendered, in order. Documents without a Source comment are left out.
 */
export function mapSources(rendered: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const doc of rendered.split(/^---[ \t]*$/m)) {
    const source = /^[ \t]*# Source: (.+?)[ \t]*$/m.exec(doc);
    if (!source || doc.slice(0, source.index).trim()) continue;
    const full = source[1].replace(/\\/g, '/');
    const path = full.includes('/') ? full.slice(full.indexOf('/') + 1) : full;
    if (!doc.slice(source.index + source[0].length).trim()) continue; // the comment alone: the template rendered nothing
    const text = `${doc.slice(source.index).trimEnd()}\n`;
    const list = out.get(path) ?? [];
    list.push(text);
    out.set(path, list);
  }
  return out;
}

const HELM_RULES: readonly HelmRuleId[] = ['unpinned-image', 'missing-resource-limits', 'missing-healthcheck'];

/** Where a `helm` result was found in the rendered text of its template. */
export interface RenderedAt {
  /** The documents the template rendered, joined with `---`, as they were checked. */
  text: string;
  start: number;
  end: number;
}

/**
 * The Kubernetes rules (unpinned-image, missing-resource-limits, missing-healthcheck) on a chart's rendered output,
 * every template's documents known to one workspace model (so a Service in one template serves a Deployment in
 * another). A result's `path` is the template's file and `at` its start: rendered lines do not map back to template
 * lines; `rendered` says where in the rendered text it is.
 */
export async function checkRendered(chartDir: string, rendered: string, config: EffectiveConfig): Promise<(HelmResult & { rendered: RenderedAt })[]> {
  const rules = RULES.filter((r) => (HELM_RULES as readonly string[]).includes(r.id));
  const sources = [...mapSources(rendered)].map(([rel, docs]) => makeSource(join(resolve(chartDir), rel), docs.join('---\n'), 'kubernetes'));
  const workspace = new WorkspaceIndex();
  for (const s of sources) workspace.model.setSource('kubernetes', s.path, s.text);
  const out: (HelmResult & { rendered: RenderedAt })[] = [];
  for (const source of sources) {
    const { findings } = await analyzeSource({ source, config, workspace, rules });
    for (const f of findings) {
      if (!(HELM_RULES as readonly string[]).includes(f.ruleId)) continue; // a rendered document that is not valid YAML: parse-error
      out.push({
        ruleId: f.ruleId as HelmRuleId,
        message: f.message,
        severity: f.severity,
        path: source.path,
        at: { start: 0, end: 0 },
        via: 'helm',
        rendered: { text: source.text, start: source.lines.offsetAt(f.range.start), end: source.lines.offsetAt(f.range.end) },
      });
    }
  }
  return out;
}
