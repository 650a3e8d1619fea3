// unset-environment-variable and unknown-service-host over a real LSP connection: findings on service code follow
// edits of the compose file (its open document's text, unsaved), and the scan reports on code files that are not open.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, editsFor, makeWorkspace, uriOf, withServer } from './client';

const UNSET = 'unset-environment-variable';
const HOST = 'unknown-service-host';
const compose = (env: string) => `services:\n  orders:\n    build: ./orders\n    environment:\n${env}  inventory:\n    build: ./inventory\n`;
const APP = 'import os, requests\nfrom flask import Flask\napp = Flask(__name__)\nAPI_KEY = os.environ["API_KEY"]\nSTOCK = os.getenv("STOCK_URL", "http://inventory:8080")\n';
const FILES = {
  'docker-compose.yml': compose('      DEBUG: "1"\n'),
  'orders/app.py': APP,
  'inventory/app.py': 'from flask import Flask\napp = Flask(__name__)\n',
};

const count = (rule: string) => (d: Diagnostic[]) => d.filter((x) => x.code === rule).length;

describe('language server deployment consistency', () => {
  test('a closed code file loses its unset-variable finding when the open compose file sets the variable, and gets it back when it stops', async () => {
    const root = makeWorkspace(FILES);
    const app = join(root, 'orders/app.py');
    const yml = join(root, 'docker-compose.yml');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      const [d] = (await c.waitForDiagnostics(app, (x) => count(UNSET)(x) === 1)).filter((x) => x.code === UNSET);
      assert.match(d.message, /API_KEY/);
      assert.equal(d.relatedInformation?.[0].location.uri, uriOf(yml));
      await c.open(yml);
      await c.change(yml, compose('      DEBUG: "1"\n      API_KEY: abc\n'));
      await c.waitForDiagnostics(app, (x) => count(UNSET)(x) === 0);
      await c.change(yml, compose('      DEBUG: "1"\n'));
      await c.waitForDiagnostics(app, (x) => count(UNSET)(x) === 1);
    });
  });

  test('the quick fix on an unset variable edits the compose file (its disk text while closed, its unsaved text and version once open), and the finding goes away after the edit', async () => {
    const root = makeWorkspace(FILES);
    const app = join(root, 'orders/app.py');
    const yml = join(root, 'docker-compose.yml');
    const title = "Add API_KEY to the environment of compose service 'orders'";
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      const diags = (await c.open(app)).filter((x) => x.code === UNSET);
      assert.equal(diags.length, 1);
      const closed = (await c.codeActions(app, diags)).find((a) => a.title === title);
      const [onDisk] = closed?.edit?.documentChanges ?? [];
      assert.deepEqual((onDisk as any)?.textDocument, { uri: uriOf(yml), version: null });
      assert.match(applyEdits(FILES['docker-compose.yml'], editsFor(closed!.edit, uriOf(yml))), /DEBUG: "1"\n      API_KEY: "\$\{API_KEY:\?API_KEY is required by orders\}"\n  inventory:/);
      await c.open(yml);
      const unsaved = `# unsaved\n${compose('      DEBUG: "1" # kept\n')}`;
      await c.waitForDiagnostics(yml, () => true, await c.change(yml, unsaved));
      const fix = (await c.codeActions(app, diags)).find((a) => a.title === title);
      assert.equal((fix?.edit?.documentChanges?.[0] as any)?.textDocument.version, 2);
      await c.applyWorkspaceEdit(yml, fix!.edit);
      assert.equal(c.text(yml), unsaved.replace('# kept\n', '# kept\n      API_KEY: "${API_KEY:?API_KEY is required by orders}"\n'));
      await c.waitForDiagnostics(app, (x) => count(UNSET)(x) === 0);
    });
  });

  test('an open code file gets unknown-service-host when the compose file renames the service it calls', async () => {
    const root = makeWorkspace(FILES);
    const app = join(root, 'orders/app.py');
    const yml = join(root, 'docker-compose.yml');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      assert.equal(count(HOST)(await c.open(app)), 0);
      await c.open(yml);
      await c.change(yml, compose('      DEBUG: "1"\n').replace('  inventory:', '  stock:'));
      const [d] = (await c.waitForDiagnostics(app, (x) => count(HOST)(x) === 1)).filter((x) => x.code === HOST);
      assert.match(d.message, /Host 'inventory' \(STOCK_URL\)/);
    });
  });
});
