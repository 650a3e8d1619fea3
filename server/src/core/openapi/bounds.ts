import { entries, get, hasKey, isMap, items, str, type DataNode, type MapNode, type ScalarNode } from '../documents/tree';
import type { Operation } from '../rules/openapi';
import type { LoadedDocument } from './refs';
import { schemaType } from './schema';
import type { Spec } from './spec';

/** A leaf of request input with no upper bound: where it is, what it lacks, and the bound a fix would add. */
export interface Unbounded {
  name: string;
  lacks: string;
  node: MapNode;
  bound: { key: string; value: number | boolean };
}

/** One reportable schema: a `$ref`'d component (reported once) or an inline schema of one operation. */
export interface InputUnit {
  id: string;
  doc: LoadedDocument;
  key?: ScalarNode;
  use: DataNode;
  label: string;
  found: Unbounded[];
  ops: Operation[];
  /** The same unbounded inputs in the other operations of a merged group (their nodes, for the fix). */
  also?: Unbounded[];
}

function hasAny(s: DataNode, keys: readonly string[]): boolean {
  for (const k of keys) if (hasKey(s, k)) return true;
  return false;
}
const ENUM = ['enum', 'const'];
const STRING_BOUNDS = ['maxLength', 'format', 'pattern'];
const NUMBER_BOUNDS = ['maximum', 'exclusiveMaximum', 'format'];
const MAX_ITEMS = ['maxItems'];
const MAX_PROPERTIES = ['maxProperties'];
const COMBINERS = ['allOf', 'oneOf', 'anyOf'];

/** Why a leaf schema is unbounded, or undefined when it is bounded or not a leaf. */
export function leafProblem(s: DataNode): Omit<Unbounded, 'name' | 'node'> | undefined {
  if (!isMap(s) || hasAny(s, ENUM)) return undefined;
  const type = schemaType(s);
  if (type === 'string') return hasAny(s, STRING_BOUNDS) ? undefined : { lacks: 'string, no maxLength', bound: { key: 'maxLength', value: 255 } };
  if (type === 'integer' || type === 'number') return hasAny(s, NUMBER_BOUNDS) ? undefined : { lacks: `${type}, no maximum`, bound: { key: 'maximum', value: 1000000 } };
  if (type === 'array') {
    // An array of distinct values from an enum is bounded by the enum (OData's `$select`, `$expand`).
    const itemsNode = get(s, 'items');
    const enumSet = str(get(s, 'uniqueItems')) === 'true' && isMap(itemsNode) && (hasAny(itemsNode, ENUM) || schemaType(itemsNode) === 'boolean');
    return hasAny(s, MAX_ITEMS) || enumSet ? undefined : { lacks: 'array, no maxItems', bound: { key: 'maxItems', value: 100 } };
  }
  if (type !== 'object') return undefined;
  const extra = get(s, 'additionalProperties');
  const anyExtra = str(extra) === 'true' || (isMap(extra) && !extra.entries.some((e) => e.key.text !== 'description'));
  return anyExtra && !hasAny(s, MAX_PROPERTIES) ? { lacks: 'object, any extra properties', bound: { key: 'maxProperties', value: 50 } } : undefined;
}

/**
 * Numbers that size no work: positions (offset, page number, cursor), lower bounds and thresholds, identifiers,
 * coordinates, sort directions (`order: 1 | -1`) and money values (amount, price, total: a business rule bounds them, not a resource). The response
 * and the query are sized by the limit, count or window beside them.
 */
const SIZES_NOTHING = /^(offset|skip|page|page_?(number|num|no|index)|start|cursor|since|id|\w+_ids?|min_\w+|\w+_min|minimum_\w+|\w*_?threshold|lat|lon|lng|latitude|longitude|(\w+_)?(amount|price|cost|fee|balance|total)|order|direction|sort_?(order|direction|dir))$/i;
const SIZES_NOTHING_CAMEL = /^(pageNumber|pageIndex|\w+Id|min[A-Z]\w*|\w+Min|\w+Threshold|\w+(Amount|Price|Cost|Fee|Balance|Total)|sortOrder|sortDirection)$/;

/** Whether an input named `name` (its last segment) sizes nothing: a number without a maximum, an identifier without a maxLength. */
export function sizesNothing(name: string, problem: Omit<Unbounded, 'name' | 'node'>): boolean {
  const last = name.split('.').pop()!.replace(/\W+$/, '');
  if (problem.bound.key === 'maxLength') return IDENTIFIER.test(last) || IDENTIFIER_CAMEL.test(last);
  if (problem.bound.key !== 'maximum') return false;
  return SIZES_NOTHING.test(last) || SIZES_NOTHING_CAMEL.test(last);
}

/**
 * A string that names a record (`id`, `order_id`, `ticketId`, `uuid`), a position in a listing (`cursor`,
 * `page_token`, `start_key`) or a credential (`access_token`, an `x-api-key` header: verified, never processed): looked up; its format bounds it.
 */
const IDENTIFIER = /^(id|uuid|guid|[\w-]+[-_](id|uuid)|cursor|\w+_cursor|page_?token|next_?token|(start|next|last|exclusive_start)_?key|(access|auth|id|refresh)_?token|jwt|(x[-_])?api[-_]?key)$/i;
const IDENTIFIER_CAMEL = /^\w+(Id|Uuid|UUID|ID)$|^(access|auth|id|refresh)Token$|^apiKey$/;

const MAX_DEPTH = 24;

/** Walks request-input schemas, one unit per `$ref` target (memoized by id, so cycles end) plus inline units. */
export class InputWalker {
  readonly units = new Map<string, InputUnit>();
  constructor(private readonly spec: Spec) {}

  /** Visits a schema used by `op`; `unit` is the inline unit it belongs to when it has no `$ref`. */
  visit(raw: DataNode | undefined, doc: LoadedDocument, op: Operation, unit: InputUnit, prefix: string, depth = 0): void {
    if (!raw || depth > MAX_DEPTH) return;
    const r = this.spec.refs.deref(raw, doc);
    if (!r) return;
    if (r.id) {
      let target = this.units.get(r.id);
      if (target) {
        if (!target.ops.includes(op)) target.ops.push(op);
        return;
      }
      const name = r.key?.text ?? r.id;
      target = { id: r.id, doc: r.doc, key: r.key, use: raw, label: `Schema '${name}'`, found: [], ops: [op] };
      this.units.set(r.id, target);
      this.walk(r.node, r.doc, op, target, '', depth + 1);
      return;
    }
    this.walk(r.node, r.doc, op, unit, prefix, depth + 1);
  }

  private walk(s: DataNode, doc: LoadedDocument, op: Operation, unit: InputUnit, prefix: string, depth: number): void {
    if (!isMap(s) || str(get(s, 'readOnly')) === 'true') return;
    for (const k of COMBINERS) for (const m of items(get(s, k))) this.visit(m, doc, op, unit, prefix, depth);
    const problem = leafProblem(s);
    if (problem && !sizesNothing(prefix, problem)) unit.found.push({ name: prefix || '(the value itself)', node: s, ...problem });
    for (const p of entries(get(s, 'properties'))) this.visit(p.value, doc, op, unit, prefix ? `${prefix}.${p.key.text}` : p.key.text, depth);
    const itemsNode = get(s, 'items');
    if (isMap(itemsNode)) this.visit(itemsNode, doc, op, unit, `${prefix}[]`, depth);
    const extra = get(s, 'additionalProperties');
    if (isMap(extra)) this.visit(extra, doc, op, unit, `${prefix}{*}`, depth);
  }
}
