/**
 * Which spec belongs to which service: the config file says so, the spec sits in the service's folder, or its file
 * name or `info.title` names the service. A spec with no answer, or with two, is skipped with the reason.
 */
import { basename, dirname, extname, sep } from 'node:path';

export interface ServiceFolder {
  id: string;
  name: string;
  dir: string;
}

export type MappingVia = 'config' | 'folder' | 'file name' | 'title';

export interface SpecMapping {
  spec: string;
  service: string;
  dir: string;
  via: MappingVia;
  /** A gateway prefix the config gives for the service (`/orders`), stripped before matching. */
  prefix?: string;
}

export interface SkippedItem {
  path: string;
  reason: string;
  start?: number;
  end?: number;
}

/** `.backend-architect.yaml` `services:`, with absolute spec paths. */
export interface ServiceSpecConfig {
  service: string;
  specs: string[];
  prefix?: string;
}

const NOISE = new Set(['service', 'svc', 'api', 'server', 'app', 'openapi', 'swagger', 'spec', 'schema', 'rest', 'http', 'definition', 'contract', 'public', 'internal', 'the', 'for', 'yaml', 'yml', 'json']);
const singular = (t: string) => (t.length > 3 && t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t);

/** The words of a name that can name a service: `OrdersService`, `orders-svc`, `Orders API v2` -> `order`. */
export function nameKey(name: string): string {
  return nameTokens(name).join('-');
}

function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map(singular)
    .filter((t) => t && !NOISE.has(t) && !/^v\d+$/.test(t) && !/^\d+$/.test(t));
}

/** A major version token of a name (`orders-v2`, `Orders API V3`): `2`, `3`. */
function versionOf(name: string): string | undefined {
  return /(?:^|[^a-z0-9])v(\d+)(?=[^a-z0-9]|$)/i.exec(name)?.[1];
}

/** The name a spec file gives: its file name, or its folder's for a generic name (`orders/openapi.yaml`). */
function fileKey(spec: string): string {
  const own = nameKey(basename(spec, extname(spec)));
  return own || nameKey(basename(dirname(spec)));
}

/** Services whose name the key names: equal keys first; else a title that contains the service's words in order. */
function named(key: string, services: ServiceFolder[], contains: boolean): ServiceFolder[] {
  if (!key) return [];
  const equal = services.filter((s) => nameKey(s.name) === key);
  if (equal.length || !contains) return equal;
  const words = `-${key}-`;
  return services.filter((s) => nameKey(s.name) && words.includes(`-${nameKey(s.name)}-`));
}

const uniqueDirs = (list: ServiceFolder[]) => [...new Map(list.map((s) => [s.dir + '|' + s.id, s])).values()];

export function mapSpecs(
  specs: { path: string; title?: string }[],
  services: ServiceFolder[],
  config: ServiceSpecConfig[],
  fallback: ReadonlyMap<string, ServiceFolder | undefined>,
): { mappings: SpecMapping[]; skipped: SkippedItem[] } {
  const mappings: SpecMapping[] = [];
  const skipped: SkippedItem[] = [];
  const byConfig = new Map<string, ServiceSpecConfig>();
  for (const c of config) for (const s of c.specs) byConfig.set(s, c);
  for (const spec of specs) {
    const configured = byConfig.get(spec.path);
    if (configured) {
      const svc = services.find((s) => s.name === configured.service || s.id === configured.service) ?? [...fallback.values()].find((s) => s?.name === configured.service);
      if (svc) mappings.push({ spec: spec.path, service: svc.id, dir: svc.dir, via: 'config', prefix: configured.prefix });
      else skipped.push({ path: spec.path, reason: `the config file gives it to service '${configured.service}', which no compose file, manifest or service folder defines` });
      continue;
    }
    const holders = services.filter((s) => spec.path.startsWith(s.dir + sep));
    const deepest = Math.max(-1, ...holders.map((s) => s.dir.length));
    const inFolder = uniqueDirs(holders.filter((s) => s.dir.length === deepest));
    // A version in both names that differs (`content-analysis-v2.yaml`, service `content-analysis-v3`) tells them apart.
    const version = versionOf(basename(spec.path, extname(spec.path))) ?? versionOf(spec.title ?? '');
    const sameVersion = (list: ServiceFolder[]) => list.filter((s) => !version || !versionOf(s.name) || versionOf(s.name) === version);
    const byFile = sameVersion(named(fileKey(spec.path), services, false));
    const byTitle = sameVersion(named(nameKey(spec.title ?? ''), services, true));
    const byName = byFile.length ? byFile : byTitle;
    const via: MappingVia = byFile.length ? 'file name' : 'title';
    if (inFolder.length) {
      const agree = inFolder.filter((s) => byName.includes(s));
      // Services built from one folder run one code base: the spec describes that code, whichever runs it.
      const shared = inFolder.length > 1 && !byName.some((s) => !inFolder.includes(s)) ? { ...inFolder[0], id: inFolder.map((s) => s.id).join(', ') } : undefined;
      const pick = inFolder.length === 1 && (!byName.length || agree.length) ? inFolder[0] : agree.length === 1 ? agree[0] : shared;
      if (pick) mappings.push({ spec: spec.path, service: pick.id, dir: pick.dir, via: 'folder' });
      else if (inFolder.length > 1) skipped.push({ path: spec.path, reason: `it sits in the folder of several services (${inFolder.map((s) => s.id).join(', ')})${byName.length ? ` and its ${via} names ${byName.map((s) => s.id).join(', ')}` : ''}` });
      else skipped.push({ path: spec.path, reason: `it sits in the folder of service ${inFolder[0].id} but its ${via} names ${byName.map((s) => s.id).join(', ')}` });
      continue;
    }
    const own = fallback.get(spec.path);
    if (own && (!byName.length || byName.some((s) => s.dir === own.dir))) {
      mappings.push({ spec: spec.path, service: own.id, dir: own.dir, via: 'folder' });
      continue;
    }
    const distinct = uniqueDirs(byName);
    if (distinct.length === 1) mappings.push({ spec: spec.path, service: distinct[0].id, dir: distinct[0].dir, via });
    else if (distinct.length > 1) skipped.push({ path: spec.path, reason: `its ${via} names several services (${distinct.map((s) => s.id).join(', ')})` });
    else skipped.push({ path: spec.path, reason: 'no service folder holds it and neither its file name nor its title names a service (the config file can map it: services.<name>.spec)' });
  }
  return { mappings, skipped };
}
