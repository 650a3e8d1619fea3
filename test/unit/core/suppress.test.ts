import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSuppressed } from '../../../server/src/core/suppress';
import { LineIndex } from '../../../server/src/core/text/lineIndex';

/** Whether a finding of `ruleId` on the last line of `lines` is suppressed. */
function lastLineSuppressed(lines: string[], ruleId: string, eol = '\n'): boolean {
  return isSuppressed(new LineIndex(lines.join(eol)), lines.length - 1, ruleId);
}

describe('isSuppressed', () => {
  const cases: [string, string[], string, boolean][] = [
    ['suppresses with a # comment naming the rule on the line above', ['# backend-architect-ignore missing-timeout', 'requests.get(url)'], 'missing-timeout', true],
    ['suppresses with a // comment naming the rule on the line above', ['// backend-architect-ignore missing-timeout', 'fetch(url);'], 'missing-timeout', true],
    ['suppresses with an indented comment on the line above', ['def f():', '    # backend-architect-ignore missing-timeout', '    requests.get(url)'], 'missing-timeout', true],
    ['suppresses with a comment that has a reason after the rule id', ['# backend-architect-ignore missing-auth -- public health endpoint', '  get: {}'], 'missing-auth', true],
    ['suppresses a rule named in a comma list', ['# backend-architect-ignore missing-auth, missing-timeout', 'x'], 'missing-timeout', true],
    ['suppresses the first rule of a comma list without spaces', ['# backend-architect-ignore missing-auth,missing-timeout', 'x'], 'missing-auth', true],
    ['suppresses every rule with *', ['# backend-architect-ignore *', 'x'], 'missing-healthcheck', true],
    ['suppresses with a trailing comment after code on the line above', ['x = 1  # backend-architect-ignore missing-timeout', 'requests.get(url)'], 'missing-timeout', true],
    ['does not suppress a rule that the comment does not name', ['# backend-architect-ignore missing-auth', 'requests.get(url)'], 'missing-timeout', false],
    ['does not suppress a rule whose id only starts like the named one', ['# backend-architect-ignore missing-time', 'x'], 'missing-timeout', false],
    ['does not suppress a rule whose id only extends the named one', ['# backend-architect-ignore missing-timeouts', 'x'], 'missing-timeout', false],
    ['does not suppress with a marker that names no rule', ['# backend-architect-ignore', 'x'], 'missing-timeout', false],
    ['does not suppress with a comment two lines above', ['# backend-architect-ignore missing-timeout', '', 'requests.get(url)'], 'missing-timeout', false],
    ['does not suppress with a comment on the same line', ['requests.get(url)  # backend-architect-ignore missing-timeout'], 'missing-timeout', false],
    ['does not suppress with a misspelt marker', ['# backend-architect-ignored missing-timeout', 'x'], 'missing-timeout', false],
    ["suppresses hardcoded-secret on a line a secret scanner allows (detect-secrets' pragma)", ['data:', '  api_key: "consumer-api-key"  #pragma: allowlist secret'], 'hardcoded-secret', true],
    ["suppresses hardcoded-secret on a line gitleaks allows", ['token = "x9!Kq2pL7mN4rT8"  # gitleaks:allow'], 'hardcoded-secret', true],
    ["does not let a secret scanner's marker suppress another rule", ['requests.get(url)  # pragma: allowlist secret'], 'missing-timeout', false],
  ];
  for (const [name, lines, rule, expected] of cases) {
    it(name, () => assert.equal(lastLineSuppressed(lines, rule), expected));
  }

  it('does not suppress with a comment on the line below', () => {
    assert.equal(isSuppressed(new LineIndex('requests.get(url)\n# backend-architect-ignore missing-timeout'), 0, 'missing-timeout'), false);
  });

  it('suppresses with CRLF line breaks', () => {
    assert.equal(lastLineSuppressed(['# backend-architect-ignore missing-timeout', 'requests.get(url)'], 'missing-timeout', '\r\n'), true);
  });

  it('suppresses a comma list that ends the line before a CRLF', () => {
    assert.equal(lastLineSuppressed(['# backend-architect-ignore missing-auth, missing-timeout', 'x'], 'missing-timeout', '\r\n'), true);
  });

  it('never suppresses a finding on the first line', () => {
    assert.equal(isSuppressed(new LineIndex('# backend-architect-ignore *'), 0, 'missing-timeout'), false);
  });
});
