// examples/shop/openapi/shop.yaml has an instance of every OpenAPI rule (examples/shop/README.md lists them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { analyze, applyFix } from '../rules/helpers';

const SPEC = resolve(__dirname, '../../../examples/shop/openapi/shop.yaml');
const OPENAPI_RULES = ['missing-auth', 'credentials-in-query', 'insecure-server-url', 'unbounded-input', 'missing-rate-limit', 'missing-pagination', 'missing-error-responses', 'missing-idempotency-key', 'missing-correlation-id', 'missing-health-endpoint', 'unversioned-api'];

describe('examples/shop OpenAPI spec', () => {
  const text = readFileSync(SPEC, 'utf8');

  it('gets one or more findings from every OpenAPI rule, where its README says', async () => {
    const found = (await analyze('shop.yaml', text)).map((f) => `${f.range.start.line + 1} ${f.ruleId}`);
    assert.deepEqual(found, [
      '1 missing-auth',
      '1 missing-rate-limit',
      '1 missing-error-responses',
      '1 missing-correlation-id',
      '1 missing-health-endpoint',
      '1 unversioned-api',
      '7 insecure-server-url',
      '10 missing-pagination',
      '28 missing-idempotency-key',
      '69 unbounded-input',
      '108 credentials-in-query',
      '116 unbounded-input',
      '128 unbounded-input',
      '140 unbounded-input',
    ]);
    for (const id of OPENAPI_RULES) assert.ok(found.some((f) => f.endsWith(` ${id}`)), id);
  });

  it('offers quick fixes that keep the YAML valid and clear their finding', async () => {
    for (const f of await analyze('shop.yaml', text)) {
      if (!f.fix) continue;
      const fixed = applyFix(text, f);
      assert.deepEqual(parseYaml(fixed).problems, [], `${f.ruleId}: ${f.fix.title}`);
      const after = await analyze('shop.yaml', fixed);
      assert.ok(!after.some((x) => x.ruleId === f.ruleId && x.message === f.message), `${f.ruleId} still reported after "${f.fix.title}"`);
    }
  });
});
