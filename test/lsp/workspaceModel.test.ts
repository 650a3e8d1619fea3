// Cross-file findings over a real LSP connection: shared-database in a compose file follows the other files the
// workspace model reads (a service's config on disk, the project .env, an override file, an open document).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { codes, makeWorkspace, uriOf, withServer, writeFiles, type TestClient } from './client';

const RULE = 'shared-database';
const COMPOSE = [
  'services:',
  '  orders:',
  '    build: ./orders',
  '    environment:',
  '      DATABASE_URL: postgres://db:5432/shop',
  '  users:',
  '    build: ./users',
  '  db:',
  '    image: postgres:16',
  '    healthcheck:',
  '      test: ["CMD-SHELL", "pg_isready"]',
  '',
].join('\n');
const ownDb = 'spring.datasource.url=jdbc:postgresql://users-db:5432/users\n';
const sharedDb = 'spring.datasource.url=jdbc:postgresql://db:5432/shop\n';
const PROPS = 'users/src/main/resources/application.properties';

const has = (rule: string) => (d: Diagnostic[]) => codes(d).includes(rule);
const hasNot = (rule: string) => (d: Diagnostic[]) => !codes(d).includes(rule);

async function changedOnDisk(c: TestClient, root: string, rel: string, text: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
  writeFiles(root, { [rel]: text });
  await c.fileEvents([{ uri: uriOf(join(root, rel)), type }]);
}

describe('language server workspace model', () => {
  test('an open compose file gets shared-database when a service\'s config file on disk starts using the same database, and loses it when it stops', async () => {
    const root = makeWorkspace({ 'docker-compose.yml': COMPOSE, [PROPS]: ownDb });
    const compose = join(root, 'docker-compose.yml');
    await withServer({ root, settings: { scanWorkspace: false, debounceMs: 0 } }, async (c) => {
      assert.ok(hasNot(RULE)(await c.open(compose)));
      await changedOnDisk(c, root, PROPS, sharedDb);
      const [d] = (await c.waitForDiagnostics(compose, has(RULE))).filter((x) => x.code === RULE);
      assert.match(d.message, /Database 'shop' on postgres datastore 'db' is shared by 'orders' and 'users'/);
      assert.deepEqual(d.relatedInformation!.map((r) => r.location.uri).sort(), [uriOf(compose), uriOf(join(root, PROPS))].sort());
      await changedOnDisk(c, root, PROPS, ownDb);
      await c.waitForDiagnostics(compose, hasNot(RULE));
    });
  });

  test('a compose file that is not open is re-published when the project .env changes what it interpolates', async () => {
    const text = COMPOSE.replace('    build: ./users\n', '    build: ./users\n    environment:\n      DATABASE_URL: postgres://${USERS_DB_HOST:-users-db}/shop\n');
    const root = makeWorkspace({ 'docker-compose.yml': text });
    const compose = join(root, 'docker-compose.yml');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      assert.ok(hasNot(RULE)(c.latest(compose) ?? []));
      await changedOnDisk(c, root, '.env', 'USERS_DB_HOST=db\n', FileChangeType.Created);
      await c.waitForDiagnostics(compose, has(RULE));
    });
  });

  test('a HEALTHCHECK added to or removed from the Dockerfile a service builds moves missing-healthcheck in its open compose file', async () => {
    const text = 'services:\n  store:\n    build: ./store\n  init:\n    build: ./init\n    depends_on: [store]\n';
    const root = makeWorkspace({ 'docker-compose.yml': text, 'store/Dockerfile': 'FROM nginx:1.27\n' });
    const compose = join(root, 'docker-compose.yml');
    await withServer({ root, settings: { scanWorkspace: false, debounceMs: 0 } }, async (c) => {
      assert.ok(has('missing-healthcheck')(await c.open(compose)));
      await changedOnDisk(c, root, 'store/Dockerfile', 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n');
      await c.waitForDiagnostics(compose, (d) => hasNot('missing-healthcheck')(d) && has('depends-on-without-condition')(d));
      await changedOnDisk(c, root, 'store/Dockerfile', 'FROM nginx:1.27\n');
      await c.waitForDiagnostics(compose, has('missing-healthcheck'));
    });
  });

  test('editing an open override file refreshes the findings of the base compose file on disk', async () => {
    const root = makeWorkspace({ 'docker-compose.yml': COMPOSE, 'docker-compose.override.yml': 'services:\n  users:\n    environment:\n      LOG_LEVEL: debug\n' });
    const compose = join(root, 'docker-compose.yml');
    const override = join(root, 'docker-compose.override.yml');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      await c.open(override);
      await c.change(override, 'services:\n  users:\n    environment:\n      DATABASE_URL: postgres://db/shop\n');
      await c.waitForDiagnostics(compose, has(RULE));
      await c.change(override, 'services:\n  users:\n    environment:\n      LOG_LEVEL: debug\n');
      await c.waitForDiagnostics(compose, hasNot(RULE));
    });
  });

  test('an unsaved edit of a service\'s code in the editor counts, and closing it without saving goes back to the disk', async () => {
    const root = makeWorkspace({ 'docker-compose.yml': COMPOSE, 'users/app.py': 'DB = "postgres://users-db/users"\n' });
    const compose = join(root, 'docker-compose.yml');
    const code = join(root, 'users/app.py');
    await withServer({ root, settings: { scanWorkspace: false, debounceMs: 0 } }, async (c) => {
      assert.ok(hasNot(RULE)(await c.open(compose)));
      await c.open(code);
      await c.change(code, 'DB = "postgres://db/shop"\n');
      await c.waitForDiagnostics(compose, has(RULE));
      await c.close(code);
      await c.waitForDiagnostics(compose, hasNot(RULE));
    });
  });
});
