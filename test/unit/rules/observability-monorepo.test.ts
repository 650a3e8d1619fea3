// Service-level rules in an Nx monorepo: each app (a project.json that is no library) is a service of its own, and
// a file above it imported by a relative path counts, and a library it imports through a tsconfig path alias is
// named as found but not resolved (it may set up what the app never calls).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { summary, systemFindings } from './serviceHelpers';

const RULES = ['missing-metrics'];
const app = (name: string) => JSON.stringify({ name, projectType: 'application', sourceRoot: `apps/${name}/src` });
const lib = JSON.stringify({ name: 'common', projectType: 'library' });
const tsconfig = JSON.stringify({ compilerOptions: { paths: { '@acme/common': ['libs/common/src/index.ts'] } } });
const main = (imports: string) => lines(imports, "import { NestFactory } from '@nestjs/core';", 'async function boot() { const app = await NestFactory.create(AppModule); await app.listen(process.env.PORT ?? 3000); }');

const workspace = (ordersImports: string, extra: Record<string, string> = {}) => ({
  '/w/package.json': JSON.stringify({ name: 'acme-monorepo', dependencies: { '@nestjs/core': '10' } }),
  '/w/tsconfig.base.json': tsconfig,
  '/w/apps/orders/project.json': app('orders'),
  '/w/apps/orders/src/main.ts': main(ordersImports),
  '/w/apps/users/project.json': app('users'),
  '/w/apps/users/src/main.ts': main("import { metrics } from '@acme/common';"),
  '/w/libs/common/project.json': lib,
  '/w/libs/common/src/index.ts': lines("import * as client from 'prom-client';", 'export const metrics = client.collectDefaultMetrics();'),
  ...extra,
});

describe('service rules in an Nx monorepo', () => {
  it('judges each app as a service named after its folder; a library it imports through a path alias is found, not taken as set up', async () => {
    const f = await systemFindings(RULES, workspace("import { Logger } from '@nestjs/common';"));
    assert.deepEqual(summary(f), ['missing-metrics /w/apps/orders/src/main.ts:3', 'missing-metrics /w/apps/users/src/main.ts:3']);
    const [orders, users] = [f.find((x) => x.path.includes('orders'))!, f.find((x) => x.path.includes('users'))!];
    assert.match(orders.message, /^Service orders serves requests/);
    assert.doesNotMatch(orders.message, /not resolved/);
    // The library may set up metrics the app never calls: the message says what it found and did not resolve.
    assert.match(users.message, /^Service users serves requests .*\(prom-client appears in .*libs\/common\/src\/index\.ts, but no code of the service sets it up or uses it: not resolved/);
  });

  it('counts a file above the app that it imports by a relative path (a shared instrumentation module)', async () => {
    const sentry = lines("import * as Sentry from '@sentry/nestjs';", 'Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 1.0 });');
    assert.deepEqual(summary(await systemFindings(RULES, workspace("import '../../../instrument';", { '/w/instrument.ts': sentry }))), ['missing-metrics /w/apps/users/src/main.ts:3']);
  });

  it('judges each application of a NestJS monorepo (nest-cli.json projects of type application) as a service', async () => {
    const nestCli = JSON.stringify({ monorepo: true, projects: { gateway: { type: 'application', root: 'apps/gateway' }, shared: { type: 'library', root: 'libs/shared' } } });
    const f = await systemFindings(RULES, {
      '/w/package.json': JSON.stringify({ name: 'acme-nest', dependencies: { '@nestjs/core': '10' } }),
      '/w/nest-cli.json': nestCli,
      '/w/apps/gateway/src/main.ts': main("import { Logger } from '@nestjs/common';"),
    });
    assert.deepEqual(summary(f), ['missing-metrics /w/apps/gateway/src/main.ts:3']);
    assert.match(f[0].message, /^Service gateway serves requests/);
  });
});
