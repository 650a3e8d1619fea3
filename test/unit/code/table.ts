// A table-driven runner for service-code rules: each case names the findings it expects (the text each one
// points at and a fragment of its message), and every fix is applied and re-analyzed to show it clears its finding.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { mayHaveCodeFindings } from '../../../server/src/core/code/prefilter';
import { classify } from '../../../server/src/core/documents/classify';
import { applyFix, findingsOf } from '../rules/helpers';

export interface CodeCase {
  name: string;
  text: string;
  expect: { at: string; message: string; severity?: string; fixed?: string }[];
}

export function runCases(rule: string, file: string, cases: CodeCase[]): void {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsOf(rule, file, c.text);
      // The workspace scan's text pre-filter must let every file with a finding through to the parser.
      if (found.length) assert.ok(mayHaveCodeFindings(classify(file, c.text)!, c.text), 'the scan pre-filter would skip this file');
      const lines = c.text.split('\n');
      const got = found.map((f) => ({ at: lines[f.range.start.line].slice(f.range.start.character, f.range.start.line === f.range.end.line ? f.range.end.character : undefined), message: f.message, severity: f.severity }));
      assert.equal(got.length, c.expect.length, `findings: ${JSON.stringify(got, null, 1)}`);
      c.expect.forEach((e, i) => {
        assert.equal(got[i].at, e.at);
        assert.ok(got[i].message.includes(e.message), `message "${got[i].message}" should include "${e.message}"`);
        if (e.severity) assert.equal(got[i].severity, e.severity);
      });
      for (const [i, f] of found.entries()) {
        if (!f.fix) continue;
        const fixed = applyFix(c.text, f);
        if (c.expect[i].fixed) assert.ok(fixed.includes(c.expect[i].fixed!), `fixed text:\n${fixed}`);
        const after = await findingsOf(rule, file, fixed);
        assert.ok(!after.some((a) => a.range.start.line === f.range.start.line && a.message === f.message), `the fix should clear "${f.message}":\n${fixed}`);
      }
    });
  }
}
