import { readFile } from '../fsAsync';
import { dirname, sep } from 'node:path';
import { LineIndex } from '../text/lineIndex';
import { classify, isComposeName, isKustomizationName, type FileKind } from '../documents/classify';
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
  const listed = opts.composeFiles ? undefined : await listWorkspaceFiles(root, { isExcluded: opts.isExcluded });
  const read = (f: string) => (opts.fs ? opts.fs.read(f) : readFile(f, 'utf8').catch(() => undefined));
  const files = opts.composeFiles?.map((path) => ({ path, kind: 'compose' as const })) ?? (await findDeployFiles(listed!));
  for (const f of files) {
    const text = await read(f.path);
    if (text !== undefined) store.setSource(f.kind, f.path, text);
  }
  const model = await store.model();
  if (listed) model.codeServices = await findCodeServices(model, listed, read);
  return model;
}

/** The compose files and Kubernetes manifests (kustomizations included) among the listed files. */
export async function findDeployFiles(listed: string[]): Promise<{ path: string; kind: 'compose' | 'kubernetes' }[]> {
  const out: { path: string; kind: 'compose' | 'kubernetes' }[] = [];
  const yaml = listed.filter((f) => !isComposeName(f) && !isKustomizationName(f) && /\.ya?ml$/i.test(f));
  // Read a few at a time: a repository of thousands of YAML files waits on the disk far less.
  const kinds = new Map<string, FileKind | undefined>();
  for (let i = 0; i < yaml.length; i += 32) {
    const batch = yaml.slice(i, i + 32);
    const texts = await Promise.all(batch.map((f) => readFile(f, 'utf8').catch(() => '')));
    batch.forEach((f, k) => kinds.set(f, classify(f, texts[k])));
  }
  for (const f of listed) {
    if (isComposeName(f)) out.push({ path: f, kind: 'compose' });
    else if (isKustomizationName(f)) out.push({ path: f, kind: 'kubernetes' });
    else {
      const kind = kinds.get(f);
      if (kind === 'compose' || kind === 'kubernetes') out.push({ path: f, kind });
    }
  }
  return out;
}

export const SERVER_MARKER = /\b(express\(\)|fastify\(|new Koa\(|\.listen\(\s*(port|PORT|\d{2,5}|process\.env)|http\.createServer\(|FastAPI\(|Flask\(__name__\)|uvicorn\.run\(|http\.ListenAndServe\(|gin\.(Default|New)\(\)|echo\.New\(\)|chi\.NewRouter\(\)|@SpringBootApplication|SpringApplication\.run\()/;
const LANGUAGE: Record<string, string> = { py: 'python', ts: 'typescript', mts: 'typescript', js: 'javascript', mjs: 'javascript', cjs: 'javascript', go: 'go', java: 'java' };

/** Code folders that start an HTTP server but that no compose service builds (one per folder, its first server file). */
export async function findCodeServices(model: WorkspaceModel, listed: string[], read: (f: string) => Promise<string | undefined>): Promise<WorkspaceModel['codeServices']> {
  const built = model.services.map((s) => s.sourceDir).filter((d): d is string => !!d);
  const out: WorkspaceModel['codeServices'] = [];
  for (const f of listed) {
    const ext = /\.(\w+)$/.exec(f)?.[1] ?? '';
    const language = LANGUAGE[ext];
    if (!language || /(^|[/\\])(test|tests|__tests__|examples?|node_modules)[/\\]|\.(test|spec)\.\w+$|_test\.go$/.test(f)) continue;
    if (built.some((d) => f.startsWith(d + sep)) || out.some((c) => f.startsWith(c.dir + sep))) continue;
    const text = await read(f);
    const m = text && SERVER_MARKER.exec(text);
    if (!m || !text) continue;
    const lines = new LineIndex(text);
    out.push({ dir: dirname(f), language, location: { path: f, start: m.index, end: m.index + m[0].length, range: lines.rangeOf(m.index, m.index + m[0].length) } });
  }
  return out;
}

const mermaidId = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');
/** Text inside a quoted Mermaid label: markup characters as Mermaid entity codes, so a name stays text. */
const label = (s: string) => s.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\|/g, '#124;').replace(/`/g, '#96;').replace(/\[/g, '#91;').replace(/\]/g, '#93;').replace(/\(/g, '#40;').replace(/\)/g, '#41;').replace(/[\r\n]+/g, ' ');

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
  lines.push(...messagingLines(model));
  return lines.join('\n') + '\n';
}

/** Topics and queues as parallelograms: producer --> topic --> consumer; an unnamed topic as a dotted arrow to the broker. */
function messagingLines(model: WorkspaceModel): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (line: string) => seen.has(line) || (seen.add(line), out.push(line));
  for (const m of model.messaging ?? []) {
    const service = mermaidId(m.service);
    if (!m.topic) {
      if (m.brokerService) push(m.role === 'producer' ? `  ${service} -.->|${m.broker}| ${mermaidId(m.brokerService)}` : `  ${mermaidId(m.brokerService)} -.->|${m.broker}| ${service}`);
      continue;
    }
    const topic = mermaidId(`topic_${m.broker}_${m.topic}`);
    push(`  ${topic}[/"${label(m.topic)}<br/>${m.broker}"/]`);
    push(m.role === 'producer' ? `  ${service} --> ${topic}` : `  ${topic} --> ${service}`);
  }
  return out;
}
