// The `*` key of a config file's `rules`, end to end through the built CLI: every rule the file does not name.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, PYTHON_WITHOUT_TIMEOUT, runCli, runJson, tempWorkspace } from './helpers';

const findings = join(FIXTURES, 'findings');
/** The findings fixture's spec, compose file and client, without its config file. */
const FILES = {
  'api/openapi.yaml': readFileSync(join(findings, 'api', 'openapi.yaml'), 'utf8'),
  'docker-compose.yml': readFileSync(join(findings, 'docker-compose.yml'), 'utf8'),
  'client.py': PYTHON_WITHOUT_TIMEOUT,
};

/** Rule id -> severities of its findings, from a json run. */
function severities(json: any): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of json.files) for (const x of f.findings) out.set(x.ruleId, [...(out.get(x.ruleId) ?? []), x.severity]);
  return out;
}

describe('the * key of the config file', () => {
  it('turns every rule off, and a rule named beside it runs alone', (t) => {
    const ws = tempWorkspace(FILES);
    t.after(ws.cleanup);
    const config = join(ws.dir, '.backend-architect.yaml');

    const all = severities(runJson(['lint', '--format', 'json'], ws.dir).json);
    for (const id of ['missing-auth', 'missing-healthcheck', 'missing-timeout']) assert.ok(all.has(id), `${id} runs by default`);

    writeFileSync(config, 'rules:\n  "*": "off"\n');
    const off = runCli(['lint'], ws.dir);
    assert.equal(off.code, 0, off.stderr);
    assert.equal(off.stdout, '✔ No problems (4 files checked)\n');

    writeFileSync(config, 'rules:\n  "*": "off"\n  missing-timeout: error\n');
    const one = runJson(['lint', '--format', 'json'], ws.dir);
    assert.equal(one.code, 1, one.stderr);
    assert.deepEqual([...severities(one.json)], [['missing-timeout', ['error']]]);
    assert.deepEqual(one.json.files.map((f: any) => f.path), ['client.py']);
  });

  it('sets every rule it does not name to its severity, while a named rule keeps its own', (t) => {
    const ws = tempWorkspace({ ...FILES, 'ci.yaml': 'rules:\n  "*": error\n  missing-timeout: information\n' });
    t.after(ws.cleanup);
    const byDefault = severities(runJson(['lint', '--format', 'json'], ws.dir).json);
    const r = runJson(['lint', '--format', 'json', '--config', 'ci.yaml'], ws.dir);
    assert.equal(r.code, 1, r.stderr);
    const found = severities(r.json);
    assert.deepEqual([...found.keys()].sort(), [...byDefault.keys()].sort(), 'the same rules run as by default');
    assert.deepEqual(found.get('missing-auth'), ['error']);
    assert.deepEqual(found.get('missing-healthcheck'), ['error']);
    assert.deepEqual(found.get('missing-timeout'), ['information']);
  });
});
