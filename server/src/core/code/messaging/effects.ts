import type { Node } from 'web-tree-sitter';
import { functionOf, literal } from './syntax';
import type { CodeFile } from './types';

/** Calls that insert a row or document whatever the receiver. */
const INSERT = /^(insert|insertOne|insertMany|insert_one|insert_many|bulkCreate|bulk_create|bulkInsert|persist|saveAll|batchInsert)$/;
/** Calls that insert when the receiver is a store (a repository, a session, a model class, a collection). */
const STORE_INSERT = /^(create|add|add_all|save|Create|Save|Insert)$/;
const STORE = /(repo|repository|dao|\bdb\b|database|session|collection|objects|prisma|knex|store|table|entityManager|\bem\b|orm|gorm|model|Model)\b|^[A-Z]\w*$/;
/** Calls that change stored data (updates and deletes included), for "side effects". */
const WRITE = /^(update|updateOne|updateMany|update_one|update_many|upsert|replaceOne|replace_one|findOneAndUpdate|find_one_and_update|findByIdAndUpdate|executeUpdate|bulkWrite|bulk_write|delete|deleteOne|deleteMany|delete_one|delete_many|destroy|remove|Delete|Updates|Exec|ExecContext)$/;
const SQL_INSERT = /^\s*INSERT\b/i;
const SQL_WRITE = /^\s*(INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE)\b/i;
/** Calls to other services and publications. */
const OUTBOUND = /^(fetch|post|put|patch|postForObject|postForEntity|exchange|Post|PostForm|Do|publish|Publish|send|sendToQueue|basic_publish|produce|Produce|convertAndSend|writeFile|write_text|WriteFile)$/;
const HTTP_RECEIVER = /^(axios|requests|httpx|session|client|http|restTemplate|webClient|got|ky|fetch)$/i;

export interface CallSite {
  node: Node;
  name: string;
  receiver: string;
  firstString?: string;
}

/** The calls inside a node, and inside the functions of this file it calls (one level down). */
export function callsWithin(f: CodeFile, body: Node, depth = 1): CallSite[] {
  const out: CallSite[] = [];
  for (const n of body.descendantsOfType(['call_expression', 'call', 'method_invocation'])) {
    if (!n) continue;
    const fn = n.childForFieldName('function');
    const name = n.type === 'method_invocation' ? (n.childForFieldName('name')?.text ?? '') : (fn?.childForFieldName('property') ?? fn?.childForFieldName('attribute') ?? fn?.childForFieldName('field') ?? fn)?.text ?? '';
    const receiver = n.type === 'method_invocation' ? (n.childForFieldName('object')?.text ?? '') : (fn?.childForFieldName('object') ?? fn?.childForFieldName('operand'))?.text ?? '';
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    const first = args.map((a) => literal(a) ?? (a?.type === 'template_string' ? a.text.slice(1) : undefined)).find((s) => s !== undefined);
    out.push({ node: n, name, receiver, ...(first !== undefined ? { firstString: first } : {}) });
    if (depth > 0 && !receiver && /^[A-Za-z_]\w*$/.test(name)) {
      const def = functionOf(f, fn ?? undefined);
      if (def && !def.equals(body) && !isWithin(n, def)) out.push(...callsWithin(f, def, depth - 1));
    } else if (depth > 0 && /^(this|self)$/.test(receiver)) {
      const def = functionOf(f, n.type === 'method_invocation' ? (n.childForFieldName('name') ?? undefined) : (fn?.childForFieldName('property') ?? fn?.childForFieldName('attribute') ?? undefined));
      if (def && !isWithin(n, def)) out.push(...callsWithin(f, def, depth - 1));
    }
  }
  return out;
}

const isWithin = (n: Node, outer: Node) => n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;

/** A call that inserts a row or document (a redelivered message would insert it twice). */
export function isInsert(c: CallSite): boolean {
  if (c.firstString !== undefined && SQL_INSERT.test(c.firstString)) return true;
  if (INSERT.test(c.name)) return true;
  if (STORE_INSERT.test(c.name) && STORE.test(c.receiver.split(/[.\s]/).filter(Boolean).pop() ?? '')) return !/^(list|set|map|array|result|errors?|items)$/i.test(c.receiver);
  return false;
}

/** A call with an effect outside the process: a write to a store, a call to another service, a publication. */
export function hasEffect(c: CallSite): boolean {
  if (isInsert(c)) return true;
  if (c.firstString !== undefined && SQL_WRITE.test(c.firstString)) return true;
  if (WRITE.test(c.name) && STORE.test(c.receiver.split('.').pop() ?? '')) return true;
  return OUTBOUND.test(c.name) && (c.name !== 'post' && c.name !== 'put' && c.name !== 'patch' ? true : HTTP_RECEIVER.test(c.receiver.split('.').pop() ?? ''));
}

/** Signs that a consumer recognises a message it has already handled. */
export const DEDUP = /idempot|dedup|de_dup|already_?processed|processed_?(message|event)s?|ON\s+CONFLICT|INSERT\s+IGNORE|ON\s+DUPLICATE\s+KEY|INSERT\s+OR\s+(IGNORE|REPLACE)|MERGE\s+INTO|upsert|setnx|\bNX\b|SetNX|message_?id|event_?id|messageId|eventId|MessageId|EventId|get_or_create|update_or_create|getOrCreate|findOrCreate|existsBy|exists\(/i;
