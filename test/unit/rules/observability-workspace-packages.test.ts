// Service-level rules in a JavaScript workspace (npm/yarn `workspaces`, pnpm-workspace.yaml): a service that imports
// its logger or its telemetry set-up by name from a workspace package has what that package uses; a package it
// imports other things from lends it nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concernsOfName, importedNames, workspacePackages } from '../../../server/src/core/workspace/workspacePackages';
import { memoryFs } from '../../../server/src/core/workspace/index';
import { lines } from './helpers';
import { summary, systemFindings } from './serviceHelpers';

const server = (imports: string, body = "log.info('order placed');") =>
  lines(imports, "import express from 'express';", 'const app = express();', `app.post('/orders', (req, res) => { ${body} res.sendStatus(201); });`, 'app.listen(8080);');
const workspace = (apiImports: string, body?: string, extra: Record<string, string> = {}) => ({
  '/w/package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['packages/*', 'services/api'] }),
  '/w/services/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '4', '@shop/common': '*' } }),
  '/w/services/api/src/main.ts': server(apiImports, body),
  '/w/packages/common/package.json': JSON.stringify({ name: '@shop/common', main: 'src/index.ts' }),
  '/w/packages/common/src/logger.ts': lines("import pino from 'pino';", 'export const logger = pino();'),
  '/w/packages/common/src/otel.ts': lines(
    "import { NodeSDK } from '@opentelemetry/sdk-node';",
    "import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';",
    'export function initTelemetry(exporter) { new NodeSDK({ metricReader: new PeriodicExportingMetricReader({ exporter }) }).start(); }',
  ),
  '/w/packages/common/src/dates.ts': 'export const today = () => new Date();',
  '/w/packages/common/src/index.ts': lines("export * from './logger';", "export * from './otel';", "export * from './dates';"),
  ...extra,
});

describe('service rules in a JavaScript workspace', () => {
  it('counts the structured logger of a workspace package the service imports its logger from', async () => {
    const own = await systemFindings(['unstructured-logging'], workspace("import { today } from '@shop/common';", "console.log('order placed', today());"));
    assert.deepEqual(summary(own), ['unstructured-logging /w/services/api/src/main.ts:5']);
    const through = await systemFindings(['unstructured-logging'], workspace("import { logger, today } from '@shop/common';", "console.log('order placed', today()); logger.info('x');"));
    assert.deepEqual(summary(through), []);
  });

  it('counts a subpath import named for its module (backend-lib/src/logger)', async () => {
    const f = await systemFindings(['unstructured-logging'], workspace("import log from '@shop/common/src/logger';", "console.log('placed'); log.info('x');"));
    assert.deepEqual(summary(f), []);
  });

  it("counts a workspace package's telemetry set-up for tracing and metrics, named in the evidence", async () => {
    const rules = ['missing-tracing', 'missing-metrics'];
    const peer = { '/w/docker-compose.yml': lines('services:', '  api:', '    build: ./services/api', '    environment:', '      STOCK_URL: http://stock:8080', '  stock:', '    image: acme/stock:1.2.0') };
    const without = await systemFindings(rules, workspace("import { today } from '@shop/common';", 'today();', peer));
    assert.deepEqual(summary(without), ['missing-metrics /w/services/api/src/main.ts:5', 'missing-tracing /w/services/api/src/main.ts:5']);
    assert.deepEqual(summary(await systemFindings(rules, workspace("import { initTelemetry } from '@shop/common';", 'initTelemetry();', peer))), []);
  });

  it('leaves a package outside any workspace declaration alone', async () => {
    const files = workspace("import { logger } from '@shop/common';", "console.log('placed'); logger.info('x');");
    files['/w/package.json'] = JSON.stringify({ name: 'shop', private: true });
    assert.deepEqual(summary(await systemFindings(['unstructured-logging'], files)), ['unstructured-logging /w/services/api/src/main.ts:5']);
  });

  it('reads a hand-written JSON log line (a level and a message) as a structured logger', async () => {
    const files = workspace("import { getLog } from '@shop/common';", "console.log('placed'); getLog().info('x');");
    files['/w/packages/common/src/logger.ts'] = lines('export function getLog() { return { info: (msg: string) => process.stdout.write(JSON.stringify({ time: new Date(), level: "info", msg }) + "\\n") }; }');
    assert.deepEqual(summary(await systemFindings(['unstructured-logging'], files)), []);
    files['/w/packages/common/src/logger.ts'] = lines('export function getLog() { return { info: (msg: string) => process.stdout.write(JSON.stringify({ msg }) + "\\n") }; }');
    assert.deepEqual(summary(await systemFindings(['unstructured-logging'], files)), ['unstructured-logging /w/services/api/src/main.ts:5']);
  });
});

describe('workspace packages', () => {
  it('reads npm/yarn workspaces (an array or { packages }) and pnpm-workspace.yaml', async () => {
    const fs = (root: Record<string, string>) =>
      memoryFs({ ...root, '/w/packages/a/package.json': '{"name":"@x/a"}', '/w/apps/web/package.json': '{"name":"web"}', '/w/apps/web/src/main.ts': '' });
    const io = (files: Record<string, string>) => {
      const m = fs(files);
      return { names: async (d: string) => ((await m.list(d)) ?? []).map((e) => e.name), readText: (p: string) => m.read(p), top: '/w' };
    };
    const names = async (files: Record<string, string>) => [...(await workspacePackages('/w/apps/web/src', io(files))).entries()].map(([n, d]) => `${n}=${d}`).sort();
    assert.deepEqual(await names({ '/w/package.json': '{"workspaces":["packages/*","apps/*"]}' }), ['@x/a=/w/packages/a', 'web=/w/apps/web']);
    assert.deepEqual(await names({ '/w/package.json': '{"workspaces":{"packages":["packages/**"]}}' }), ['@x/a=/w/packages/a']);
    assert.deepEqual(await names({ '/w/package.json': '{}', '/w/pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - packages/*\n  - '!**/test/**'\n" }), ['@x/a=/w/packages/a', 'web=/w/apps/web']);
    assert.deepEqual(await names({ '/w/package.json': '{"name":"solo"}' }), []);
  });

  it('tells what an imported name stands for by its words', () => {
    assert.deepEqual(concernsOfName('getLog'), ['structured']);
    assert.deepEqual(concernsOfName('LOGGER'), ['structured']);
    assert.deepEqual(concernsOfName('initLiteOpenTelemetry'), ['tracing', 'metrics', 'apm']);
    assert.deepEqual(concernsOfName('metricsRegistry'), ['metrics']);
    for (const name of ['catalog', 'login', 'dialog', 'blogPosts', 'today']) assert.deepEqual(concernsOfName(name), [], name);
  });

  it('lists the names each import takes', () => {
    const text = lines("import log, { a as b, type C } from '@x/a';", "import * as ns from 'y';", "const { z } = require('z');", "import './side-effect';");
    assert.deepEqual(importedNames(text), [
      { spec: '@x/a', names: ['log', 'a', 'b', 'C'] },
      { spec: 'y', names: ['ns'] },
      { spec: 'z', names: ['z'] },
    ]);
  });
});
