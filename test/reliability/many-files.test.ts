// Case 10: 300 open files, all analyzed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { codes, makeWorkspace, withServer } from '../lsp/client';
import { COMPOSE, OPENAPI, PYTHON, SAMPLE_SETTINGS } from '../lsp/samples';
import { figure, msSince } from './figures';

const FILES = 300;
const LIMIT_S = 20;

/** 100 specs, 100 compose files and 100 Python clients, each with its expected rule. */
function workspaceFiles(): [string, string, string][] {
  const kinds: [(i: number) => string, (i: number) => string, string][] = [
    [(i) => `svc${i}/openapi.yaml`, () => OPENAPI, 'missing-auth'],
    // Each service's own stack (its own api image): identical files would be copies of one stack, reported once.
    [(i) => `svc${i}/docker-compose.yml`, (i) => COMPOSE.replace('shop/api', `shop/api${i}`), 'missing-healthcheck'],
    [(i) => `svc${i}/client.py`, () => PYTHON, 'missing-timeout'],
  ];
  return Array.from({ length: FILES }, (_, i) => {
    const [path, text, rule] = kinds[i % 3];
    return [path(i), text(i), rule];
  });
}

describe('300 open files', () => {
  test('300 files opened at once all get their diagnostics', async (t) => {
    const files = workspaceFiles();
    const root = makeWorkspace(Object.fromEntries(files.map(([p, text]) => [p, text])));
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false } }, async (c) => {
      const started = process.hrtime.bigint();
      for (const [path, text] of files) await c.sendOpen(join(root, path), text);
      const all = await Promise.all(files.map(([path]) => c.waitForDiagnostics(join(root, path), () => true, 1)));
      const elapsed = msSince(started);
      files.forEach(([path, , rule], i) => assert.ok(codes(all[i]).includes(rule), `${path}: ${codes(all[i])}`));
      assert.ok(elapsed < LIMIT_S * 1000, `took ${elapsed} ms`);
      figure(t, 10, `${FILES} open files all got diagnostics in ${(elapsed / 1000).toFixed(1)} s (limit ${LIMIT_S} s)`);
    });
  });
});
