// Bad input over a real LSP connection: malformed YAML and JSON, an alias bomb, oversized, binary and invalid
// UTF-8 files each give one diagnostic; a handler that throws gives an error response; the server keeps answering.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DiagnosticSeverity, ErrorCodes } from 'vscode-languageserver-protocol';
import { codes, makeWorkspace, uriOf, withServer, type TestClient } from './client';
import { OPENAPI, PYTHON, SAMPLE_SETTINGS, aliasBomb } from './samples';

const BROKEN_YAML = 'openapi: 3.0.3\ninfo:\n  title: x\npaths:\n  /a: [unclosed\n  "b: c\n';
const BROKEN_JSON = '{\n  "openapi": "3.0.3",\n  "paths": {\n    "/a": {\n';
const BINARY = Buffer.from([0x7b, 0x22, 0x6f, 0x00, 0x01, 0x02, 0x22, 0x7d]);
const INVALID_UTF8 = Buffer.concat([Buffer.from('openapi: 3.0.3\ninfo:\n  title: "caf'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"\npaths: {}\n')]);

/** The server still answers a request (a code action on an open, healthy document). */
async function stillAnswers(c: TestClient, file: string): Promise<void> {
  const diags = await c.open(file);
  assert.deepEqual(codes(diags), ['missing-timeout']);
  assert.equal((await c.codeActions(file, diags)).length, 2);
}

describe('language server on bad input', () => {
  test('malformed YAML and JSON give one diagnostic at the error and leave other files alone', async () => {
    const root = makeWorkspace({ 'broken.yaml': BROKEN_YAML, 'broken.json': BROKEN_JSON, 'openapi.yaml': OPENAPI, 'client.py': PYTHON });
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false } }, async (c) => {
      const yaml = await c.open(join(root, 'broken.yaml'));
      assert.deepEqual(codes(yaml), ['parse-error']);
      assert.equal(yaml[0].severity, DiagnosticSeverity.Error);
      assert.match(yaml[0].codeDescription!.href, /\/docs\/rules\/parse-error\.md$/);
      assert.ok(yaml[0].range.start.line >= 4, `at the error, not the top: line ${yaml[0].range.start.line}`);
      const json = await c.open(join(root, 'broken.json'));
      assert.deepEqual(codes(json), ['parse-error']);
      assert.ok(json[0].range.start.line >= 3, `at the error: line ${json[0].range.start.line}`);
      assert.deepEqual(codes(await c.open(join(root, 'openapi.yaml'))), ['missing-auth']);
      await stillAnswers(c, join(root, 'client.py'));
    });
  });

  test('a YAML alias bomb gives one diagnostic in bounded time', async () => {
    const root = makeWorkspace({ 'bomb.yaml': aliasBomb(), 'client.py': PYTHON });
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false } }, async (c) => {
      const started = Date.now();
      const diags = await c.open(join(root, 'bomb.yaml'));
      const elapsed = Date.now() - started;
      assert.deepEqual(codes(diags), ['parse-error']);
      assert.match(diags[0].message, /alias/i);
      assert.ok(elapsed < 5000, `took ${elapsed} ms`);
      await stillAnswers(c, join(root, 'client.py'));
    });
  });

  test('oversized, binary and invalid UTF-8 files found by the scan each get one information diagnostic', async () => {
    const root = makeWorkspace({
      'big.yaml': `${OPENAPI}${'# padding\n'.repeat(300)}`,
      'data.json': BINARY,
      'latin.yaml': INVALID_UTF8,
      'broken.yaml': BROKEN_YAML,
      'bomb.yaml': aliasBomb(),
      'openapi.yaml': OPENAPI,
      'client.py': PYTHON,
    });
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, maxFileSizeKb: 2 } }, async (c) => {
      await c.waitForMessage('$/progress', (p) => p.value?.kind === 'end');
      for (const [file, reason] of [['big.yaml', /larger than the 2 KB limit/], ['data.json', /binary/], ['latin.yaml', /UTF-8/]] as const) {
        const diags = c.latest(join(root, file));
        assert.deepEqual(codes(diags), ['skipped-file'], file);
        assert.equal(diags![0].severity, DiagnosticSeverity.Information);
        assert.match(diags![0].message, reason);
        assert.match(diags![0].codeDescription!.href, /\/docs\/rules\/skipped-file\.md$/);
      }
      assert.deepEqual(codes(c.latest(join(root, 'broken.yaml'))), ['parse-error']);
      assert.deepEqual(codes(c.latest(join(root, 'bomb.yaml'))), ['parse-error']);
      assert.deepEqual(codes(c.latest(join(root, 'openapi.yaml'))), ['missing-auth']);
      await stillAnswers(c, join(root, 'client.py'));
    });
  });

  test('an open document over the size limit or with NUL bytes gets one information diagnostic', async () => {
    const root = makeWorkspace({ 'big.yaml': `${OPENAPI}${'# padding\n'.repeat(300)}`, 'nul.yaml': `${OPENAPI}\0\0`, 'client.py': PYTHON });
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false, maxFileSizeKb: 2 } }, async (c) => {
      const big = await c.open(join(root, 'big.yaml'));
      assert.deepEqual(codes(big), ['skipped-file']);
      assert.equal(big[0].severity, DiagnosticSeverity.Information);
      assert.deepEqual(codes(await c.open(join(root, 'nul.yaml'))), ['skipped-file']);
      await stillAnswers(c, join(root, 'client.py'));
    });
  });

  test('a request that makes a handler throw gets an error response and the server answers the next request', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON, 'other.py': PYTHON });
    const file = join(root, 'client.py');
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false } }, async (c) => {
      await c.open(file);
      await assert.rejects(
        c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(file) }, range: null, context: null }),
        (e: any) => e.code === ErrorCodes.InternalError && /textDocument\/codeAction failed/.test(e.message),
      );
      const logged = await c.waitForMessage('window/logMessage', (p) => /codeAction failed/.test(p.message));
      assert.equal(logged.type, 1);
      await stillAnswers(c, join(root, 'other.py'));
      assert.equal(c.child.exitCode, null);
    });
  });
});
