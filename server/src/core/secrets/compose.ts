import type { SourceFile } from '../documents/source';
import { entries, isScalar, items, type DataNode, type ScalarNode } from '../documents/tree';
import { composeServices } from '../rules/compose';
import type { Report } from '../rules/types';
import { knownSecret, looksLikeSecret, urlPasswords } from './index';
import { groupBySecretValue, sameValueNote, type KeyedSecret } from './sameValue';

function message(service: string, key: string, kind: string, also: string, development: boolean): string {
  if (development) return `${service}: ${key} holds a hardcoded ${kind}${also}: a development setup's credential for local containers; keep it out of any deployment (read it from the environment there)`;
  return `${service}: ${key} holds a hardcoded ${kind}${also}: anyone who can read this file can use it, and changing it means a commit; read it from the environment or a secret store`;
}

interface Found {
  kind: string;
  service: string;
  /** A value in a known token format (a cloud key, a payment token): a real secret wherever it is written. */
  token: boolean;
  fix?: Report['fix'];
}

/** A literal environment value that is a secret: at the password for URLs, else at the value; the fix refers to `${KEY}`. */
function check(source: SourceFile, service: string, key: string, value: string, node: ScalarNode, valueStart: number): KeyedSecret<Found> | undefined {
  const kind = looksLikeSecret(key, value);
  if (!kind) return undefined;
  const raw = source.text.slice(valueStart, node.end);
  const offset = raw.indexOf(value);
  let at = { start: valueStart, end: node.end };
  const pw = urlPasswords(value)[0];
  if (pw && offset >= 0) at = { start: valueStart + offset + pw.start, end: valueStart + offset + pw.end };
  const edit = offset >= 0 ? { start: valueStart + offset, end: valueStart + offset + value.length, newText: `\${${key}}` } : undefined;
  const values = [value, ...urlPasswords(value).map((p) => value.slice(p.start, p.end))];
  return { key, values, at, first: { kind, service, token: !!knownSecret(value), fix: edit && { title: `Read ${key} from the environment (\${${key}})`, edits: [edit] } } };
}

/**
 * Literal secrets in the `environment` of compose services, map (`KEY: value`) and list (`- KEY=value`) forms; one
 * finding per secret value of the file, on its first key, naming the other keys (of any service) that hold it. In a
 * development setup, a password that is no known token format is a hint: it guards the developer's own containers.
 */
/**
 * A vendor's stock password (the engine's own name, as its image documents: `postgres`, `minioadmin`) or one that names
 * itself (`admin_password`): in a development setup it guards nothing but the developer's own throwaway containers.
 */
const STOCK_PASSWORD = /^(postgres|postgresql|mysql|mariadb|mongo|mongodb|redis|rabbitmq|keycloak|minioadmin|elastic|neo4j|[a-z]+_?password|[a-z]+_pass)$/i;

/** Elasticsearch or OpenSearch with its security turned off (`xpack.security.enabled=false`, `plugins.security.disabled=true`). */
const SEARCH_SECURITY_OFF = /\bxpack\.security\.enabled\s*[=:]\s*["']?false\b|\bplugins\.security\.disabled\s*[=:]\s*["']?true\b|\bDISABLE_SECURITY_PLUGIN\s*[=:]\s*["']?true\b/i;
/** The credentials of such a search engine and of the tools that sign in to it (Kibana, OpenSearch Dashboards). */
const SEARCH_CREDENTIAL = /ELASTIC|OPENSEARCH|KIBANA/i;

/** Local emulators of a cloud's storage: the keys they are given are the ones they accept, not the cloud's. */
const CLOUD_EMULATOR = /(^|\/)(minio|localstack|s3mock|fake-gcs-server|azurite)([:@]|$)/i;

export function composeSecrets(source: SourceFile, root: DataNode, development = false, tokensOnly = false): Report[] {
  const out: KeyedSecret<Found>[] = [];
  const emulators = new Set<string>();
  const stock = (value: string) => development && (STOCK_PASSWORD.test(value.trim()) || (/@/.test(value) && /^\w+:\/\/[^:/@\s]*:(postgres|mysql|mariadb|mongo|mongodb|redis|rabbitmq|guest|root|admin)@/i.test(value)));
  // A search engine whose security the file turns off checks no password: what is written for it guards nothing.
  const unguarded = SEARCH_SECURITY_OFF.test(source.text) ? SEARCH_CREDENTIAL : undefined;
  for (const svc of composeServices(root)) {
    const image = entries(svc.node).find((e) => e.key.text === 'image')?.value;
    if (development && isScalar(image) && CLOUD_EMULATOR.test(String(image.value ?? ''))) emulators.add(svc.name);
    const env = entries(svc.node).find((e) => e.key.text === 'environment')?.value;
    for (const e of entries(env)) {
      if (!isScalar(e.value) || e.value.value === null || stock(String(e.value.value)) || unguarded?.test(e.key.text)) continue;
      const r = check(source, svc.name, e.key.text, String(e.value.value), e.value, e.value.start);
      if (r) out.push(r);
    }
    for (const item of items(env)) {
      if (!isScalar(item) || typeof item.value !== 'string') continue;
      const eq = item.value.indexOf('=');
      if (eq <= 0) continue;
      const key = item.value.slice(0, eq);
      const value = item.value.slice(eq + 1);
      if (stock(value) || unguarded?.test(key)) continue;
      const raw = source.text.slice(item.start, item.end);
      const r = check(source, svc.name, key, value, item, item.start + raw.indexOf('=') + 1);
      if (r) out.push(r);
    }
  }
  return groupBySecretValue(tokensOnly ? out.filter((f) => f.first.token) : out).map((g) => {
    const service = g.head.first.service;
    // Keys of another service are named with it.
    const named = { ...g, others: g.others.map((o) => (o.first.service === service ? o : { ...o, key: `${o.key} of ${o.first.service}` })) };
    const { also, related } = sameValueNote(named);
    // A key in a cloud's format given to a local emulator of that cloud is the emulator's, in a development setup.
    const local = development && (!g.head.first.token || [g.head, ...g.others].every((k) => emulators.has(k.first.service)));
    return {
      message: message(service, g.head.key, g.head.first.kind, also, local),
      at: g.head.at,
      ...(local ? { severity: 'hint' as const } : {}),
      ...(g.head.first.fix ? { fix: g.head.first.fix } : {}),
      ...(related.length ? { related } : {}),
    };
  });
}
