import type { SourceFile } from '../documents/source';
import { entries, isScalar, items, type DataNode, type ScalarNode } from '../documents/tree';
import { composeServices } from '../rules/compose';
import type { Report } from '../rules/types';
import { looksLikeSecret, urlPasswords } from './index';
import { groupBySecretValue, sameValueNote, type KeyedSecret } from './sameValue';

function message(service: string, key: string, kind: string, also: string): string {
  return `${service}: ${key} holds a hardcoded ${kind}${also}: anyone who can read this file can use it, and changing it means a commit; read it from the environment or a secret store`;
}

interface Found {
  kind: string;
  fix?: Report['fix'];
}

/** A literal environment value that is a secret: at the password for URLs, else at the value; the fix refers to `${KEY}`. */
function check(source: SourceFile, key: string, value: string, node: ScalarNode, valueStart: number): KeyedSecret<Found> | undefined {
  const kind = looksLikeSecret(key, value);
  if (!kind) return undefined;
  const raw = source.text.slice(valueStart, node.end);
  const offset = raw.indexOf(value);
  let at = { start: valueStart, end: node.end };
  const pw = urlPasswords(value)[0];
  if (pw && offset >= 0) at = { start: valueStart + offset + pw.start, end: valueStart + offset + pw.end };
  const edit = offset >= 0 ? { start: valueStart + offset, end: valueStart + offset + value.length, newText: `\${${key}}` } : undefined;
  const values = [value, ...urlPasswords(value).map((p) => value.slice(p.start, p.end))];
  return { key, values, at, first: { kind, fix: edit && { title: `Read ${key} from the environment (\${${key}})`, edits: [edit] } } };
}

/**
 * Literal secrets in the `environment` of compose services, map (`KEY: value`) and list (`- KEY=value`) forms; one
 * finding per secret value of a service, naming the other keys that hold it.
 */
export function composeSecrets(source: SourceFile, root: DataNode): Report[] {
  const reports: Report[] = [];
  for (const svc of composeServices(root)) {
    const out: KeyedSecret<Found>[] = [];
    const env = entries(svc.node).find((e) => e.key.text === 'environment')?.value;
    for (const e of entries(env)) {
      if (!isScalar(e.value) || e.value.value === null) continue;
      const r = check(source, e.key.text, String(e.value.value), e.value, e.value.start);
      if (r) out.push(r);
    }
    for (const item of items(env)) {
      if (!isScalar(item) || typeof item.value !== 'string') continue;
      const eq = item.value.indexOf('=');
      if (eq <= 0) continue;
      const key = item.value.slice(0, eq);
      const value = item.value.slice(eq + 1);
      const raw = source.text.slice(item.start, item.end);
      const r = check(source, key, value, item, item.start + raw.indexOf('=') + 1);
      if (r) out.push(r);
    }
    for (const g of groupBySecretValue(out)) {
      const { also, related } = sameValueNote(g);
      reports.push({ message: message(svc.name, g.head.key, g.head.first.kind, also), at: g.head.at, ...(g.head.first.fix ? { fix: g.head.first.fix } : {}), ...(related.length ? { related } : {}) });
    }
  }
  return reports;
}
