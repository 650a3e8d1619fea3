import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { baselineOf, parseBaseline, readBaseline, withoutBaselined, writeBaseline } from '../../../server/src/cli/baseline';
import { CliError } from '../../../server/src/cli/errors';
import type { LintReport } from '../../../server/src/cli/lint';
import type { Finding } from '../../../server/src/core/findings';

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const finding = (path: string, ruleId: string, fingerprint: string): Finding => ({ ruleId, path, fingerprint, severity: 'warning', message: `${ruleId} in ${path}`, range: zero });
const report: LintReport = {
  cwd: '/w',
  filesChecked: 2,
  files: [
    { path: 'b.py', findings: [finding('b.py', 'missing-timeout', 'ff'), finding('b.py', 'in-memory-state', '01')] },
    { path: 'a.yaml', findings: [finding('a.yaml', 'missing-auth', '77')] },
  ],
};

describe('baseline files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ba-baseline-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('list one entry per finding, sorted by path, rule id and fingerprint', () => {
    const b = baselineOf(report);
    assert.equal(b.version, 1);
    assert.equal(b.tool, 'backend-architect');
    assert.deepEqual(b.findings.map((f) => [f.path, f.ruleId, f.fingerprint]), [
      ['a.yaml', 'missing-auth', '77'],
      ['b.py', 'in-memory-state', '01'],
      ['b.py', 'missing-timeout', 'ff'],
    ]);
    assert.deepEqual(Object.keys(b.findings[0]), ['ruleId', 'path', 'fingerprint', 'message']);
  });

  it('are written with a 2-space indent and a trailing newline, and read back', async () => {
    const path = join(dir, 'baseline.json');
    assert.equal(await writeBaseline(path, report), 3);
    const text = readFileSync(path, 'utf8');
    assert.equal(text, `${JSON.stringify(baselineOf(report), null, 2)}\n`);
    assert.deepEqual([...(await readBaseline(path, dir))].sort(), ['01', '77', 'ff']);
  });

  it('hide the findings they know from a report', () => {
    const { report: left, hidden } = withoutBaselined(report, new Set(['ff', '77']));
    assert.equal(hidden, 2);
    assert.deepEqual(left.files.map((f) => [f.path, f.findings.map((x) => x.ruleId)]), [['b.py', ['in-memory-state']]]);
  });

  const refused = (text: string, pattern: RegExp) => assert.throws(() => parseBaseline(text, 'b.json'), (e: unknown) => e instanceof CliError && pattern.test(e.message));

  it('are refused when not JSON, not a baseline, or of a newer version', () => {
    refused('{"version": 1,', /not valid JSON/);
    refused('[]', /not a backend-architect baseline: expected a JSON object/);
    refused('{"findings": []}', /no format version/);
    refused('{"version": 1}', /no findings list/);
    refused('{"version": 1, "findings": [{"ruleId": "x"}]}', /finding 1 has no fingerprint/);
    refused('{"version": 2, "findings": []}', /format version 2, newer than this backend-architect reads \(1\)/);
  });

  it('are refused when missing, naming --write-baseline', async () => {
    await assert.rejects(readBaseline(join(dir, 'none.json'), dir), (e: CliError) => /none\.json does not exist/.test(e.message) && /--write-baseline/.test(e.details[0]));
  });

  it('accept a BOM', () => {
    assert.equal(parseBaseline('\ufeff{"version": 1, "findings": []}', 'b.json').findings.length, 0);
  });

  it('leave the old file when the new one cannot be written', async () => {
    const path = join(dir, 'kept.json');
    writeFileSync(path, 'old');
    await assert.rejects(writeBaseline(join(dir, 'no-such-dir', 'x.json'), report), /cannot write baseline file/);
    assert.equal(readFileSync(path, 'utf8'), 'old');
  });
});
