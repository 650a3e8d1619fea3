// Diagnostics over a real LSP connection: codes, docs links, related information, the per-file cap, untitled
// documents, and a clean shutdown.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { codes, fullCapabilities, makeWorkspace, uriOf, withServer } from './client';
import { COMPOSE, OPENAPI, PYTHON, PYTHON_OK, SAMPLE_SETTINGS, manyOpenOperations, onlyRules } from './samples';

/** The sample rules only, and no workspace scan: each test opens the files it looks at. */
const settings = { ...SAMPLE_SETTINGS, scanWorkspace: false };

const DOCS = /^https:\/\/.+\/docs\/rules\/[a-z-]+\.md$/;

describe('language server diagnostics', () => {
  test('publishes diagnostics with source, code and docs link for an OpenAPI file, a compose file and a Python file', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI, 'docker-compose.yml': COMPOSE, 'app/client.py': PYTHON });
    await withServer({ root, settings }, async (c) => {
      const expected: [string, string][] = [['openapi.yaml', 'missing-auth'], ['docker-compose.yml', 'missing-healthcheck'], ['app/client.py', 'missing-timeout']];
      for (const [file, rule] of expected) {
        const diags = await c.open(join(root, file));
        assert.deepEqual(codes(diags), [rule], file);
        const d = diags[0];
        assert.equal(d.source, 'backend-architect');
        assert.equal(d.severity, DiagnosticSeverity.Warning);
        assert.match(d.codeDescription!.href, DOCS);
        assert.ok(d.codeDescription!.href.endsWith(`/${rule}.md`));
        assert.deepEqual((d.data as any).ruleId, rule);
        assert.equal((d.data as any).version, 1);
        assert.ok((d.data as any).fix.edits.length > 0, 'data carries the fix edits');
      }
      const py = c.latest(join(root, 'app/client.py'))![0];
      assert.deepEqual(py.range, { start: { line: 4, character: 11 }, end: { line: 4, character: 23 } });
    });
  });

  test('publishes an empty list for a file without findings', async () => {
    const root = makeWorkspace({ 'ok.py': PYTHON_OK });
    await withServer({ root, settings }, async (c) => {
      assert.deepEqual(await c.open(join(root, 'ok.py')), []);
    });
  });

  test('lists related locations when the client supports them and leaves them out when it does not', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI });
    const file = join(root, 'openapi.yaml');
    await withServer({ root, settings }, async (c) => {
      const [d] = await c.open(file);
      assert.equal(d.relatedInformation?.length, 1);
      assert.equal(d.relatedInformation![0].message, 'GET /orders is unauthenticated');
      assert.equal(d.relatedInformation![0].location.uri, uriOf(file));
      assert.equal(d.relatedInformation![0].location.range.start.line, 6);
    });
    const caps = fullCapabilities();
    caps.textDocument!.publishDiagnostics!.relatedInformation = false;
    await withServer({ root: makeWorkspace({ 'openapi.yaml': OPENAPI }), capabilities: caps, settings }, async (c) => {
      const [d] = await c.open(join(c.root!, 'openapi.yaml'));
      assert.equal(d.relatedInformation, undefined);
    });
  });

  test('shows at most 200 diagnostics per file, then one summary diagnostic', async () => {
    const root = makeWorkspace({ 'big.yaml': manyOpenOperations(250) });
    await withServer({ root, settings: { scanWorkspace: false, rules: onlyRules('missing-auth') } }, async (c) => {
      const diags = await c.open(join(root, 'big.yaml'));
      assert.equal(diags.length, 201);
      assert.equal(diags.filter((d) => d.code === 'missing-auth').length, 200);
      const summary = diags.filter((d) => d.code === 'too-many-findings');
      assert.equal(summary.length, 1);
      assert.equal(summary[0].source, 'backend-architect');
      assert.match(summary[0].message, /50 more findings/);
    });
  });

  test('honours a lower maxDiagnosticsPerFile setting', async () => {
    const root = makeWorkspace({ 'big.yaml': manyOpenOperations(12) });
    await withServer({ root, settings: { scanWorkspace: false, maxDiagnosticsPerFile: 5, rules: onlyRules('missing-auth') } }, async (c) => {
      const diags = await c.open(join(root, 'big.yaml'));
      assert.deepEqual(codes(diags), [...Array(5).fill('missing-auth'), 'too-many-findings']);
      assert.match(diags[5].message, /7 more findings/);
    });
  });

  test('analyzes an untitled document from its text, guessing its kind from the language id', async () => {
    await withServer({ settings: SAMPLE_SETTINGS }, async (c) => {
      assert.deepEqual(codes(await c.openUri('untitled:Untitled-1', PYTHON, 'python')), ['missing-timeout']);
      assert.deepEqual(codes(await c.openUri('untitled:Untitled-2', COMPOSE, 'dockercompose')), ['missing-healthcheck']);
      assert.deepEqual(codes(await c.openUri('untitled:Untitled-3', OPENAPI, 'yaml')), ['missing-auth']);
      const json = JSON.stringify({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: {} } } } });
      assert.deepEqual(codes(await c.openUri('untitled:Untitled-4', json, 'json')), ['missing-auth']);
      assert.deepEqual(await c.openUri('untitled:Untitled-5', 'just text', 'plaintext'), []);
    });
  });

  test('clears the diagnostics of a closed file the scan does not cover', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON });
    const file = join(root, 'client.py');
    await withServer({ root, settings }, async (c) => {
      assert.deepEqual(codes(await c.open(file)), ['missing-timeout']);
      await c.close(file);
      await c.waitForDiagnostics(file, (d) => d.length === 0);
    });
  });

  test('shuts down and exits with code 0', async () => {
    await withServer({}, async (c) => {
      assert.equal(await c.shutdown(), 0);
    });
  });
});
