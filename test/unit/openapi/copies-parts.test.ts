// Specs that are copies or parts of one API contract report its problems once, on the whole.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import type { Finding } from '../../../server/src/core/findings';
import { composeCopyKey, contractKey, reportCopiesOnce } from '../../../server/src/core/openapi/copies';

const spec = (title: string, ...paths: string[]) => `openapi: 3.0.3\ninfo: { title: ${title}, version: '1' }\npaths:\n${paths.map((p) => `  ${p}:\n    get:\n      responses: { '200': { description: ok } }\n`).join('')}`;
const finding = (path: string, ruleId = 'unbounded-input'): Finding => ({ ruleId, severity: 'warning', message: `${ruleId} of ${path}`, path, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } }) as Finding;

function run(files: Record<string, string>): Map<string, Finding[]> {
  const found = new Map(Object.keys(files).map((p) => [p, [finding(p), finding(p, 'parse-error')]]));
  const keys = new Map(Object.entries(files).map(([p, t]) => [p, contractKey(parseYaml(t).root)!]));
  reportCopiesOnce(found, keys, (ruleId) => ruleId === 'parse-error');
  return found;
}

describe('parts of one API contract', () => {
  it("reports a per-module spec's problems on the whole API beside it, keeping its findings about the file", () => {
    const found = run({ '/w/out/openapi.api.yaml': spec('Api', '/api/{version}/birds', '/api/{version}/cats'), '/w/out/openapi.api.Bird.yaml': spec('Bird', '/api/{version}/birds') });
    assert.deepEqual(found.get('/w/out/openapi.api.Bird.yaml')!.map((f) => f.ruleId), ['parse-error']);
    assert.deepEqual(found.get('/w/out/openapi.api.yaml')!.find((f) => f.ruleId === 'unbounded-input')!.related?.map((r) => r.path), ['/w/out/openapi.api.Bird.yaml']);
  });
  it('keeps both when they share only some operations, or sit in different folders', () => {
    const overlap = run({ '/w/a.yaml': spec('A', '/x', '/y'), '/w/b.yaml': spec('B', '/y', '/z') });
    assert.equal(overlap.get('/w/b.yaml')!.length, 2);
    const apart = run({ '/w/orders/api.yaml': spec('A', '/x', '/y'), '/w/gateway/api.yaml': spec('B', '/x') });
    assert.equal(apart.get('/w/gateway/api.yaml')!.length, 2);
  });
  it("reports a documentation site's older snapshot of a spec (same title, all its operations in the spec, another folder) on the spec", () => {
    const found = run({ '/w/packages/api/generated/spec.yaml': spec('Shop API', '/orders', '/orders/{id}', '/tickets'), '/w/docs/openapi.yaml': spec('Shop API', '/orders', '/orders/{id}') });
    assert.deepEqual(found.get('/w/docs/openapi.yaml')!.map((f) => f.ruleId), ['parse-error']);
    assert.deepEqual(found.get('/w/packages/api/generated/spec.yaml')!.find((f) => f.ruleId === 'unbounded-input')!.related?.map((r) => r.path), ['/w/docs/openapi.yaml']);
    // Another title in another folder: two contracts, whatever they share.
    assert.equal(run({ '/w/packages/api/generated/spec.yaml': spec('Shop API', '/orders', '/tickets'), '/w/docs/openapi.yaml': spec('Partner API', '/orders') }).get('/w/docs/openapi.yaml')!.length, 2);
  });
  it('reports an older export of the same contract (same title and version, a folder below, most operations shared) on the current one', () => {
    const found = run({ '/w/openapi/skills/openapi.json': spec('SkillApp', '/skills', '/profiles', '/admin/profiles'), '/w/openapi/skills/old/openapi.yaml': spec('SkillApp', '/skills', '/profiles', '/hello/{name}') });
    assert.deepEqual(found.get('/w/openapi/skills/old/openapi.yaml')!.map((f) => f.ruleId), ['parse-error']);
    assert.deepEqual(found.get('/w/openapi/skills/openapi.json')!.find((f) => f.ruleId === 'unbounded-input')!.related?.map((r) => r.path), ['/w/openapi/skills/old/openapi.yaml']);
    // Another title, or specs apart, or few operations shared: two contracts.
    assert.equal(run({ '/w/api/a.json': spec('A', '/x', '/y'), '/w/api/v/b.yaml': spec('B', '/x', '/z') }).get('/w/api/v/b.yaml')!.length, 2);
    assert.equal(run({ '/w/orders/api.json': spec('Api', '/x', '/y'), '/w/users/api.yaml': spec('Api', '/x', '/z') }).get('/w/users/api.yaml')!.length, 2);
    assert.equal(run({ '/w/api/a.json': spec('Api', '/x', '/y', '/w'), '/w/api/b.yaml': spec('Api', '/x', '/p', '/q') }).get('/w/api/b.yaml')!.length, 2);
  });
});

describe('copies of one API contract', () => {
  const versioned = (version: string, description = 'ok') => spec('Api', '/v1/crawl', '/v1/scrape').replace("version: '1'", `version: '${version}'`).replaceAll('description: ok', `description: ${description}`);
  it('reports a spec kept again under another version string (v1-openapi.json beside openapi.json, nothing else differs) once, on the first', () => {
    const found = run({ '/w/api/openapi.yaml': versioned('1.0.0'), '/w/api/v1-openapi.yaml': versioned('v1') });
    assert.deepEqual(found.get('/w/api/v1-openapi.yaml')!.map((f) => f.ruleId), ['parse-error']);
    assert.deepEqual(found.get('/w/api/openapi.yaml')!.find((f) => f.ruleId === 'unbounded-input')!.related?.map((r) => r.path), ['/w/api/v1-openapi.yaml']);
  });
  it('keeps two versions whose documents differ beyond the version string', () => {
    const found = run({ '/w/api/openapi.yaml': versioned('1.0.0'), '/w/api/v2-openapi.yaml': versioned('2.0.0', 'done') });
    assert.equal(found.get('/w/api/v2-openapi.yaml')!.length, 2);
  });
});

describe('bundles of API contracts', () => {
  it("reports a bundle's problems on the services' specs it gathers (operations exactly theirs), keeping its findings about the file", () => {
    const found = run({ '/w/docs/openapi.json': spec('Shop', '/orders', '/orders/{id}', '/tickets'), '/w/apps/orders/openapi.json': spec('Orders', '/orders', '/orders/{id}'), '/w/apps/tickets/openapi.json': spec('Tickets', '/tickets') });
    assert.deepEqual(found.get('/w/docs/openapi.json')!.map((f) => f.ruleId), ['parse-error']);
    for (const source of ['/w/apps/orders/openapi.json', '/w/apps/tickets/openapi.json']) assert.deepEqual(found.get(source)!.find((f) => f.ruleId === 'unbounded-input')!.related?.map((r) => r.path), ['/w/docs/openapi.json']);
  });
  it('keeps a spec with operations of its own, or made from one other spec only', () => {
    const own = run({ '/w/docs/openapi.json': spec('Shop', '/orders', '/tickets', '/admin'), '/w/apps/orders/openapi.json': spec('Orders', '/orders'), '/w/apps/tickets/openapi.json': spec('Tickets', '/tickets') });
    assert.equal(own.get('/w/docs/openapi.json')!.length, 2);
    const one = run({ '/w/docs/openapi.json': spec('Shop', '/orders', '/orders/{id}'), '/w/apps/orders/openapi.json': spec('Orders', '/orders') });
    assert.equal(one.get('/w/docs/openapi.json')!.length, 2);
  });
});

describe('copies of one compose file', () => {
  const stack = (db: string) => ['services:', '  mysql:', `    image: ${db}`, '    ports:', '      - 3306:3306', '    environment:', '      - MYSQL_DATABASE=user', '  redis:', '    image: redis:latest', '    ports:', '      - 6379:6379', ''].join('\n');
  it("reports a template's compose file copied into each service's folder once, on the first, naming the copies, and keeps a stack that differs", () => {
    const files: Record<string, string> = { '/w/app/cart/docker-compose.yaml': stack('mysql:latest'), '/w/app/user/docker-compose.yaml': '# written by the generator\n' + stack('mysql:latest'), '/w/app/order/docker-compose.yaml': stack('mysql:8.4.0') };
    const found = new Map(Object.keys(files).map((p) => [p, [finding(p, 'unpinned-image'), finding(p, 'parse-error')]]));
    const keys = new Map(Object.entries(files).map(([p, t]) => [p, composeCopyKey(t)!]));
    reportCopiesOnce(found, keys, (ruleId) => ruleId === 'parse-error');
    assert.deepEqual(found.get('/w/app/cart/docker-compose.yaml')!.find((f) => f.ruleId === 'unpinned-image')!.related?.map((r) => r.path), ['/w/app/user/docker-compose.yaml']);
    assert.deepEqual(found.get('/w/app/user/docker-compose.yaml')!.map((f) => f.ruleId), ['parse-error']);
    assert.equal(found.get('/w/app/order/docker-compose.yaml')!.length, 2);
  });
  it('keys no short stub: two one-service files alike by chance are not one template', () => {
    assert.equal(composeCopyKey('services:\n  db:\n    image: postgres:16.4\n'), undefined);
  });
});
