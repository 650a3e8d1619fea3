import { entries, get, isMap, isSeq, items, str, type DataNode } from '../core/documents/tree';
import { composeServices, datastoreKind, dependsOn } from '../core/rules/compose';
import { operations } from '../core/rules/openapi';
import type { WorkspaceIndex } from '../core/workspace/index';

export interface ServiceInfo {
  name: string;
  file: string;
  image?: string;
  build?: string;
  /** The datastore the image runs (postgres, redis, ...), when it is one. */
  datastore?: string;
  dependsOn: string[];
  ports: string[];
  /** Names only: values may be secrets. */
  environment: string[];
  healthcheck: boolean;
}

export interface SpecInfo {
  file: string;
  title?: string;
  version?: string;
  operations: number;
  securitySchemes: string[];
  servers: string[];
}

export interface Architecture {
  services: ServiceInfo[];
  specs: SpecInfo[];
}

function envNames(node: DataNode | undefined): string[] {
  if (isMap(node)) return entries(node).map((e) => e.key.text);
  if (isSeq(node)) return items(node).map((i) => (str(i) ?? '').split('=')[0]).filter(Boolean);
  return [];
}

function scalarList(node: DataNode | undefined): string[] {
  return items(node).map((i) => str(i)).filter((x): x is string => !!x);
}

/**
 * Services and datastores of the compose files and the OpenAPI specs the analyzer indexed. Environment values are
 * left out on purpose (they are where secrets live); the names say enough about what a service talks to.
 */
export function describeArchitecture(index: WorkspaceIndex, display: (abs: string) => string): Architecture {
  const services: ServiceInfo[] = [];
  for (const file of index.ofKind('compose')) {
    if (!file.data) continue;
    for (const s of composeServices(file.data)) {
      const build = get(s.node, 'build');
      services.push({
        name: s.name,
        file: display(file.path),
        image: s.image,
        build: str(build) ?? str(get(build, 'context')),
        datastore: datastoreKind(s.image),
        dependsOn: dependsOn(s.node),
        ports: scalarList(get(s.node, 'ports')),
        environment: envNames(get(s.node, 'environment')),
        healthcheck: get(s.node, 'healthcheck') !== undefined,
      });
    }
  }
  const specs: SpecInfo[] = [];
  for (const file of index.ofKind('openapi')) {
    if (!file.data) continue;
    const root = file.data;
    const schemes = get(get(root, 'components'), 'securitySchemes') ?? get(root, 'securityDefinitions');
    specs.push({
      file: display(file.path),
      title: str(get(get(root, 'info'), 'title')),
      version: str(get(get(root, 'info'), 'version')),
      operations: operations(root).length,
      securitySchemes: entries(schemes).map((e) => e.key.text),
      servers: items(get(root, 'servers')).map((s) => str(get(s, 'url')) ?? '').filter(Boolean),
    });
  }
  return { services, specs };
}

/** The architecture as compact Markdown for the system prompt and the get_architecture tool. */
export function architectureMarkdown(a: Architecture): string {
  const lines: string[] = [];
  const stores = a.services.filter((s) => s.datastore);
  const apps = a.services.filter((s) => !s.datastore);
  lines.push(`### Services (${apps.length})`);
  if (!apps.length) lines.push('- none found in compose files');
  for (const s of apps) {
    const parts = [s.image ? `image ${s.image}` : s.build ? `built from ${s.build}` : undefined, s.dependsOn.length ? `depends on ${s.dependsOn.join(', ')}` : undefined, s.ports.length ? `ports ${s.ports.join(', ')}` : undefined, s.environment.length ? `env ${s.environment.join(', ')}` : undefined, s.healthcheck ? 'healthcheck' : 'no healthcheck'];
    lines.push(`- ${s.name} (${s.file}): ${parts.filter(Boolean).join('; ')}`);
  }
  lines.push(`### Datastores (${stores.length})`);
  if (!stores.length) lines.push('- none found in compose files');
  for (const s of stores) {
    const users = a.services.filter((o) => o.dependsOn.includes(s.name)).map((o) => o.name);
    lines.push(`- ${s.name}: ${s.datastore} (${s.image}); used by ${users.join(', ') || 'no declared dependant'}; ${s.ports.length ? `ports ${s.ports.join(', ')}` : 'no published ports'}; ${s.healthcheck ? 'healthcheck' : 'no healthcheck'}`);
  }
  lines.push(`### OpenAPI specs (${a.specs.length})`);
  if (!a.specs.length) lines.push('- none found');
  for (const s of a.specs) {
    lines.push(`- ${s.file}: ${s.title ?? 'untitled'} ${s.version ?? ''}; ${s.operations} operations; security schemes: ${s.securitySchemes.join(', ') || 'none'}; servers: ${s.servers.join(', ') || 'none'}`);
  }
  return lines.join('\n');
}
