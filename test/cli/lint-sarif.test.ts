import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { RULES } from '../../server/src/core/rules/index';
import { docsUrl } from '../../server/src/core/rules/docs';
import { FIXTURES, ROOT, runJson, tempWorkspace, PYTHON_WITHOUT_TIMEOUT } from './helpers';

/**
 * The SARIF 2.1.0 schema is draft-04; Ajv 8 reads it as draft-07 once the draft-04 `$schema`/`id` are dropped.
 * Its `language` pattern has a stray `]` that the `u` flag rejects, hence unicodeRegExp: false.
 */
function sarifValidator() {
  const path = join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id: _id, ...schema } = JSON.parse(readFileSync(path, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = sarifValidator();

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

const findings = join(FIXTURES, 'findings');

describe('lint --format sarif', () => {
  const { json: log, code, stderr } = runJson<Log>(['lint', '--format', 'sarif'], findings);
  const run = log.runs[0];
  const resultOf = (ruleId: string) => run.results!.find((x) => x.ruleId === ruleId) as Result;

  it('writes a log that validates against the SARIF 2.1.0 schema', () => {
    assert.equal(code, 0, stderr);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema!, /sarif-2\.1\.0/);
    assertValid(log);
  });

  it('has a schema check that rejects what SARIF forbids (a 0 line, an unknown level)', () => {
    const broken = structuredClone(log);
    broken.runs[0].results![0].locations![0].physicalLocation!.region!.startLine = 0;
    assert.equal(validate(broken), false);
    const badLevel = structuredClone(log) as any;
    badLevel.runs[0].results[0].level = 'information';
    assert.equal(validate(badLevel), false);
  });

  it('names the tool with the version of package.json and a home page', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    assert.equal(run.tool.driver.name, 'backend-architect');
    assert.equal(run.tool.driver.version, version);
    assert.match(run.tool.driver.informationUri!, /^https:\/\//);
  });

  it('lists every registered rule with a helpUri, descriptions, help text and default level', () => {
    const rules = run.tool.driver.rules!;
    assert.deepEqual(rules.map((r) => r.id), RULES.map((r) => r.id));
    for (const [i, rule] of RULES.entries()) {
      const d = rules[i];
      assert.equal(d.helpUri, docsUrl(rule.id));
      assert.equal(d.shortDescription?.text, rule.title);
      assert.equal(d.fullDescription?.text, rule.description);
      assert.ok(d.help?.text.includes(rule.description) && d.help.text.includes(docsUrl(rule.id)));
      assert.equal(d.defaultConfiguration?.level, rule.defaultSeverity === 'error' ? 'error' : rule.defaultSeverity === 'warning' ? 'warning' : 'note');
      assert.match(d.name!, /^[A-Z][A-Za-z0-9]+$/);
    }
  });

  it('points each result at its rule by id and index', () => {
    assert.equal(run.results!.length, 3);
    for (const r of run.results!) assert.equal(run.tool.driver.rules![r.ruleIndex!].id, r.ruleId);
  });

  it('locates each result relative to SRCROOT with 1-based regions in UTF-16 code units', () => {
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.originalUriBaseIds!.SRCROOT.uri, `${pathToFileURL(findings).href}/`);
    const loc = resultOf('missing-timeout').locations![0].physicalLocation!;
    assert.deepEqual(loc.artifactLocation, { uri: 'worker/client.py', uriBaseId: 'SRCROOT' });
    assert.deepEqual(loc.region, { startLine: 5, startColumn: 26, endLine: 5, endColumn: 38 });
    for (const r of run.results!) {
      const uri = r.locations![0].physicalLocation!.artifactLocation!.uri!;
      assert.ok(!uri.startsWith('/') && !uri.includes(':'), uri);
    }
  });

  it('carries related locations with their messages', () => {
    const related = resultOf('missing-auth').relatedLocations!;
    assert.deepEqual(related.map((x) => [x.physicalLocation!.region!.startLine, x.message!.text]), [
      [7, 'GET /orders is unauthenticated'],
      [11, 'POST /orders is unauthenticated'],
    ]);
  });

  it("turns a finding's fix into a replacement with deletedRegion and insertedContent", () => {
    const fix = resultOf('missing-timeout').fixes![0];
    assert.match(fix.description!.text!, /timeout=10/);
    const change = fix.artifactChanges[0];
    assert.equal(change.artifactLocation.uri, 'worker/client.py');
    assert.deepEqual(change.replacements[0], {
      deletedRegion: { startLine: 5, startColumn: 42, endLine: 5, endColumn: 42 },
      insertedContent: { text: ', timeout=10' },
    });
  });

  it('maps the information severity to the note level', (t) => {
    const ws = tempWorkspace({ 'client.py': PYTHON_WITHOUT_TIMEOUT, '.backend-architect.yaml': 'rules:\n  missing-timeout: information\n' });
    t.after(ws.cleanup);
    const r = runJson<Log>(['lint', '--format', 'sarif'], ws.dir);
    assert.equal(r.code, 0);
    assert.deepEqual(r.json.runs[0].results!.filter((x) => x.ruleId === 'missing-timeout').map((x) => x.level), ['note']);
    assertValid(r.json);
  });

  it('describes internal ids such as parse-error and skipped-file as rules, with their docs, only when they occur', (t) => {
    assert.ok(!run.tool.driver.rules!.some((r) => r.id === 'parse-error' || r.id === 'skipped-file'));
    const ws = tempWorkspace({
      'openapi.yaml': 'openapi: 3.0.3\npaths:\n  /orders: [unclosed\n',
      'data.json': new Uint8Array([0x7b, 0x00, 0x7d]),
      'client.py': PYTHON_WITHOUT_TIMEOUT,
    });
    t.after(ws.cleanup);
    const r = runJson<Log>(['lint', '--format', 'sarif'], ws.dir);
    assertValid(r.json);
    const ids = r.json.runs[0].tool.driver.rules!.map((x) => x.id);
    assert.deepEqual(ids, [...RULES.map((x) => x.id), 'parse-error', 'skipped-file']);
    for (const id of ['parse-error', 'skipped-file']) {
      assert.equal(r.json.runs[0].tool.driver.rules!.find((x) => x.id === id)?.helpUri, docsUrl(id));
    }
    const shown = ['skipped-file', 'parse-error', 'missing-timeout'];
    const levels = Object.fromEntries(r.json.runs[0].results!.filter((x) => shown.includes(x.ruleId!)).map((x) => [x.ruleId, x.level]));
    assert.deepEqual(levels, { 'skipped-file': 'note', 'parse-error': 'error', 'missing-timeout': 'warning' });
  });

  it('percent-encodes file names in artifact URIs', (t) => {
    const ws = tempWorkspace({ 'my service/client #1.py': PYTHON_WITHOUT_TIMEOUT });
    t.after(ws.cleanup);
    const r = runJson<Log>(['lint', '--format', 'sarif'], ws.dir);
    assertValid(r.json);
    assert.equal(r.json.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri, 'my%20service/client%20%231.py');
  });

  it('writes a valid log with no results on a clean tree', () => {
    const r = runJson<Log>(['lint', '--format', 'sarif'], join(FIXTURES, 'clean'));
    assert.equal(r.code, 0);
    assert.deepEqual(r.json.runs[0].results, []);
    assertValid(r.json);
  });
});
