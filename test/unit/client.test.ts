// The VS Code client's editor-free parts: the status bar text, the document selector and its import boundary.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ANALYZED_LANGUAGES, DOCUMENT_SELECTOR } from '../../client/src/documentSelector';
import { describeStatus } from '../../client/src/statusText';
import type { StatusParams } from '../../server/src/lsp/protocol';

const idle: StatusParams = { state: 'idle', files: 4, errors: 0, warnings: 5, infos: 3 };

describe('status bar text', () => {
  test('shows the findings by severity once the server is idle', () => {
    const view = describeStatus('running', idle);
    assert.equal(view.text, '$(warning) 5 $(info) 3');
    assert.match(view.tooltip, /0 errors, 5 warnings, 3 info in 4 files/);
    assert.equal(view.opens, 'problems');
  });

  test('shows the scan progress while the workspace is scanned', () => {
    const view = describeStatus('running', { ...idle, state: 'scanning', scanned: 12, total: 40 });
    assert.equal(view.text, '$(sync~spin) Backend Architect: scanning 12/40');
    assert.match(view.tooltip, /12 of 40 files analyzed/);
  });

  test('shows a scan that has not counted its files yet as scanning', () => {
    assert.equal(describeStatus('running', { ...idle, state: 'scanning' }).text, '$(sync~spin) Backend Architect: scanning');
    assert.equal(describeStatus('running', { ...idle, state: 'scanning', scanned: 0, total: 0 }).text, '$(sync~spin) Backend Architect: scanning');
  });

  test('shows a check mark when there are no findings', () => {
    const clean = { ...idle, files: 0, warnings: 0, infos: 0 };
    assert.equal(describeStatus('running', clean).text, '$(check) Backend Architect');
    assert.equal(describeStatus('running', undefined).text, '$(check) Backend Architect');
  });

  test('points at the output and stands out when the server did not start or has stopped', () => {
    assert.deepEqual([describeStatus('failed', idle).opens, describeStatus('failed', idle).alert], ['output', 'error']);
    assert.deepEqual([describeStatus('stopped', idle).opens, describeStatus('stopped', idle).alert], ['output', 'warning']);
    assert.match(describeStatus('failed', undefined).tooltip, /Restart Server/);
  });

  test('says the server crashed and is not restarted once the client gives up, pointing at Restart Server', () => {
    const view = describeStatus('crashed', idle);
    assert.equal(view.text, '$(error) Backend Architect: crashed');
    assert.match(view.tooltip, /crashed 5 times within 3 minutes and is not restarted again\.\nClick to show the output; run "Backend Architect: Restart Server"/);
    assert.deepEqual([view.opens, view.alert], ['output', 'error']);
  });
});

describe('client boundaries', () => {
  test('sends files and unsaved editors of every analyzed language, and the config file, to the server', () => {
    for (const language of ANALYZED_LANGUAGES) {
      for (const scheme of ['file', 'untitled']) {
        assert.ok(DOCUMENT_SELECTOR.some((f) => 'language' in f && f.language === language && f.scheme === scheme), `${scheme} ${language}`);
      }
    }
    assert.ok(DOCUMENT_SELECTOR.some((f) => 'pattern' in f && f.pattern === '**/.backend-architect.yaml'));
  });

  test('imports nothing from the server except the shared protocol, the editor-free chat engine and the map\'s Markdown export', () => {
    const dir = join(__dirname, '..', '..', 'client', 'src');
    for (const file of readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
      const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const path of imports.filter((p) => p.includes('server/'))) {
        assert.match(path, /server\/src\/(lsp\/protocol|chat\/\w+|core\/config\/chatSettings|core\/workspace\/graphMermaid)$/, `${file} imports ${path}`);
      }
    }
  });
});
