/**
 * What a deployed service's environment supplies to its code: the variables its compose `environment`/`env_file`
 * or Kubernetes `env`/`envFrom` set, its Dockerfile's `ENV`, what the platform sets, and for Spring the
 * properties its own config files define (a property is also set by its relaxed-binding variable).
 */
import { basename } from 'node:path';
import type { EnvRead } from '../code/envReads';
import type { ServiceNode } from './model';

export interface Supply {
  has(read: EnvRead): boolean;
}

/** Set in every container, by the runtime or the base image. */
const PLATFORM = /^(HOME|PATH|HOSTNAME|PWD|USER|SHELL|TERM|LANG|LC_\w+|TZ|TMPDIR|PORT|\w+_VERSION|\w+_HOME)$/;
/** Kubernetes service links (`ORDERS_SERVICE_HOST`, `ORDERS_PORT_8080_TCP`) and downward-API conventions. */
const KUBE_SET = /^(KUBERNETES_\w+|\w+_SERVICE_(HOST|PORT)(_\w+)?|\w+_PORT(_\d+_(TCP|UDP|SCTP)(_\w+)?)?)$/;
/** Properties Spring Boot sets itself or gives a default. */
const SPRING_OWN = /^(spring|server|management|local|info|logging|debug|trace)\./;
/** Keys that load configuration from outside the service's files (config server, Kubernetes, Vault, Consul). */
const EXTERNAL_CONFIG = /^(spring\.config\.(import|location|additional-location)|spring\.cloud\.(config|kubernetes|vault|consul)|spring\.application\.json)/;
const CONFIG_FILE = /^(application|bootstrap)([-.][\w-]+)?\.(properties|ya?ml)$|\.properties$/i;

const canonical = (property: string) => property.toLowerCase().replace(/[-_]/g, '');
/** Spring's relaxed binding: `orders.service-url` is set by ORDERS_SERVICEURL (and, loosely, ORDERS_SERVICE_URL). */
const relaxed = (property: string) => [property.replace(/-/g, ''), property.replace(/-/g, '_')].map((p) => p.replace(/[.[\]]+/g, '_').replace(/_$/, '').toUpperCase());

export function environmentSupply(owners: ServiceNode[], dockerfiles: (string | undefined)[], files: { path: string; text: string }[]): Supply {
  if (owners.some((o) => o.environmentOpen)) return { has: () => true };
  const env = new Set(owners.flatMap((o) => o.environment.map((e) => e.name)));
  const values = owners.flatMap((o) => o.environment.map((e) => e.value ?? ''));
  for (const text of dockerfiles) if (text) for (const name of dockerfileEnv(text)) env.add(name);
  const kube = owners.some((o) => o.origin === 'kubernetes');
  const commandLines = [...dockerfiles.filter((t): t is string => !!t), ...values].join('\n');
  let properties: Set<string> | undefined;
  const propertiesOf = () => (properties ??= new Set(files.filter((f) => CONFIG_FILE.test(basename(f.path))).flatMap((f) => configKeys(f.path, f.text)).map(canonical)));
  return {
    has(read) {
      if (read.kind === 'env') return env.has(read.name) || PLATFORM.test(read.name) || (kube && KUBE_SET.test(read.name));
      if (SPRING_OWN.test(read.name) || relaxed(read.name).some((n) => env.has(n)) || [...env].some((n) => /^SPRING_(APPLICATION_JSON|CONFIG_\w+|CLOUD_CONFIG_\w+)$/.test(n))) return true;
      if (commandLines.includes(`-D${read.name}=`) || commandLines.includes(`--${read.name}=`)) return true;
      const keys = propertiesOf();
      const want = canonical(read.name);
      return [...keys].some((k) => k === want || k.startsWith(`${want}.`) || EXTERNAL_CONFIG.test(k));
    },
  };
}

/** The names a Dockerfile's `ENV` instructions set (`ENV A=1 B=2` and the older `ENV A 1`). */
export function dockerfileEnv(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(/\\\r?\n/g, ' ').matchAll(/^[ \t]*ENV[ \t]+(.+)$/gim)) {
    const body = m[1].trim();
    if (/^[A-Za-z_]\w*=/.test(body)) for (const kv of body.matchAll(/(?:^|\s)([A-Za-z_]\w*)=/g)) out.push(kv[1]);
    else out.push(body.split(/\s+/)[0]);
  }
  return out;
}

/** The property keys of a `.properties` file, or the dotted paths of a YAML file's mapping keys (read by indentation). */
export function configKeys(path: string, text: string): string[] {
  if (/\.properties$/i.test(path)) return [...text.matchAll(/^[ \t]*([\w.\-[\]]+)[ \t]*[=:]/gm)].map((m) => m[1]);
  const out: string[] = [];
  const stack: { indent: number; key: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^([ \t]*)(?:- +)?["']?([\w.\-[\]]+)["']?[ \t]*:(?:[ \t]|$)/.exec(line);
    if (/^---/.test(line)) stack.length = 0;
    if (!m) continue;
    const indent = m[1].length;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    stack.push({ indent, key: m[2] });
    out.push(stack.map((s) => s.key).join('.'));
  }
  return out;
}
