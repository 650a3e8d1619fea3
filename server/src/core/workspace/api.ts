import { readFile } from 'node:fs/promises';
import { classify, isComposeName } from '../documents/classify';
import { listWorkspaceFiles } from './scan';
import type { ModelFs } from './fs';
import type { WorkspaceModel } from './model';
import { WorkspaceModelStore } from './store';

export interface BuildOptions {
  /** Workspace-relative paths to leave out (exclude globs, config ignores), as for the scan. */
  isExcluded?: (relativePath: string) => boolean;
  /** Compose files to start from instead of listing the workspace (each one's directory siblings are read too). */
  composeFiles?: string[];
  fs?: ModelFs;
}

/**
 * Builds the model of a workspace folder from disk, once: every compose file under `root` (by name, or a YAML
 * file with a top-level `services:` of images/builds), their projects (overrides, include, extends, .env), and
 * the build contexts' code and config. Editor-free: the CLI's `graph`, the chat tools and tests call this.
 */
export async function buildWorkspaceModel(root: string, opts: BuildOptions = {}): Promise<WorkspaceModel> {
  const store = new WorkspaceModelStore(root, opts.fs);
  const files = opts.composeFiles ?? (await findComposeFiles(root, opts.isExcluded));
  for (const f of files) {
    const text = await (opts.fs ? opts.fs.read(f) : readFile(f, 'utf8').catch(() => undefined));
    if (text !== undefined) store.setCompose(f, text);
  }
  return store.model();
}

async function findComposeFiles(root: string, isExcluded?: (rel: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  for (const f of await listWorkspaceFiles(root, { isExcluded })) {
    if (isComposeName(f)) out.push(f);
    else if (/\.ya?ml$/i.test(f)) {
      const text = await readFile(f, 'utf8').catch(() => '');
      if (classify(f, text) === 'compose') out.push(f);
    }
  }
  return out;
}

const mermaidId = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');
const label = (s: string) => s.replace(/"/g, "'");

/** A Mermaid flowchart of the model: services as boxes, datastores as cylinders, one arrow per connection. */
export function renderMermaid(model: WorkspaceModel): string {
  const lines = ['flowchart LR'];
  for (const s of model.services) {
    const id = mermaidId(s.id);
    if (s.datastore) lines.push(`  ${id}[("${label(s.id)}<br/>${s.datastore.kind}${s.databases.length ? `: ${label(s.databases.join(', '))}` : ''}")]`);
    else lines.push(`  ${id}["${label(s.id)}"]`);
  }
  const seen = new Set<string>();
  for (const e of model.edges) {
    const key = `${e.from}>${e.to}>${e.database ?? ''}`;
    if (seen.has(key) || (e.source === 'depends_on' && model.edges.some((x) => x !== e && x.from === e.from && x.to === e.to && x.source !== 'depends_on'))) continue;
    seen.add(key);
    const text = e.database ? `|${label(e.database)}|` : '';
    lines.push(`  ${mermaidId(e.from)} -->${text} ${mermaidId(e.to)}`);
  }
  return lines.join('\n') + '\n';
}
