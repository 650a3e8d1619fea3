import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { skipReason } from '../../server/src/core/documents/skip';
import { runJson, tempWorkspace } from './helpers';

const BUNDLE = `fetch("http://orders.internal/");${'a=1;'.repeat(256 * 1024)}`;
const BINARY_JSON = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x00, 0x7d]);

describe('lint: parse problems and skipped files', () => {
  const ws = tempWorkspace({
    'web/bundle.js': BUNDLE,
    'data.json': BINARY_JSON,
    'stack.yml': 'services:\n\tdb:\n\t\timage: postgres:16\n',
    'api.yaml': 'openapi: 3.0.3\ninfo: {title: x, version: "1"}\n<<<<<<< HEAD\npaths: {}\n=======\npaths:\n  /a: {}\n>>>>>>> main\n',
  });
  after(ws.cleanup);
  const r = runJson(['lint', '--format', 'json'], ws.dir);
  const byPath = new Map<string, any[]>(r.json.files.map((f: any) => [f.path, f.findings]));

  it('gives a one-line generated code file and a binary file the note the editor gives, with the reason', () => {
    for (const [file, text, kind] of [['web/bundle.js', BUNDLE, 'javascript'], ['data.json', new TextDecoder().decode(BINARY_JSON), undefined]] as const) {
      const f = byPath.get(file)!;
      assert.deepEqual(f.map((x) => [x.ruleId, x.severity]), [['skipped-file', 'information']], file);
      assert.equal(f[0].message, `Not analyzed: ${skipReason(join(ws.dir, file), text, kind, 5120 * 1024)}`);
    }
  });

  it('reports a compose file indented with tabs, found by its content, at each tab line', () => {
    const f = byPath.get('stack.yml')!;
    assert.deepEqual(f.map((x) => [x.ruleId, x.range.startLine]), [['parse-error', 2], ['parse-error', 3]]);
    assert.equal(r.code, 1);
  });

  it('names a conflict once, at its start, with the lines of its other markers', () => {
    const f = byPath.get('api.yaml')!;
    assert.deepEqual(f.map((x) => x.range.startLine), [3]);
    assert.ok(f.every((x) => x.ruleId === 'parse-error' && /Git conflict markers: .*\(the other side at line 5, the end at line 8\)/.test(x.message)));
  });
});
