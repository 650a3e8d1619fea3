import { entries, entry, get, items, str, type DataNode } from '../documents/tree';
import { InputWalker, leafProblem, sizesNothing, type InputUnit } from '../openapi/bounds';
import { isGeneratedSpec } from '../openapi/generated';
import { schemaType } from '../openapi/schema';
import { opLabel, paramsOf, placeFor, responsesOf, specOf, type Spec } from '../openapi/spec';
import { appendEntry } from './edits';
import type { OffsetEdit, OffsetFix, Report, Rule, RuleContext } from './types';

const MAX_LISTED = 8;
const VERSION_PARAM = /^(x-)?(api-?)?version$/i;
/** Standard HTTP headers: the server or the framework parses and limits them, not the operation. */
const STANDARD_HEADER = /^(content-type|content-length|content-encoding|accept|accept-[a-z]+|if-match|if-none-match|if-modified-since|if-unmodified-since|user-agent|authorization|cookie|cache-control|prefer|consistencylevel|host|origin|referer)$/i;
/** A parameter its description calls a key or a position ("id of the user", "page state"): looked up, never processed. */
const DESCRIBED_AS_KEY = /^(the |an? )?(id|identifier|uuid|key)\b|\b(id|identifier|uuid)s? of\b|\b(cursor|page state|page token|continuation token)\b/i;

/**
 * Reads and deletes store nothing they are given: a text there (a name to look up, a filter, a tag, a duration) is
 * bounded by the request line the server accepts. Numbers still size the work (`limit`, `page_size`), and so does a
 * search text, matched against every row (`q`, `search`).
 */
const LOOKUP_METHOD = /^(get|head|delete)$/i;
const SEARCH_TEXT = /^(q|query|search|search[-_]?(term|text|query)|term|keywords?|text|full[-_]?text)$/i;

/** A text, a list of texts, or an object of them and no search text (a `deepObject` query parameter: `page[after]`, `filter[status]`). */
function isText(spec: Spec, schema: DataNode, depth = 0): boolean {
  const type = schemaType(schema);
  if (type === 'string' || (type === 'array' && schemaType(spec.refs.node(get(schema, 'items'))) === 'string')) return true;
  if (depth >= 3) return false;
  const resolved = (n: DataNode) => spec.refs.node(n) ?? n;
  // `allOf` of filter objects (`filter: {allOf: [CommonRunsFilter, EnvFilter]}`): each part is such an object.
  const parts = items(get(schema, 'allOf'));
  if (parts.length) return parts.every((part) => isText(spec, resolved(part), depth + 1));
  const props = entries(get(schema, 'properties'));
  // Each property a text, or already bounded (`size: {type: integer, maximum: 100}`), and none a search text.
  return props.length > 0 && (type === undefined || type === 'object') && props.every((p) => !SEARCH_TEXT.test(p.key.text) && (isText(spec, resolved(p.value), depth + 1) || BOUND_KEYS.some((k) => get(resolved(p.value), k) !== undefined)));
}

const BOUND_KEYS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'enum', 'const'];

function describedAsKey(param: DataNode, schema: DataNode): boolean {
  const type = schemaType(schema);
  return (type === 'string' || type === 'integer') && DESCRIBED_AS_KEY.test(str(get(param, 'description')) ?? '');
}

function fixFor(ctx: RuleContext, spec: Spec, unit: InputUnit): OffsetFix | undefined {
  if (unit.doc !== spec.doc) return undefined;
  const edits: OffsetEdit[] = [];
  const done = new Set<DataNode>();
  for (const u of [...unit.found, ...(unit.also ?? [])]) {
    if (done.has(u.node)) continue;
    done.add(u.node);
    const e = appendEntry(ctx.source, u.node, u.bound.key, u.bound.value);
    if (!e) return undefined;
    edits.push(e);
  }
  const what = [...new Set(unit.found.map((u) => u.bound.key))].join(', ');
  return edits.length ? { title: `Add ${what} with placeholder values (adjust them to the real limits)`, edits } : undefined;
}

function report(ctx: RuleContext, spec: Spec, unit: InputUnit): Report {
  const listed = unit.found.slice(0, MAX_LISTED).map((u) => `${u.name} (${u.lacks})`).join(', ');
  const more = unit.found.length > MAX_LISTED ? ` and ${unit.found.length - MAX_LISTED} more` : '';
  const place = placeFor(spec, unit.id.startsWith('inline:') ? undefined : { node: unit.use, doc: unit.doc, key: unit.key }, unit.use);
  const inlineGroup = unit.id.startsWith('inline:') && unit.ops.length > 1;
  const users = unit.id.startsWith('inline:') ? '' : unit.ops.length === 1 ? ` (used by ${opLabel(unit.ops[0])})` : ` (used by ${unit.ops.length} operations)`;
  return {
    message: `${unit.label} accepts unbounded input${users}: ${listed}${more}`,
    at: place.at,
    related: [
      ...place.related,
      ...(unit.id.startsWith('inline:') && !inlineGroup ? [] : unit.ops.slice(inlineGroup ? 1 : 0, 20).map((op) => ({ at: op.key, message: `${opLabel(op)} ${inlineGroup ? 'takes the same parameters' : 'accepts this schema'}` }))),
    ],
    fix: () => fixFor(ctx, spec, unit), // built on request: a spec can have hundreds
  };
}

/**
 * A generated spec's missing bounds have one cause: the source it is generated from (serializers, validation
 * schemas, a definition) does not carry them over, or bounds nothing. One information finding names the inputs.
 */
function generatedReport(spec: Spec, units: InputUnit[]): Report {
  const inputs = units.reduce((n, u) => n + u.found.length, 0);
  const examples = units.slice(0, 3).map((u) => `${u.label.replace(/: (parameters|request body)$/, ' $1')}: ${u.found.slice(0, 3).map((f) => f.name).join(', ')}`).join('; ');
  return {
    message: `This spec is generated, and ${inputs} request input${inputs === 1 ? '' : 's'} in ${units.length} schema${units.length === 1 ? '' : 's'} or parameter list${units.length === 1 ? '' : 's'} ${inputs === 1 ? 'carries' : 'carry'} no upper bound (${examples}${units.length > 3 ? '; ...' : ''}): check that the code or definition it is generated from bounds them, and let the generator write those bounds into the contract`,
    at: spec.rootKey,
    severity: 'information',
    related: units.slice(0, 20).map((u) => ({ at: placeFor(spec, u.id.startsWith('inline:') ? undefined : { node: u.use, doc: u.doc, key: u.key }, u.use).at, message: `${u.label}: ${u.found.slice(0, MAX_LISTED).map((f) => `${f.name} (${f.lacks})`).join(', ')}` })),
  };
}

export const unboundedInput: Rule = {
  id: 'unbounded-input',
  kinds: ['openapi'],
  defaultSeverity: 'warning',
  title: 'Request input without an upper bound',
  description:
    'Strings without maxLength, arrays without maxItems and numbers without maximum let one request carry megabytes or ask for a billion rows: resource exhaustion, slow queries and injection room. Bound every input the server accepts, in the contract the gateway and the validators enforce.',
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec) return [];
    const walker = new InputWalker(spec);
    const inline: InputUnit[] = [];
    const paramGroups = new Map<string, InputUnit>();
    for (const op of spec.ops) {
      const params: InputUnit = { id: `inline:${op.path}:${op.method}:params`, doc: spec.doc, use: op.key, label: `${opLabel(op)}: parameters`, found: [], ops: [op] };
      for (const p of paramsOf(spec, op)) {
        // Path parameters are bounded by the route; a version parameter is matched against the versions the server has.
        if (p.in === 'path' || p.in === 'body' || VERSION_PARAM.test(p.name) || (p.in === 'header' && STANDARD_HEADER.test(p.name))) continue;
        const schema = spec.version.major === 3 ? get(p.node, 'schema') : p.node;
        if (!schema || describedAsKey(p.node, schema) || (LOOKUP_METHOD.test(op.method) && !SEARCH_TEXT.test(p.name) && isText(spec, spec.refs.node(schema) ?? schema))) continue;
        if (p.target) {
          // A shared parameter is its own unit, reported once at the component.
          const id = p.target.id!;
          const unit = walker.units.get(id) ?? { id, doc: p.target.doc, key: p.target.key, use: p.use, label: `Parameter '${p.name}'`, found: [], ops: [] };
          if (!walker.units.has(id)) {
            walker.units.set(id, unit);
            walker.visit(schema, p.target.doc, op, unit, p.name);
          }
          if (!unit.ops.includes(op)) unit.ops.push(op);
          continue;
        }
        const problem = spec.version.major === 2 ? leafProblem(schema) : undefined;
        if (problem && !sizesNothing(p.name, problem)) params.found.push({ name: p.name, node: p.node, ...problem });
        else if (spec.version.major === 3) walker.visit(schema, spec.doc, op, params, p.name);
        if (params.found.length === 1 && params.use === op.key) params.use = get(p.node, 'name') ?? op.key;
      }
      if (params.found.length) {
        // The same inline parameters repeated on many operations are one root cause: one finding, at the first.
        const signature = params.found.map((u) => `${u.name}:${u.lacks}`).join('|');
        const group = paramGroups.get(signature);
        if (group) {
          group.ops.push(op);
          (group.also ??= []).push(...params.found);
          group.label = `${opLabel(group.ops[0])} and ${group.ops.length - 1} other operation${group.ops.length > 2 ? 's' : ''}: parameters`;
        } else {
          paramGroups.set(signature, params);
          inline.push(params);
        }
      }
      // An operation that answers 413 Payload Too Large caps its body's size: its fields need no bound of their own.
      if (responsesOf(spec, op).some((r) => r.code === '413')) continue;
      const body = spec.version.major === 3 ? spec.refs.node(get(op.node, 'requestBody')) : undefined;
      const schemas = spec.version.major === 3
        ? entries(get(body, 'content')).map((m) => entry(m.value, 'schema')).filter((e) => e !== undefined)
        : paramsOf(spec, op).filter((p) => p.in === 'body').map((p) => entry(p.node, 'schema')).filter((e) => e !== undefined);
      for (const [i, s] of schemas.entries()) {
        // The id names the schema without its offset: an offset is found only for nodes that get a finding.
        const unit: InputUnit = { id: `inline:${op.path}:${op.method}:body:${i}`, doc: spec.doc, use: s.key, label: `${opLabel(op)}: request body`, found: [], ops: [op] };
        walker.visit(s.value, spec.doc, op, unit, '');
        if (unit.found.length) inline.push(unit);
      }
    }
    const units = [...walker.units.values(), ...inline].filter((u) => u.found.length);
    if (units.length && isGeneratedSpec(ctx)) return [generatedReport(spec, units)];
    return units.map((u) => report(ctx, spec, u));
  },
};
