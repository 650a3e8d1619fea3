/**
 * The internal hosts a system's code and configuration call, judged against the services its deployments define:
 * a single-label name or a cluster name (`orders.shop.svc.cluster.local`) that no compose service, alias or
 * Kubernetes Service answers to, or a known host on a port it does not serve. Reuses the model's connection
 * reading (connections.ts); this file only decides which of the hosts read are unknown.
 */
import { normalizeKey, pairHosts, type KeyValue } from './connections';
import type { Location, WorkspaceModel } from './model';
import { namesNetworkHost } from './networkSchemes';

export interface HostProblem {
  host: string;
  /** Set when the host is known but the port is not one it serves. */
  port?: number;
  /** The ports the host serves, for the message. */
  served?: number[];
  /** What names it (a variable or key, '' for a literal) and where. */
  via: string;
  location: Location;
}

/** Per lower-case host name: the ports each definition answering to it serves (undefined: not known). */
export interface HostTable {
  hosts: Map<string, { allowed?: Set<number>; published?: Set<number> }[]>;
  namespaces: Set<string>;
}

const ALWAYS_THERE = /^(localhost|host\.docker\.internal|gateway\.docker\.internal|kubernetes(\.default(\.svc(\.cluster\.local)?)?)?)$/;
/** Words used as stand-ins in samples and docs, never a real service. */
const PLACEHOLDER = /^(unix|host|hostname|server|service|servicename|your[\w-]*|my-?host|example|sample|foo|bar|baz|dummy|placeholder|changeme|test|xxx+|none|null|true|false|yes|no|on|off|default|auto|enabled|disabled|unknown|any|all|internal|local)$/i;
/** Host variables that name the service itself (its bind address, its own name), not a target. */
const SELF_NAME = /^(HOST|HOSTNAME|BIND_\w+|LISTEN_\w+|\w*_BIND_\w+|\w*ADVERTISED_\w+|SERVER_NAME|\w*PUBLIC_\w+|\w*EXTERNAL_\w+)$/;
/** Where a build fetches packages (`GOPROXY=https://goproxy.cn,direct`, `PIP_INDEX_URL`, an npm registry): a setting of the build, not a service called. */
const PACKAGE_SOURCE = /^(GOPROXY|GOSUMDB|GOPRIVATE|GONOPROXY|GONOSUMDB|GOINSECURE|GOFLAGS|PIP_(EXTRA_)?INDEX_URL|PIP_TRUSTED_HOST|NPM_CONFIG_REGISTRY|YARN_REGISTRY|UV_(EXTRA_)?INDEX_URL|POETRY_\w+_URL|MAVEN_MIRROR_URL|CARGO_REGISTRIES_\w+)$/;
/** Bare values (no scheme) count only in these variables, or with a port. */
const BARE_HOST_NAME = /(^|_)(HOST|HOSTS|ADDRS?|ADDRESS(ES)?|SERVERS|NODES|BROKERS?|BOOTSTRAP_SERVERS)$/;

export function hostTable(model: WorkspaceModel): HostTable {
  const hosts: HostTable['hosts'] = new Map();
  const add = (h: string, entry: { allowed?: Set<number>; published?: Set<number> }) => {
    const key = h.toLowerCase();
    (hosts.get(key) ?? hosts.set(key, []).get(key)!).push(entry);
  };
  const namespaces = new Set<string>(['default']);
  for (const s of model.services) {
    if (s.origin === 'kubernetes') {
      if (s.workload?.namespace) namespaces.add(s.workload.namespace);
      continue; // reached through its Services (below)
    }
    const container = new Set<number>();
    const published = new Set<number>();
    for (const p of s.ports) {
      const m = /^(?:(?:\d+\.[\d.]+|\[[\da-f:]+\]):)?(?:(\d+)(?:-\d+)?:)?(\d+)(?:-\d+)?(?:\/\w+)?$/i.exec(p.value.trim());
      if (!m) continue; // a range, or an interpolation left as written
      container.add(Number(m[2]));
      if (m[1]) published.add(Number(m[1]));
    }
    for (const e of s.expose) container.add(Number(e.value.replace(/\/\w+$/, '')));
    for (const h of s.hostnames) add(h, { published: new Set([...published].filter((p) => !container.has(p))) });
  }
  for (const s of model.services) for (const h of s.extraHosts ?? []) add(h, {});
  for (const k of model.kubeServices ?? []) {
    if (k.namespace) namespaces.add(k.namespace);
    const entry = { allowed: k.ports && new Set(k.ports) };
    for (const h of k.hostnames) add(h, entry);
  }
  return { hosts, namespaces };
}

/** A host one variable calls, as far as it can be judged without the deployments. */
interface Candidate {
  host: string;
  /** For a cluster name (`orders.shop.svc`): its namespace, which must be one of the workspace's. */
  namespace?: string;
  /** The port written after it, if any. */
  port?: number;
}

/**
 * Whether a host is one the system's deployments should define: a single label, or a cluster name (whose
 * namespace the caller checks). undefined: not internal.
 */
function internalForm(host: string): { namespace?: string } | undefined {
  if (ALWAYS_THERE.test(host) || PLACEHOLDER.test(host) || !/^[a-z][\w-]*[a-z0-9](\.|$)/.test(host)) return undefined;
  if (!host.includes('.')) return {};
  const parts = host.split('.');
  const clusterName = /\.svc(\.cluster\.local)?$/.test(host) ? parts.length === (host.endsWith('.local') ? 5 : 3) : parts.length === 2;
  return clusterName ? { namespace: parts[1] } : undefined;
}

/** The internal hosts a variable calls, with their ports: the part of the judgement that needs no deployment. */
function candidatesOf(name: string, value: string): readonly Candidate[] {
  const out: Candidate[] = [];
  const key = normalizeKey(name);
  if (PACKAGE_SOURCE.test(key)) return out;
  for (const c of pairHosts(name, value)) {
    if (/^[A-Z0-9_-]+$/.test(c.host) && /[A-Z]/.test(c.host)) continue; // FRONTEND_IP_ADDRESS: a token a script replaces
    if (c.scheme && !namesNetworkHost(c.scheme)) continue; // app://workspaces/..., s3://bucket: no host to resolve
    const host = c.host.toLowerCase();
    const form = host ? internalForm(host) : undefined;
    if (!form) continue;
    const port = portOf(value, host);
    if (!c.scheme && (SELF_NAME.test(key) || !(BARE_HOST_NAME.test(key) || port !== undefined))) continue;
    out.push({ host, namespace: form.namespace, port });
  }
  return out;
}

const candidatesByPair = new Map<string, readonly Candidate[]>();
const MAX_CACHED = 20_000;

/** candidatesOf, cached by name and value: each keystroke judges the same variables again. */
function cachedCandidates(name: string, value: string): readonly Candidate[] {
  if (value.length > 2000) return candidatesOf(name, value);
  const key = `${name}\0${value}`;
  let found = candidatesByPair.get(key);
  if (!found) {
    if (candidatesByPair.size >= MAX_CACHED) candidatesByPair.clear();
    candidatesByPair.set(key, (found = candidatesOf(name, value)));
  }
  return found;
}

/** The unknown hosts and wrong ports among the connections written in one scope (a file, or a service's environment). */
export function hostProblems(pairs: KeyValue<Location>[], table: HostTable): HostProblem[] {
  const out: HostProblem[] = [];
  for (const pair of pairs) {
    for (const { host, namespace, port } of cachedCandidates(pair.name, pair.value)) {
      if (namespace !== undefined && !table.namespaces.has(namespace)) continue;
      const known = table.hosts.get(host) ?? composeContainerOf(host, table);
      if (!known) {
        out.push({ host, via: pair.name, location: pair.location });
        continue;
      }
      if (port === undefined) continue;
      const wrong = known.every((k) => (k.allowed ? !k.allowed.has(port) : !!k.published?.has(port)));
      if (wrong) out.push({ host, port, served: [...new Set(known.flatMap((k) => [...(k.allowed ?? [])]))].sort((a, b) => a - b), via: pair.name, location: pair.location });
    }
  }
  return out;
}

/**
 * A host that is compose's default container name for a known service, `<project>-<service>-<n>` (or
 * `<project>_<service>_<n>`, compose v1): Docker's DNS resolves it on the project's network.
 */
function composeContainerOf(host: string, table: HostTable): ReturnType<HostTable['hosts']['get']> {
  const m = /^(.+)[-_]\d+$/.exec(host);
  if (!m) return undefined;
  const name = m[1];
  for (let i = name.search(/[-_]/); i > 0; i = name.slice(i + 1).search(/[-_]/) < 0 ? -1 : i + 1 + name.slice(i + 1).search(/[-_]/)) {
    const known = table.hosts.get(name.slice(i + 1));
    if (known) return known;
  }
  return undefined;
}

/** The port written right after a host in a value (`http://orders:8080/x`, `orders:8080`), if any: the first mention of the host at the start or after `/`, `@`, `,` or a space, followed by `:` and 1 to 5 digits (not a longer number, not a dotted one). Case-insensitive. */
export function portOf(value: string, host: string): number | undefined {
  const text = value.toLowerCase();
  const name = host.toLowerCase();
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    if (i > 0 && !BEFORE_HOST.has(text.charCodeAt(i - 1))) continue;
    let j = i + name.length;
    if (text.charCodeAt(j) !== 0x3a) continue;
    const from = ++j;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
    if (j === from || j - from > 5 || text.charCodeAt(j) === 0x2e) continue;
    return Number(text.slice(from, j));
  }
  return undefined;
}

/** `/`, `@`, `,` and whitespace. */
const BEFORE_HOST = new Set([0x2f, 0x40, 0x2c, 0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0xa0]);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
