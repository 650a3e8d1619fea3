// Problems the parser used to keep to itself, over a real LSP connection: a tab-indented compose file is not clean,
// a repeated key is said at the repeat while the rules still run, a file the editor opens but the engine skips
// (binary, generated) gets the same note as in the CLI, and a BOM does not shift line-0 columns.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { codes, makeWorkspace, withServer } from './client';
import { COMPOSE, SAMPLE_SETTINGS } from './samples';

const TABBED_COMPOSE = 'services:\n\tdb:\n\t\timage: postgres:16\n';
const REPEATED_KEY = `${COMPOSE}  db:\n    image: postgres:17\n`;
const FLOW_COMPOSE = 'services: {db: {image: postgres:16}, api: {build: .}}\n';

describe('language server on parse problems', () => {
  test('a tab-indented compose file gets an error at the tab, not "no problems"', async () => {
    const root = makeWorkspace({ 'docker-compose.yml': TABBED_COMPOSE });
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false } }, async (c) => {
      const diags = await c.open(join(root, 'docker-compose.yml'));
      assert.ok(diags.length > 0, 'not clean');
      assert.deepEqual(codes(diags), ['parse-error', 'parse-error']);
      assert.deepEqual(diags[0].range.start, { line: 1, character: 0 });
      assert.equal(diags[0].severity, DiagnosticSeverity.Error);
      assert.match(diags[0].message, /tab/i);
    });
  });

  test('a repeated service is said at the repeat and the rest of the file is still analyzed', async () => {
    const root = makeWorkspace({ 'compose.yaml': REPEATED_KEY });
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false } }, async (c) => {
      const diags = await c.open(join(root, 'compose.yaml'));
      const parse = diags.filter((d) => d.code === 'parse-error');
      assert.equal(parse.length, 1);
      assert.equal(parse[0].range.start.line, REPEATED_KEY.split('\n').indexOf('  db:', 2));
      assert.match(parse[0].message, /Duplicate key "db" \(first on line 2\)/);
      assert.ok(codes(diags).includes('missing-healthcheck'), `rules still ran: ${codes(diags)}`);
    });
  });

  test('a binary JSON file and a one-line generated code file opened in the editor get the skipped-file note', async () => {
    const root = makeWorkspace({ 'data.json': '{"a\0": 1}', 'bundle.js': `fetch(x);${'a=1;'.repeat(2000)}` });
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false } }, async (c) => {
      for (const [file, reason] of [['data.json', /binary/], ['bundle.js', /generated or minified code/]] as const) {
        const diags = await c.open(join(root, file));
        assert.deepEqual(codes(diags), ['skipped-file'], file);
        assert.equal(diags[0].severity, DiagnosticSeverity.Information);
        assert.match(diags[0].message, reason);
      }
    });
  });

  test('a BOM in the opened text moves line-0 columns one right, as the editor counts it', async () => {
    const root = makeWorkspace({ 'plain/compose.yaml': FLOW_COMPOSE, 'bom/compose.yaml': `\ufeff${FLOW_COMPOSE}` });
    await withServer({ root, settings: { ...SAMPLE_SETTINGS, scanWorkspace: false } }, async (c) => {
      const plain = await c.open(join(root, 'plain/compose.yaml'));
      const bom = await c.open(join(root, 'bom/compose.yaml'));
      assert.deepEqual(codes(bom), ['missing-healthcheck']);
      assert.equal(plain[0].range.start.character, FLOW_COMPOSE.indexOf('db'));
      assert.deepEqual(bom[0].range, { start: { line: 0, character: plain[0].range.start.character + 1 }, end: { line: 0, character: plain[0].range.end.character + 1 } });
    });
  });
});
