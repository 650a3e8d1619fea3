import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { makeSource } from '../../../server/src/core/documents/source';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { analyzeSource } from '../../../server/src/core/engine';
import { diskLoader } from '../../../server/src/core/openapi/loader';
import { followPointer, RefResolver } from '../../../server/src/core/openapi/refs';
import { WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { lines } from '../rules/helpers';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ba-refs-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function analyzeAt(path: string, text: string) {
  const source = makeSource(path, text, 'openapi');
  return (await analyzeSource({ source, config: new EffectiveConfig(DEFAULT_SETTINGS), workspace: new WorkspaceIndex() })).findings;
}

const api = (ref: string) => lines('openapi: 3.1.0', 'info: {title: t, version: "1"}', 'paths:', '  /v1/a:', '    post:', '      requestBody:', '        content:', '          application/json:', `            schema: {$ref: '${ref}'}`, '      responses:', "        '200': {description: ok}", '  /v1/b:', '    post:', '      requestBody:', '        content:', '          application/json:', `            schema: {$ref: '${ref}'}`, '      responses:', "        '200': {description: ok}");

describe('$ref resolution', () => {
  it('follows JSON pointers with escaped and percent-encoded steps', () => {
    const root = parseYaml(lines('paths:', '  /a~b/c:', '    get: {x: 1}')).root!;
    assert.equal(followPointer(root, '/paths/~1a~0b~1c/get')?.key?.text, 'get');
    assert.equal(followPointer(root, '/paths/%2Fa~0b%2Fc/get')?.key?.text, 'get');
    assert.equal(followPointer(root, '/paths/missing'), undefined);
  });

  it('ends self, mutual and three-way cycles of refs instead of looping', () => {
    const root = parseYaml(lines('a: {$ref: "#/a"}', 'b: {$ref: "#/c"}', 'c: {$ref: "#/b"}', 'd: {$ref: "#/e"}', 'e: {$ref: "#/f"}', 'f: {$ref: "#/d"}', 'g: {$ref: "#/h"}', 'h: {type: string}')).root!;
    const r = new RefResolver({ source: makeSource('x.yaml', '', 'openapi'), root });
    for (const k of ['a', 'b', 'd']) assert.equal(r.deref(followPointer(root, `/${k}`)!.node), undefined, k);
    assert.equal(r.deref(followPointer(root, '/g')!.node)?.key?.text, 'h');
  });

  it('reports a schema in another file once, at the $ref, with a related location in that file', async () => {
    const dir = workspace({ 'schemas.yaml': lines('Order:', '  type: object', '  properties:', '    note: {type: string}') });
    const found = (await analyzeAt(join(dir, 'api.yaml'), api('./schemas.yaml#/Order'))).filter((f) => f.ruleId === 'unbounded-input');
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.match(found[0].message, /Schema 'Order' accepts unbounded input \(used by 2 operations\): note/);
    assert.equal(found[0].related?.[0].path, join(dir, 'schemas.yaml'));
    assert.equal(found[0].related?.[0].range.start.line, 0);
    assert.equal(found[0].fix, undefined);
  });

  it('ends a cycle that crosses files (a.yaml -> b.yaml -> a.yaml)', async () => {
    const dir = workspace({
      'a.yaml': lines('Tree:', '  type: object', '  properties:', '    child: {$ref: "./b.yaml#/Node"}', '    n: {type: integer}'),
      'b.yaml': lines('Node:', '  type: object', '  properties:', '    parent: {$ref: "./a.yaml#/Tree"}', '    loop: {$ref: "./b.yaml#/Loop"}', 'Loop: {$ref: "./b.yaml#/Loop"}'),
    });
    const found = (await analyzeAt(join(dir, 'api.yaml'), api('./a.yaml#/Tree'))).filter((f) => f.ruleId === 'unbounded-input' || f.ruleId === 'internal-error');
    assert.deepEqual(found.map((f) => f.ruleId), ['unbounded-input']);
    assert.match(found[0].message, /Schema 'Tree'.*n \(integer, no maximum\)/);
  });

  it('resolves a whole-file $ref and ignores a missing file or a remote URL', async () => {
    const dir = workspace({ 'order.json': JSON.stringify({ type: 'object', properties: { tags: { type: 'array', items: { type: 'string', maxLength: 9 } } } }) });
    const whole = (await analyzeAt(join(dir, 'api.yaml'), api('order.json'))).filter((f) => f.ruleId === 'unbounded-input');
    assert.match(whole[0]?.message ?? '', /tags \(array, no maxItems\)/);
    for (const ref of ['./missing.yaml#/X', 'https://example.com/s.yaml#/X']) {
      const found = (await analyzeAt(join(dir, 'api.yaml'), api(ref))).filter((f) => f.ruleId === 'unbounded-input' || f.ruleId === 'internal-error');
      assert.deepEqual(found, [], ref);
    }
  });

  it('parses each referenced file once per analysis', () => {
    const dir = workspace({ 's.yaml': 'A: {type: string}\n' });
    const load = diskLoader();
    assert.equal(load(join(dir, 's.yaml')), load(join(dir, 's.yaml')));
    assert.equal(load(join(dir, 'nope.yaml')), undefined);
  });
});
