// NestJS microservice clients without a timeout: one finding per service (package), on the first of its files that
// sends without one, naming the other files (read from disk, as the CLI and the language server scan them).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { systemFindings } from '../rules/serviceHelpers';

const controller = (name: string, body: string) => [
  "import { Controller, Get, Inject } from '@nestjs/common';",
  "import { ClientProxy } from '@nestjs/microservices';",
  `@Controller('${name}')`,
  `export class ${name}Controller {`,
  "  constructor(@Inject('SVC') private readonly client: ClientProxy) {}",
  `  @Get() list() { ${body} }`,
  '}',
  '',
].join('\n');

async function timeouts(files: Record<string, string>): Promise<{ path: string; message: string; related: number }[]> {
  const root = mkdtempSync(join(tmpdir(), 'ba-nest-'));
  const abs = Object.fromEntries(Object.entries(files).map(([p, t]) => [join(root, p), t]));
  for (const [p, t] of Object.entries(abs)) {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, t);
  }
  const found = await systemFindings(['missing-timeout'], abs, {}, root);
  return found.map((f) => ({ path: f.path.slice(root.length + 1), message: f.message, related: f.related?.length ?? 0 }));
}

describe('missing-timeout on NestJS clients, per service', () => {
  it('reports once for a service whose controllers send without a timeout, on the first file, naming the others', async () => {
    const found = await timeouts({
      'gateway/package.json': '{"dependencies": {"@nestjs/microservices": "10"}}',
      'gateway/src/admin/admin.controller.ts': controller('Admin', "return this.client.send('admin.list', {});"),
      'gateway/src/order/order.controller.ts': controller('Order', "return this.client.send('order.list', {});"),
      'gateway/src/user/user.controller.ts': controller('User', "return this.client.send('user.list', {}).pipe(timeout(5000));"),
    });
    assert.deepEqual(found.map((f) => f.path), ['gateway/src/admin/admin.controller.ts']);
    assert.match(found[0].message, /1 more file of this service sends the same way/);
    assert.equal(found[0].related, 1);
  });
  it('reports each service once: two packages, two findings', async () => {
    const found = await timeouts({
      'a/package.json': '{}',
      'a/src/x.controller.ts': controller('X', "return this.client.send('x', {});"),
      'b/package.json': '{}',
      'b/src/y.controller.ts': controller('Y', "return this.client.send('y', {});"),
    });
    assert.deepEqual(found.map((f) => f.path), ['a/src/x.controller.ts', 'b/src/y.controller.ts']);
    assert.doesNotMatch(found[0].message, /more file/);
  });
  it('groups the files of a deep source tree with their package, and leaves a package nested inside it to itself', async () => {
    const found = await timeouts({
      'package.json': '{}',
      'libs/common/src/cqrs/query/users/handlers/a.handler.ts': controller('A', "return this.client.send('a', {});"),
      'libs/common/src/cqrs/query/users/handlers/b.handler.ts': controller('B', "return this.client.send('b', {});"),
      'apps/auth/package.json': '{}',
      'apps/auth/src/auth.controller.ts': controller('Auth', "return this.client.send('auth', {});"),
      'libs/common/src/auth/jwt.guard.ts': controller('Guard', "return this.client.send('check', {});"),
    });
    assert.deepEqual(found.map((f) => f.path).sort(), ['apps/auth/src/auth.controller.ts', 'libs/common/src/auth/jwt.guard.ts']);
    assert.match(found.find((f) => f.path.startsWith('libs'))!.message, /2 more files of this service send the same way/);
  });
});
