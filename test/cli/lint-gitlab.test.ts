// `--format gitlab`: a GitLab Code Quality report, checked against the documented fields and types with Ajv.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import { AWKWARD_FILES } from './ciReports';
import { FIXTURES, runCli, runJson, tempWorkspace, PYTHON_WITHOUT_TIMEOUT } from './helpers';

/** GitLab's Code Quality report format: an array of issues with these fields (no others are written). */
const CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', pattern: '^[0-9a-f]{32}$' },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^/' } },
          lines: { type: 'object', additionalProperties: false, required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};
const validate = new Ajv({ allErrors: true }).compile(CODE_QUALITY_SCHEMA);

function assertValid(report: unknown): void {
  assert.ok(validate(report), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

const fingerprints = (issues: any[]) => issues.map((i) => i.fingerprint);

describe('lint --format gitlab', () => {
  it('writes issues with the documented fields and types, paths relative and with spaces and non-ASCII letters', () => {
    const ws = tempWorkspace(AWKWARD_FILES);
    after(ws.cleanup);
    const { json, code, stderr, stdout } = runJson<any[]>(['lint', '--format', 'gitlab'], ws.dir);
    assert.equal(code, 0, stderr);
    assertValid(json);
    assert.equal(stdout, `${JSON.stringify(json, null, 2)}\n`);
    assert.deepEqual(json.map((i) => i.location.path).sort(), Object.keys(AWKWARD_FILES).sort());
    for (const i of json) {
      assert.deepEqual([i.check_name, i.severity, i.location.lines.begin], ['missing-timeout', 'minor', 3]);
    }
    assert.equal(new Set(fingerprints(json)).size, json.length, 'one fingerprint per issue');
  });

  it('has a schema check that rejects what GitLab does not accept', () => {
    assert.equal(validate([{ description: 'x', check_name: 'r', fingerprint: 'a'.repeat(64), severity: 'warning', location: { path: 'a', lines: { begin: 1 } } }]), false);
    assert.equal(validate([{ description: 'x', check_name: 'r', fingerprint: 'a'.repeat(64), severity: 'minor', location: { path: 'a', lines: { begin: 0 } } }]), false);
  });

  it('maps severities: error to major, warning to minor', () => {
    const { json, code } = runJson<any[]>(['lint', '--format', 'gitlab', '--config', 'ci-strict.yaml'], join(FIXTURES, 'findings'));
    assert.equal(code, 1);
    assertValid(json);
    assert.ok(json.some((i) => i.severity === 'major'), JSON.stringify(json));
  });

  it('keeps fingerprints when findings move to other lines, and tells apart the same finding on identical lines', () => {
    // Two findings of one rule on identical lines (calls of one client that the same message describes are one finding).
    const twice = 'def a():\n    db_password = "Zq8-hT3-pL9-xV2"\n\ndef b():\n    db_password = "Zq8-hT3-pL9-xV2"\n';
    const ws = tempWorkspace({ 'client.py': twice });
    after(ws.cleanup);
    const before = runJson<any[]>(['lint', '--format', 'gitlab'], ws.dir).json;
    assert.equal(new Set(fingerprints(before)).size, 2);
    const moved = tempWorkspace({ 'client.py': `# a comment\n\n${twice}` });
    after(moved.cleanup);
    const after2 = runJson<any[]>(['lint', '--format', 'gitlab'], moved.dir).json;
    assert.deepEqual(after2.map((i) => i.location.lines.begin), [4, 7]);
    assert.deepEqual(fingerprints(after2), fingerprints(before));
    const other = tempWorkspace({ 'other.py': twice });
    after(other.cleanup);
    assert.notEqual(runJson<any[]>(['lint', '--format', 'gitlab'], other.dir).json[0].fingerprint, before[0].fingerprint, 'the path counts');
  });

  it('writes an empty array when nothing is found', () => {
    const r = runCli(['lint', '--format', 'gitlab'], join(FIXTURES, 'clean'));
    assert.deepEqual([r.code, r.stdout], [0, '[]\n']);
  });
});
