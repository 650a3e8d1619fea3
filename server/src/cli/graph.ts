// `backend-architect graph [path] [--format mermaid|json]`: prints the workspace model's services, datastores and edges.
import { stat } from '../core/fsAsync';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { relativePath } from '../core/project';
import { buildWorkspaceModel, renderMermaid, type Location, type WorkspaceModel } from '../core/workspace/index';
import type { ConsistencyOverview } from '../core/workspace/specs/index';
import { consistencyOverview } from '../core/workspace/specs/overview';
import { loadCliConfig } from './config';
import { CliError } from './errors';
import { TOOL_NAME } from './version';

const FORMATS = ['mermaid', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const GRAPH_USAGE = `Usage: ${TOOL_NAME} graph [path] [--format mermaid|json] [--config FILE]

Prints the system's services, datastores, the connections between them and the topics and queues
they produce to and consume from (topic null: not named by a literal in the code), read from the compose files and
Kubernetes manifests (with Kustomize) under path (default: the current directory) and the services' own code
and config; then which OpenAPI spec belongs to which service, and what could not be compared with the code.

  -f, --format FORMAT    mermaid (default): a Mermaid flowchart; json: the workspace model, paths relative to
                         the current directory (environment variable names only, never their values)
  -c, --config FILE      Configuration file whose ignore globs apply (default: .backend-architect.yaml, if any)
  -h, --help             Show this help
`;

export interface GraphIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

export async function runGraph(args: string[], io: GraphIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { format: { type: 'string', short: 'f' }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    const unknown = /^Unknown option '([^']+)'/.exec((e as Error).message);
    throw new CliError(unknown ? `graph: unknown option '${unknown[1]}'` : `graph: ${(e as Error).message.split('\n')[0].replace(/\.$/, '')}`, [], true);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(GRAPH_USAGE);
    return 0;
  }
  const format = (values.format ?? 'mermaid') as Format;
  if (!FORMATS.includes(format)) throw new CliError(`graph: unknown format '${values.format}' (expected ${FORMATS.join(', ')})`);
  if (positionals.length > 1) throw new CliError('graph: give one directory at most', [], true);
  const root = resolve(io.cwd, positionals[0] ?? '.');
  const st = await stat(root).catch(() => undefined);
  if (!st?.isDirectory()) throw new CliError(`graph: no such directory: ${positionals[0]}`);
  const { config } = await loadCliConfig(io.cwd, values.config);
  const model = await buildWorkspaceModel(root, { isExcluded: (rel) => config.isIgnored(rel) });
  if (!model.services.length) io.err(`${TOOL_NAME}: note: no compose service or Kubernetes workload found under ${positionals[0] ?? '.'}\n`);
  const specs = await consistencyOverview(root, config);
  io.out(format === 'json' ? `${JSON.stringify({ ...(toJson(model, io.cwd) as object), ...specsJson(specs, io.cwd) }, null, 2)}\n` : renderMermaid(model) + specComments(specs, io.cwd));
  return 0;
}

/** Which spec belongs to which service, and what the routes-against-spec rules skipped and why. */
function specsJson(o: ConsistencyOverview, cwd: string) {
  const rel = (p: string) => relativePath(cwd, p) || '.';
  return {
    specs: o.mappings.map((m) => ({ spec: rel(m.spec), service: m.service, via: m.via, ...(m.prefix ? { prefix: m.prefix } : {}) })),
    skipped: o.skipped.map((s) => ({ path: rel(s.path), reason: s.reason })),
  };
}

/** The same as Mermaid comment lines, after the chart. */
function specComments(o: ConsistencyOverview, cwd: string): string {
  const rel = (p: string) => relativePath(cwd, p) || '.';
  const lines = o.mappings.map((m) => `%% spec ${rel(m.spec)} belongs to ${m.service} (${m.via})`);
  for (const s of o.skipped) lines.push(`%% not compared with code: ${rel(s.path)}: ${s.reason}`);
  return lines.map((l) => l.replace(/[\r\n]+/g, ' ') + '\n').join('');
}

/** The model for `--format json`: 1-based lines and columns, paths relative to cwd, no environment values. */
export function toJson(model: WorkspaceModel, cwd: string): unknown {
  const rel = (p: string) => relativePath(cwd, p) || '.';
  const loc = (l: Location) => ({ path: rel(l.path), line: l.range.start.line + 1, column: l.range.start.character + 1 });
  return {
    services: model.services.map((s) => ({
      id: s.id,
      name: s.name,
      project: rel(s.project),
      location: loc(s.location),
      ...(s.image ? { image: s.image.value } : {}),
      ...(s.sourceDir ? { sourceDir: rel(s.sourceDir) } : {}),
      ...(s.datastore ? { datastore: { kind: s.datastore.kind, category: s.datastore.category, via: s.datastore.via }, databases: s.databases } : {}),
      dependsOn: s.dependsOn.map((d) => (d.condition ? { service: d.service, condition: d.condition } : { service: d.service })),
      environment: s.environment.map((e) => e.name),
      ports: s.ports.map((p) => p.value),
      volumes: s.volumes.map((v) => v.value),
      healthcheck: !!s.healthcheck && !s.healthcheck.disabled,
      ...(s.healthRoute ? { healthRoute: s.healthRoute } : {}),
      ...(s.restart ? { restart: s.restart.value } : {}),
      ...(s.profiles.length ? { profiles: s.profiles } : {}),
    })),
    edges: model.edges.map((e) => ({ from: e.from, to: e.to, source: e.source, via: e.via, ...(e.database ? { database: e.database } : {}), location: loc(e.location) })),
    projects: model.projects.map((p) => ({ main: rel(p.main), files: p.files.map(rel) })),
    ...(model.messaging ? { messaging: model.messaging.map((m) => ({ service: m.service, role: m.role, broker: m.broker, library: m.library, topic: m.topic ?? null, ...(m.brokerService ? { brokerService: m.brokerService } : {}), location: loc(m.location) })) } : {}),
  };
}
