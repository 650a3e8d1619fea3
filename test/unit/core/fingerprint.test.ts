import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fingerprintFile, fingerprintOf } from '../../../server/src/core/fingerprint';

const at = (line: number, ruleId = 'missing-timeout', path = 'svc/client.py') => ({
  ruleId,
  path,
  range: { start: { line, character: 0 }, end: { line, character: 5 } },
});

describe('fingerprints', () => {
  const text = 'import requests\n\nrequests.get(url)\n';

  it('stay the same when lines are inserted above the finding', () => {
    const moved = '# one\n# two\n' + text;
    assert.equal(fingerprintOf(at(4), moved), fingerprintOf(at(2), text));
  });

  it('ignore indentation and whitespace runs on the line', () => {
    assert.equal(fingerprintOf(at(2), 'a\nb\n    requests.get(url)\n'), fingerprintOf(at(2), text.replace('get(url)', 'get(url)  ')));
    assert.equal(fingerprintOf(at(0), 'requests.get( url,\tx)'), fingerprintOf(at(0), 'requests.get( url, x)'));
  });

  it('differ for different code, rules and paths', () => {
    const base = fingerprintOf(at(2), text);
    assert.notEqual(fingerprintOf(at(2), text.replace('url', 'other')), base);
    assert.notEqual(fingerprintOf(at(2, 'in-memory-state'), text), base);
    assert.notEqual(fingerprintOf(at(2, undefined, 'svc/other.py'), text), base);
  });

  it('count occurrences of identical lines in position order, whatever order the findings come in', () => {
    const twice = 'requests.get(url)\nrequests.get(url)\n';
    const [second, first] = fingerprintFile([at(1), at(0)], twice);
    assert.notEqual(first, second);
    assert.equal(first, fingerprintOf(at(0), twice, 0));
    assert.equal(second, fingerprintOf(at(1), twice, 1));
    // Both survive lines inserted above them.
    assert.deepEqual(fingerprintFile([at(3), at(4)], `x\ny\nz\n${twice}`), [first, second]);
  });

  it('are 32 hex digits, also for a finding past the end of the text', () => {
    assert.match(fingerprintOf(at(99), text), /^[0-9a-f]{32}$/);
  });
});
