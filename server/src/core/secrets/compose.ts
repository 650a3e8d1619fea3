import type { SourceFile } from '../documents/source';
import { entries, isScalar, items, type DataNode, type ScalarNode } from '../documents/tree';
import { composeServices } from '../rules/compose';
import type { Report } from '../rules/types';
import { looksLikeSecret, urlPasswords } from './index';

function message(service: string, key: string, kind: string): string {
  return `${service}: ${key} holds a hardcoded ${kind}: anyone who can read this file can use it, and changing it means a commit; read it from the environment or a secret store`;
}

/** A finding for a literal environment value: at the password for URLs, else at the value; the fix refers to `${KEY}`. */
function check(source: SourceFile, service: string, key: string, value: string, node: ScalarNode, valueStart: number): Report | undefined {
  const kind = looksLikeSecret(key, value);
  if (!kind) return undefined;
  const raw = source.text.slice(valueStart, node.end);
  const offset = raw.indexOf(value);
  let at = { start: valueStart, end: node.end };
  const pw = urlPasswords(value)[0];
  if (pw && offset >= 0) at = { start: valueStart + offset + pw.start, end: valueStart + offset + pw.end };
  const edit = offset >= 0 ? { start: valueStart + offset, end: valueStart + offset + value.length, newText: `\${${key}}` } : undefined;
  return { message: message(service, key, kind), at, ...(edit ? { fix: { title: `Read ${key} from the environment (\${${key}})`, edits: [edit] } } : {}) };
}

/** Literal secrets in the `environment` of compose services, map (`KEY: value`) and list (`- KEY=value`) forms. */
export function composeSecrets(source: SourceFile, root: DataNode): Report[] {
  const out: Report[] = [];
  for (const svc of composeServices(root)) {
    const env = entries(svc.node).find((e) => e.key.text === 'environment')?.value;
    for (const e of entries(env)) {
      if (!isScalar(e.value) || e.value.value === null) continue;
      const r = check(source, svc.name, e.key.text, String(e.value.value), e.value, e.value.start);
      if (r) out.push(r);
    }
    for (const item of items(env)) {
      if (!isScalar(item) || typeof item.value !== 'string') continue;
      const eq = item.value.indexOf('=');
      if (eq <= 0) continue;
      const key = item.value.slice(0, eq);
      const value = item.value.slice(eq + 1);
      const raw = source.text.slice(item.start, item.end);
      const r = check(source, svc.name, key, value, item, item.start + raw.indexOf('=') + 1);
      if (r) out.push(r);
    }
  }
  return out;
}
