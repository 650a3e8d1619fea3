// Builds small OpenAPI 2.0 / 3.0 / 3.1 specs in YAML and JSON for the rule tests, and runs table-driven cases.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { toYaml, type Plain } from '../../../server/src/core/rules/edits';
import type { Finding } from '../../../server/src/core/findings';
import { analyze, applyFix } from '../rules/helpers';

export type V = '2.0' | '3.0' | '3.1';
export const VERSIONS: readonly V[] = ['2.0', '3.0', '3.1'];
type Obj = { [k: string]: unknown };

export const ok = { '200': { description: 'ok' } };

/** A response with an optional JSON body schema and headers. */
export function resp(v: V, schema?: unknown, headers: Record<string, unknown> = {}): Obj {
  const h = Object.fromEntries(Object.entries(headers).map(([k, s]) => [k, v === '2.0' ? s : { schema: s }]));
  const out: Obj = { description: 'ok' };
  if (schema) Object.assign(out, v === '2.0' ? { schema } : { content: { 'application/json': { schema } } });
  if (Object.keys(h).length) out.headers = h;
  return out;
}

export function param(v: V, name: string, where: string, schema: Obj = { type: 'string', maxLength: 10 }): Obj {
  return v === '2.0' ? { name, in: where, ...schema } : { name, in: where, schema };
}

/** The request-body part of an operation. */
export function body(v: V, schema: unknown): Obj {
  return v === '2.0' ? { parameters: [{ name: 'body', in: 'body', schema }] } : { requestBody: { content: { 'application/json': { schema } } } };
}

export function ref(v: V, kind: 'schemas' | 'parameters' | 'responses' | 'securitySchemes', name: string): Obj {
  const k2 = { schemas: 'definitions', parameters: 'parameters', responses: 'responses', securitySchemes: 'securityDefinitions' }[kind];
  return { $ref: v === '2.0' ? `#/${k2}/${name}` : `#/components/${kind}/${name}` };
}

/** Reusable definitions, in `components` (3.x) or at the top level (2.0). */
export function components(v: V, c: Partial<Record<'schemas' | 'parameters' | 'responses' | 'securitySchemes', Obj>>): Obj {
  if (v !== '2.0') return { components: c };
  const out: Obj = {};
  if (c.schemas) out.definitions = c.schemas;
  if (c.parameters) out.parameters = c.parameters;
  if (c.responses) out.responses = c.responses;
  if (c.securitySchemes) out.securityDefinitions = c.securitySchemes;
  return out;
}

export function spec(v: V, rest: Obj): Obj {
  const head: Obj = v === '2.0' ? { swagger: '2.0' } : { openapi: v === '3.0' ? '3.0.3' : '3.1.0' };
  return { ...head, info: { title: 'Shop', version: '1' }, ...rest };
}

export function render(doc: Obj, format: 'yaml' | 'json'): { file: string; text: string } {
  if (format === 'json') return { file: 'api.json', text: JSON.stringify(doc, null, 2) + '\n' };
  return { file: 'api.yaml', text: toYaml(doc as Plain, '', '  ', '\n').join('\n') + '\n' };
}

export interface RuleCase {
  name: string;
  /** The spec for a version; versions default to all three. */
  doc: (v: V) => Obj;
  versions?: readonly V[];
  /** Per finding: a fragment of its message and the text its range starts with. */
  expect: { message: string | RegExp; at?: string; fix?: boolean }[];
}

async function findings(rule: string, file: string, text: string): Promise<Finding[]> {
  return (await analyze(file, text)).filter((f) => f.ruleId === rule);
}

function textAt(text: string, f: Finding): string {
  const ls = text.split('\n');
  return ls[f.range.start.line].slice(f.range.start.character).replace(/^["']/, '');
}

/** One test per case, version and format: the findings, where they are, and that each fix re-parses and clears itself. */
export function ruleCases(rule: string, cases: RuleCase[], severity: string): void {
  for (const c of cases) {
    for (const v of c.versions ?? VERSIONS) {
      for (const format of ['yaml', 'json'] as const) {
        it(`${c.name} (${v === '2.0' ? 'Swagger 2.0' : `OpenAPI ${v}`}, ${format.toUpperCase()})`, async () => {
          const { file, text } = render(c.doc(v), format);
          const found = await findings(rule, file, text);
          assert.equal(found.length, c.expect.length, `${text}\n${found.map((f) => f.message).join('\n')}`);
          c.expect.forEach((e, i) => {
            if (typeof e.message === 'string') assert.ok(found[i].message.includes(e.message), `${found[i].message} lacks ${e.message}`);
            else assert.match(found[i].message, e.message);
            if (e.at) assert.ok(textAt(text, found[i]).startsWith(e.at), `finding at "${textAt(text, found[i]).slice(0, 40)}", expected "${e.at}"`);
            assert.equal(found[i].severity, severity);
            if (e.fix) assert.ok(found[i].fix, `expected a quick fix for: ${found[i].message}`);
          });
          for (const f of found) {
            if (!f.fix) continue;
            const fixed = applyFix(text, f);
            if (format === 'json') assert.doesNotThrow(() => JSON.parse(fixed), fixed);
            else assert.deepEqual(parseYaml(fixed).problems, [], fixed);
            const after = await findings(rule, file, fixed);
            assert.ok(!after.some((x) => x.message === f.message), `still reported after "${f.fix.title}":\n${fixed}`);
            assert.ok(!(await analyze(file, fixed)).some((x) => x.ruleId === 'parse-error'), fixed);
          }
        });
      }
    }
  }
}
