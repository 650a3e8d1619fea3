import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, ROOT, runJson } from './helpers';

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

describe('lint --format json', () => {
  const r = runJson(['lint', '--format', 'json'], join(FIXTURES, 'findings'));

  it('writes one document with the format version, the tool, the files and a summary', () => {
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(r.json), ['version', 'tool', 'files', 'summary']);
    assert.equal(r.json.version, 1);
    assert.deepEqual(r.json.tool, { name: 'backend-architect', version });
    assert.deepEqual(r.json.summary, { files: 5, problems: 3, errors: 0, warnings: 3, infos: 0, hints: 0 });
  });

  it('lists only files with findings, sorted by path', () => {
    assert.deepEqual(r.json.files.map((f: any) => f.path), ['api/openapi.yaml', 'docker-compose.yml', 'worker/client.py']);
  });

  it('describes every finding with its rule id, severity, message, 0- and 1-based range, related locations, fix and fingerprint', () => {
    const auth = r.json.files[0].findings[0];
    // `fingerprint` was added for baselines (docs/ci.md): the format only ever adds fields, always last.
    assert.deepEqual(Object.keys(auth), ['ruleId', 'severity', 'message', 'range', 'related', 'fix', 'fingerprint']);
    assert.match(auth.fingerprint, /^[0-9a-f]{32}$/);
    assert.equal(auth.ruleId, 'missing-auth');
    assert.equal(auth.severity, 'warning');
    assert.deepEqual(auth.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 }, startLine: 1, startColumn: 1, endLine: 1, endColumn: 8 });
    assert.deepEqual(auth.related.map((x: any) => [x.path, x.range.startLine, x.range.startColumn, x.message]), [
      ['api/openapi.yaml', 7, 5, 'GET /orders is unauthenticated'],
      ['api/openapi.yaml', 11, 5, 'POST /orders is unauthenticated'],
    ]);
    assert.match(auth.fix.title, /bearer-token security scheme/);
    assert.match(auth.fix.edits[0].newText, /securitySchemes:/);
    assert.equal(auth.fix.edits[0].range.startLine, auth.fix.edits[0].range.start.line + 1);
  });

  it('counts columns in UTF-16 code units, so an emoji earlier on the line counts two', () => {
    const timeout = r.json.files[2].findings[0];
    assert.equal(timeout.ruleId, 'missing-timeout');
    assert.deepEqual([timeout.range.startLine, timeout.range.startColumn, timeout.range.endColumn], [5, 26, 38]);
    assert.deepEqual(timeout.fix.edits.map((e: any) => e.newText), [', timeout=10']);
  });

  it('gives an empty related list and a null fix when a finding has none', () => {
    const run = runJson(['lint', '--format', 'json', 'bad.yaml'], join(FIXTURES, 'parse-error'));
    const finding = run.json.files[0].findings[0];
    assert.equal(finding.ruleId, 'parse-error');
    assert.deepEqual(finding.related, []);
    assert.equal(finding.fix, null);
  });

  it('reports paths relative to the current directory with forward slashes', () => {
    const run = runJson(['lint', '--format', 'json', join('findings', 'worker')], FIXTURES);
    assert.deepEqual(run.json.files.map((f: any) => f.path), ['findings/worker/client.py']);
  });
});
