// The example workspace shows what the rules find (examples/shop/README.md lists it); this keeps the two in step.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { analyzeFile } from '../../../server/src/core/project';
import { WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { analyze, applyFix } from './helpers';

const ROOT = resolve(__dirname, '../../../examples/shop');
const RULES = ['missing-auth', 'missing-healthcheck', 'missing-timeout', 'shared-database', 'depends-on-without-condition', 'exposed-database-port', 'unpinned-image', 'missing-resource-limits', 'missing-restart-policy', 'stateful-service', 'hardcoded-secret', 'retry-without-backoff', 'in-memory-state', 'missing-health-endpoint', 'missing-circuit-breaker'];

/** Findings with no safe mechanical edit (the message says what to do instead). */
const WITHOUT_FIX = [/uses http\.DefaultClient/, /builds a request without a context/, /^providerAPIKey holds/, /keeps log-in sessions in process memory/, /^No health or readiness endpoint among/, /is shared by/, /has no tag|uses the moving tag/, /has no (memory or CPU|memory|CPU) limit|^No service of this file has a memory limit/, /writes data to/, /without a circuit breaker/];

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

async function shopFindings() {
  const config = new EffectiveConfig(DEFAULT_SETTINGS);
  const workspace = new WorkspaceIndex();
  const out = [];
  for (const f of files(ROOT)) out.push(...(await analyzeFile(f, config, workspace)).findings);
  return out.filter((f) => RULES.includes(f.ruleId));
}

describe('examples/shop', () => {
  it('gets the findings its README lists from the three rules of today', async () => {
    const found = (await shopFindings()).map((f) => `${relative(ROOT, f.path)}:${f.range.start.line + 1} ${f.ruleId}`);
    assert.deepEqual(found, [
      'docker-compose.yml:2 missing-resource-limits',
      'docker-compose.yml:2 missing-restart-policy',
      'docker-compose.yml:16 missing-healthcheck',
      'docker-compose.yml:21 hardcoded-secret',
      'docker-compose.yml:28 missing-healthcheck',
      'docker-compose.yml:37 stateful-service',
      'docker-compose.yml:42 missing-healthcheck',
      'docker-compose.yml:49 missing-healthcheck',
      'docker-compose.yml:49 shared-database',
      'docker-compose.yml:56 exposed-database-port',
      'docker-compose.yml:60 missing-healthcheck',
      'docker-compose.yml:61 unpinned-image',
      'docker-compose.yml:63 exposed-database-port',
      'gateway/src/server.ts:25 missing-timeout',
      'gateway/src/server.ts:25 missing-circuit-breaker',
      'openapi/shop.yaml:1 missing-auth',
      'openapi/shop.yaml:1 missing-health-endpoint',
      'orders/app.py:10 missing-health-endpoint',
      'orders/app.py:15 hardcoded-secret',
      'orders/app.py:25 missing-timeout',
      'orders/app.py:25 missing-circuit-breaker',
      'orders/app.py:45 retry-without-backoff',
      'orders/app.py:65 missing-timeout',
      'payments/main.go:16 hardcoded-secret',
      'payments/main.go:20 missing-timeout',
      'payments/main.go:54 retry-without-backoff',
      'payments/main.go:68 missing-timeout',
      'payments/main.go:83 missing-health-endpoint',
      'users/src/index.ts:21 in-memory-state',
      'users/src/index.ts:48 missing-timeout',
      'users/src/index.ts:48 missing-circuit-breaker',
      'users/src/index.ts:64 missing-health-endpoint',
    ]);
  });

  it('offers a quick fix for each finding that clears it on re-analysis', async () => {
    for (const f of await shopFindings()) {
      if (!f.fix && WITHOUT_FIX.some((re) => re.test(f.message))) continue;
      assert.ok(f.fix, `${f.path}: ${f.message}`);
      const name = relative(ROOT, f.path);
      const fixed = applyFix(readFileSync(f.path, 'utf8'), f);
      const after = await analyze(name, fixed);
      assert.ok(!after.some((x) => x.ruleId === 'parse-error'), `${name}: the fix broke the file`);
      assert.ok(!after.some((x) => x.ruleId === f.ruleId && x.message === f.message), `${name}: still reported after the fix: ${f.message}`);
    }
  });
});
