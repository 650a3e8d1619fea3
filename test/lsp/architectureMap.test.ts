// The architecture map's request over a real LSP connection: the graph of examples/shop with its findings, a
// live change notification after a compose edit, and an empty workspace.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import type { ArchitectureGraph } from '../../server/src/core/workspace/graphView';
import { ARCHITECTURE_CHANGED_NOTIFICATION, ARCHITECTURE_MODEL_REQUEST } from '../../server/src/lsp/protocol';
import { makeWorkspace, ROOT, withServer, type TestClient } from './client';

const graphOf = (c: TestClient) => c.connection.sendRequest<ArchitectureGraph>(ARCHITECTURE_MODEL_REQUEST);

function shopCopy(): string {
  const root = makeWorkspace({});
  cpSync(join(ROOT, 'examples/shop'), root, { recursive: true });
  return root;
}

describe('language server architecture map', () => {
  test('answers the graph of examples/shop: services, datastores, the external host, typed edges and findings per node', async () => {
    const root = shopCopy();
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      const g = await graphOf(c);
      assert.deepEqual(g.nodes.map((n) => `${n.id}:${n.kind}`).sort(), ['external:api.payprovider.example:external', 'gateway:service', 'orders:service', 'payments:service', 'postgres:datastore', 'redis:datastore', 'users:service']);
      const kinds = Object.fromEntries(g.edges.map((e) => [e.id, e.kind]));
      assert.equal(kinds['orders->postgres'], 'database');
      assert.equal(kinds['users->redis'], 'cache');
      assert.equal(kinds['gateway->orders'], 'http');
      const postgres = g.nodes.find((n) => n.id === 'postgres')!;
      assert.equal(postgres.worst, 'warning');
      assert.ok(postgres.findings.some((f) => f.ruleId === 'shared-database'));
      assert.equal(postgres.location?.path, join(root, 'docker-compose.yml'));
      assert.deepEqual(g.edges.find((e) => e.id === 'users->postgres')?.concerns.map((x) => x.ruleId), ['shared-database']);
    });
  });

  test('announces a change after a compose edit, and the next answer has the new service', async () => {
    const root = shopCopy();
    const compose = join(root, 'docker-compose.yml');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      await c.open(compose);
      let mark = c.mark();
      await c.change(compose, c.text(compose).replace('volumes:\n  pgdata:', '  audit:\n    image: audit:1.0\n    environment:\n      ORDERS_URL: http://orders:8081\n\nvolumes:\n  pgdata:'));
      // Other files' findings may be announced first: ask again after each announcement until the edit shows.
      let g: ArchitectureGraph;
      do {
        await c.waitForMessage(ARCHITECTURE_CHANGED_NOTIFICATION, () => true, mark);
        mark = c.mark();
        g = await graphOf(c);
      } while (!g.nodes.some((n) => n.id === 'audit'));
      assert.ok(g.edges.some((e) => e.id === 'audit->orders'));
    });
  });

  test('drops the service of a compose file deleted right after it was created and changed (events as a watcher sends them)', async () => {
    const root = shopCopy();
    const ghost = join(root, 'ghost', 'docker-compose.yml');
    const uri = pathToFileURL(ghost).toString();
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      mkdirSync(join(root, 'ghost'));
      writeFileSync(ghost, 'services:\n  ghost:\n    image: ghost:1.0\n');
      await c.fileEvents([{ uri, type: FileChangeType.Created }]);
      await c.fileEvents([{ uri, type: FileChangeType.Changed }]);
      let g = await graphOf(c);
      assert.ok(g.nodes.some((n) => n.id.endsWith('ghost')), 'the new service is drawn');
      rmSync(join(root, 'ghost'), { recursive: true });
      await c.fileEvents([{ uri, type: FileChangeType.Deleted }]);
      await c.fileEvents([{ uri: pathToFileURL(join(root, 'ghost')).toString(), type: FileChangeType.Deleted }]);
      g = await graphOf(c);
      assert.deepEqual(g.nodes.filter((n) => n.id.endsWith('ghost')).map((n) => n.location?.path), [], 'the deleted service is gone');
    });
  });

  test('answers an empty graph for a workspace without services', async () => {
    const root = makeWorkspace({ 'README.md': '# nothing here\n' });
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      const g = await graphOf(c);
      assert.deepEqual([g.nodes.length, g.edges.length], [0, 0]);
    });
  });
});
