import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import { WorkspaceIndex } from '../../../server/src/core/workspace/index';

/** missing-timeout on `server/utils/llm.js` of a package written to disk with `files` (paths relative to the package). */
async function timeouts(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'ba-global-fetch-'));
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), t);
  }
  const path = join(root, 'server/utils/llm.js');
  mkdirSync(dirname(path), { recursive: true });
  const text = 'const express = require("express");\nexports.ask = async (url) => (await fetch(url, { method: "POST" })).json();\n';
  writeFileSync(path, text);
  const workspace = new WorkspaceIndex({ boundary: root });
  const result = await analyzeSource({ source: makeSource(path, text, 'javascript'), config: new EffectiveConfig(DEFAULT_SETTINGS), workspace });
  return result.findings.filter((f) => f.ruleId === 'missing-timeout').map((f) => f.message);
}

describe('missing-timeout: a global fetch timeout set at start-up', () => {
  const pkg = JSON.stringify({ main: 'index.js', dependencies: { express: '^4.21.0', undici: '^6.0.0' } });
  it("leaves alone the global fetch of a package whose entry requires a boot file that sets undici's global dispatcher with timeouts", async () => {
    const boot = 'const { Agent, setGlobalDispatcher } = require("undici");\nmodule.exports = () => setGlobalDispatcher(\n  new Agent({ headersTimeout: 600000, bodyTimeout: 600000 })\n);\n';
    assert.deepEqual(await timeouts({ 'server/package.json': pkg, 'server/index.js': 'require("./utils/boot/patchTimeouts")();\nrequire("express")().listen(3001);\n', 'server/utils/boot/patchTimeouts.js': boot }), []);
  });
  it('reports it when the dispatcher sets no timeout, or when no entry sets one', async () => {
    const noTimeout = 'const { Agent, setGlobalDispatcher } = require("undici");\nsetGlobalDispatcher(new Agent({ connections: 10 }));\n';
    assert.equal((await timeouts({ 'server/package.json': pkg, 'server/index.js': `${noTimeout}require("express")().listen(3001);\n` })).length, 1);
    assert.equal((await timeouts({ 'server/package.json': pkg, 'server/index.js': 'require("express")().listen(3001);\n' })).length, 1);
  });
});
