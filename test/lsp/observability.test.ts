// The service-level observability rules over a real LSP connection: one finding per service, on its entry point,
// kept current when another file of the service (open, or a build file on disk) changes.
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { makeWorkspace, uriOf, withServer, writeFiles } from './client';

const COMPOSE = ['services:', '  web:', '    build: ./web', '    environment:', '      ORDERS_URL: http://orders:8080', '  orders:', '    build: ./orders', ''].join('\n');
const SERVER = 'web/server.js';
const FILES = {
  'docker-compose.yml': COMPOSE,
  'web/package.json': '{ "name": "web" }',
  [SERVER]: "const app = require('express')();\nconsole.log('order received');\napp.listen(3000);\n",
  'web/log.js': 'module.exports = {};\n',
  'orders/main.go': 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
};

const has = (rule: string) => (d: Diagnostic[]) => d.some((x) => x.code === rule);
const lacks = (rule: string) => (d: Diagnostic[]) => !d.some((x) => x.code === rule);

describe('language server observability rules', () => {
  test('a logger set up in another open file of the service clears unstructured-logging on the entry point, and back', async () => {
    const root = makeWorkspace(FILES);
    const server = join(root, SERVER);
    const log = join(root, 'web/log.js');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      await c.waitForDiagnostics(server, (d) => has('unstructured-logging')(d) && has('missing-tracing')(d) && has('missing-metrics')(d));
      await c.open(log);
      await c.change(log, "const pino = require('pino');\nmodule.exports = pino();\n");
      await c.waitForDiagnostics(server, lacks('unstructured-logging'));
      await c.change(log, 'module.exports = {};\n');
      await c.waitForDiagnostics(server, has('unstructured-logging'));
    });
  });

  test('an agent added to a Dockerfile on disk clears missing-tracing and missing-metrics', async () => {
    const root = makeWorkspace(FILES);
    const main = join(root, 'orders/main.go');
    await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.scanned();
      await c.waitForDiagnostics(main, (d) => has('missing-tracing')(d) && has('missing-metrics')(d));
      writeFiles(root, { 'orders/Dockerfile': 'FROM golang:1.22\nENV OTEL_SERVICE_NAME=orders\nCMD ["opentelemetry-instrument", "/app"]\n' });
      await c.fileEvents([{ uri: uriOf(join(root, 'orders/Dockerfile')), type: FileChangeType.Created }]);
      await c.waitForDiagnostics(main, (d) => lacks('missing-tracing')(d) && lacks('missing-metrics')(d));
    });
  });
});
