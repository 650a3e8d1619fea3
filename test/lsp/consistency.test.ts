// Routes against specs over a real LSP connection: an edit on one side moves the findings on the other, unsaved.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { makeWorkspace, withServer } from './client';

const COMPOSE = 'services:\n  orders:\n    build: ./orders\n';
const SPEC = `openapi: 3.0.3
info:
  title: Orders
  version: '1'
paths:
  /orders:
    get:
      responses:
        '200':
          description: OK
  /orders/{id}:
    get:
      responses:
        '200':
          description: OK
`;
const APP = `const express = require('express');
const app = express();
app.get('/orders', (req, res) => res.json([]));
app.get('/orders/:id', (req, res) => res.json({}));
app.delete('/orders/:id', (req, res) => res.end());
app.listen(3000);
`;
const FILES = { 'docker-compose.yml': COMPOSE, 'orders/package.json': '{}', 'orders/openapi.yaml': SPEC, 'orders/app.js': APP };
const count = (rule: string) => (d: Diagnostic[]) => d.filter((x) => x.code === rule).length;

describe('language server routes against specs', () => {
  test('describing the route in the open spec clears the finding on the code file, without saving', async () => {
    const root = makeWorkspace(FILES);
    const spec = join(root, 'orders/openapi.yaml');
    const app = join(root, 'orders/app.js');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      const [d] = (await c.waitForDiagnostics(app, (x) => count('undocumented-route')(x) === 1)).filter((x) => x.code === 'undocumented-route');
      assert.equal(d.range.start.line, 4);
      await c.open(spec);
      await c.change(spec, SPEC + '    delete:\n      responses:\n        \'204\':\n          description: Deleted\n');
      await c.waitForDiagnostics(app, (x) => count('undocumented-route')(x) === 0);
    });
  });

  test('removing a route from the open code file brings a finding on the spec', async () => {
    const root = makeWorkspace(FILES);
    const spec = join(root, 'orders/openapi.yaml');
    const app = join(root, 'orders/app.js');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      await c.waitForDiagnostics(app, (x) => count('undocumented-route')(x) === 1);
      assert.equal(count('unimplemented-operation')(c.latest(spec) ?? []), 0);
      await c.open(app);
      await c.change(app, APP.replace("app.get('/orders/:id', (req, res) => res.json({}));\n", ''));
      const [d] = (await c.waitForDiagnostics(spec, (x) => count('unimplemented-operation')(x) === 1)).filter((x) => x.code === 'unimplemented-operation');
      assert.equal(d.range.start.line, 11);
    });
  });

  test('a spec that appears after the code file was edited is compared with the edited, unsaved routes', async () => {
    const { 'orders/openapi.yaml': _spec, ...withoutSpec } = FILES;
    const root = makeWorkspace(withoutSpec);
    const spec = join(root, 'orders/openapi.yaml');
    const app = join(root, 'orders/app.js');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      await c.open(app);
      // Typed while no spec exists (its routes are not read then): the DELETE route goes, a PUT comes.
      await c.change(app, APP.replace("app.delete('/orders/:id'", "app.put('/orders/:id'"));
      await c.change(app, APP.replace("app.delete('/orders/:id'", "app.put('/orders/:id'").replace("res.end());", "res.end()); // edited"));
      writeFileSync(spec, SPEC);
      await c.fileEvents([{ uri: pathToFileURL(spec).href, type: 1 }]);
      const [d] = (await c.waitForDiagnostics(app, (x) => count('undocumented-route')(x) === 1)).filter((x) => x.code === 'undocumented-route');
      assert.match(d.message, /PUT \/orders\/(:id|\{id\})/);
      assert.equal(d.range.start.line, 4);
    });
  });

  test('renaming the service in the title of an open spec maps it to the other service, without saving', async () => {
    // Billing also serves /orders (a route the spec describes, so the comparison is made) and /invoices, which it does not.
    const billing = "const express = require('express');\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\napp.get('/invoices', (req, res) => res.json([]));\napp.listen(3000);\n";
    const root = makeWorkspace({
      'docker-compose.yml': COMPOSE + '  billing:\n    build: ./billing\n',
      'orders/package.json': '{}',
      'orders/app.js': APP,
      'billing/package.json': '{}',
      'billing/app.js': billing,
      'specs/api.yaml': SPEC,
    });
    const spec = join(root, 'specs/api.yaml');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      await c.waitForDiagnostics(join(root, 'orders/app.js'), (x) => count('undocumented-route')(x) === 1);
      assert.equal(count('undocumented-route')(c.latest(join(root, 'billing/app.js')) ?? []), 0);
      await c.open(spec);
      await c.change(spec, SPEC.replace('title: Orders', 'title: Billing'));
      await c.waitForDiagnostics(join(root, 'billing/app.js'), (x) => count('undocumented-route')(x) === 1);
      await c.waitForDiagnostics(join(root, 'orders/app.js'), (x) => count('undocumented-route')(x) === 0);
    });
  });
});
