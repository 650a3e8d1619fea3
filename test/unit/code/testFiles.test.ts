import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTestFile } from '../../../server/src/core/code/common';
import type { RuleContext } from '../../../server/src/core/rules/types';

const ctx = (path: string, root?: string) => ({ source: { path }, workspace: { model: { root } } }) as unknown as RuleContext;

describe('test files', () => {
  it('recognizes test file names in every language', () => {
    for (const p of ['/w/src/a.test.ts', '/w/src/a.spec.js', '/w/pkg/a_test.go', '/w/app/test_orders.py', '/w/src/OrdersTest.java']) assert.ok(isTestFile(ctx(p, '/w')), p);
  });
  it('counts test folders inside the workspace only', () => {
    assert.ok(isTestFile(ctx('/w/tests/integration/client.py', '/w')));
    assert.equal(isTestFile(ctx('/home/me/test/project/svc/client.py', '/home/me/test/project')), false);
  });
  it('looks at the two nearest folders when the workspace root is unknown', () => {
    assert.ok(isTestFile(ctx('/x/y/__tests__/a.ts')));
    assert.ok(isTestFile(ctx('/repo/svc/src/test/java/org/shop/OrdersIT.java')));
    assert.equal(isTestFile(ctx('/repo/test/fixtures/cli/findings/svc/client.py')), false);
  });
});
