// Table-driven cases for the compose rules: findings by service and message, and quick fixes that re-parse and clear.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { applyFix, findingsOf } from './helpers';

export interface Case {
  name: string;
  text: string;
  /** A fragment of each expected message, in file order. */
  expect: (string | RegExp)[];
}

export interface FixCase {
  name: string;
  text: string;
  /** Text the fixed file contains. */
  contains: string;
}

export function runCases(rule: string, cases: Case[], file = 'docker-compose.yml'): void {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsOf(rule, file, c.text);
      assert.equal(found.length, c.expect.length, found.map((f) => f.message).join('\n'));
      found.forEach((f, i) => (typeof c.expect[i] === 'string' ? assert.ok(f.message.includes(c.expect[i] as string), f.message) : assert.match(f.message, c.expect[i] as RegExp)));
    });
  }
}

export function runFixes(rule: string, cases: FixCase[], file = 'docker-compose.yml'): void {
  for (const c of cases) {
    it(c.name, async () => {
      const [finding] = await findingsOf(rule, file, c.text);
      assert.ok(finding?.fix, 'expected a finding with a fix');
      const fixed = applyFix(c.text, finding);
      assert.deepEqual(parseYaml(fixed).problems, [], fixed);
      assert.ok(fixed.includes(c.contains), `expected:\n${c.contains}\nin:\n${fixed}`);
      assert.deepEqual((await findingsOf(rule, file, fixed)).map((f) => f.message), [], fixed);
    });
  }
}
