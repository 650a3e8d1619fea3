// Case 8: 10,000 findings in one file, in the editor and in the CLI.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runJson, tempWorkspace } from '../cli/helpers';
import { codes, makeWorkspace, withServer } from '../lsp/client';
import { PYTHON, SAMPLE_SETTINGS, manyOpenOperations } from '../lsp/samples';
import { figure, msSince } from './figures';

const FINDINGS = 10_000;
const LIMIT_S = 15;
/** The CLI also starts a process and writes about 5 MB of JSON. */
const CLI_LIMIT_S = 30;

describe('10,000 findings in one file', () => {
  const spec = manyOpenOperations(FINDINGS);

  test('the language server publishes all 10,000 diagnostics of one spec when allowed to, and answers the next file', async (t) => {
    const root = makeWorkspace({ 'openapi.yaml': spec, 'client.py': PYTHON });
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false, maxDiagnosticsPerFile: FINDINGS } }, async (c) => {
      const started = process.hrtime.bigint();
      const diags = await c.open(join(root, 'openapi.yaml'));
      const elapsed = msSince(started);
      assert.equal(diags.length, FINDINGS);
      assert.deepEqual(new Set(codes(diags)), new Set(['missing-auth']));
      assert.deepEqual(codes(await c.open(join(root, 'client.py'))), ['missing-timeout']);
      assert.ok(elapsed < LIMIT_S * 1000, `took ${elapsed} ms`);
      figure(t, 8, `LSP: ${diags.length} diagnostics of one spec in ${(elapsed / 1000).toFixed(1)} s (limit ${LIMIT_S} s)`);
    });
  });

  test('the CLI reports all 10,000 findings of one spec in JSON', (t) => {
    const ws = tempWorkspace({ 'openapi.yaml': spec });
    t.after(ws.cleanup);
    const started = process.hrtime.bigint();
    const r = runJson(['lint', '--format', 'json', 'openapi.yaml'], ws.dir);
    const elapsed = msSince(started);
    assert.equal(r.code, 0, r.stderr);
    const findings: { ruleId: string }[] = r.json.files[0].findings;
    assert.equal(findings.filter((f) => f.ruleId === 'missing-auth').length, FINDINGS);
    assert.equal(r.json.summary.problems, findings.length);
    assert.ok(elapsed < CLI_LIMIT_S * 1000, `took ${elapsed} ms`);
    figure(t, 8, `CLI: ${findings.length} findings of one spec as JSON in ${(elapsed / 1000).toFixed(1)} s (limit ${CLI_LIMIT_S} s)`);
  });
});
