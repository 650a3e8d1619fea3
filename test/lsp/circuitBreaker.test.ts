// missing-circuit-breaker over a real LSP connection: one finding per service, on the file of its first call to
// another service, kept current when another file of the same service changes (open or on disk).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { makeWorkspace, uriOf, withServer, writeFiles } from './client';

const RULE = 'missing-circuit-breaker';
const COMPOSE = ['services:', '  web:', '    build: ./web', '  orders:', '    build: ./orders', ''].join('\n');
const A = 'web/src/a.ts';
const B = 'web/src/b.ts';
const FILES = {
  'docker-compose.yml': COMPOSE,
  'web/package.json': '{}',
  [A]: 'import express from "express";\nconst app = express();\napp.listen(3000);\nexport const a = () => fetch("http://orders:8080/orders", { signal: AbortSignal.timeout(1000) });\n',
  [B]: 'export const b = () => fetch("http://orders:8080/orders/1", { signal: AbortSignal.timeout(1000) });\n',
};
const BREAKER = 'import CircuitBreaker from "opossum";\nexport const wrap = (f: () => Promise<unknown>) => new CircuitBreaker(f, { errorThresholdPercentage: 50 });\n';

const count = (d: Diagnostic[]) => d.filter((x) => x.code === RULE).length;

describe('language server missing-circuit-breaker', () => {
  test('the scan reports a service once, on the file of its first call, listing the calls of both files', async () => {
    const root = makeWorkspace(FILES);
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      const [d] = (await c.waitForDiagnostics(join(root, A), (x) => count(x) === 1)).filter((x) => x.code === RULE);
      assert.deepEqual(d.relatedInformation!.map((r) => r.location.uri), [uriOf(join(root, A)), uriOf(join(root, B))]);
      assert.equal(count(c.latest(join(root, B)) ?? []), 0);
    });
  });

  test('adding a breaker in another open file of the service clears the finding of the closed file, and removing it brings it back', async () => {
    const root = makeWorkspace(FILES);
    const a = join(root, A);
    const c2 = join(root, 'web/src/breaker.ts');
    writeFiles(root, { 'web/src/breaker.ts': 'export {};\n' });
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      await c.waitForDiagnostics(a, (x) => count(x) === 1);
      await c.open(c2);
      await c.change(c2, BREAKER);
      await c.waitForDiagnostics(a, (x) => count(x) === 0);
      await c.change(c2, 'export {};\n');
      await c.waitForDiagnostics(a, (x) => count(x) === 1);
    });
  });

  test('when the first call moves to another file on disk, the finding moves with it', async () => {
    const root = makeWorkspace(FILES);
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      await c.waitForDiagnostics(join(root, A), (x) => count(x) === 1);
      writeFiles(root, { [A]: FILES[A].replace(/export const a[^\n]*\n/, '') });
      await c.fileEvents([{ uri: uriOf(join(root, A)), type: FileChangeType.Changed }]);
      await c.waitForDiagnostics(join(root, B), (x) => count(x) === 1);
      await c.waitForDiagnostics(join(root, A), (x) => count(x) === 0);
    });
  });
});
