import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { SKIPPED_FILE } from '../../../server/src/core/findings';
import { analyzeFile, loadProjectConfig, relativePath, skippedFinding } from '../../../server/src/core/project';
import { WorkspaceIndex } from '../../../server/src/core/workspace/index';

const roots: string[] = [];
async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ba-project-'));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) await writeFile(join(root, name), content);
  return root;
}

describe('loadProjectConfig', () => {
  after(async () => {
    for (const r of roots) await rm(r, { recursive: true, force: true });
  });

  it('uses the settings alone when there is no config file', async () => {
    const root = await project({});
    const { config, configFileValid } = await loadProjectConfig(root, { ...DEFAULT_SETTINGS, rules: { 'missing-auth': 'error' } });
    assert.equal(configFileValid, true);
    assert.equal(config.severityOf('missing-auth', 'warning'), 'error');
  });

  it('applies a valid config file over the settings', async () => {
    const root = await project({ '.backend-architect.yaml': 'rules:\n  missing-auth: off\nignore:\n  - gen/**\n' });
    const { config, configFileValid } = await loadProjectConfig(root, { ...DEFAULT_SETTINGS, rules: { 'missing-auth': 'error' } });
    assert.equal(configFileValid, true);
    assert.equal(config.severityOf('missing-auth', 'warning'), undefined);
    assert.equal(config.isIgnored('gen/api.yaml'), true);
  });

  it('reads a config file that starts with a BOM', async () => {
    const root = await project({ '.backend-architect.yaml': '\ufeffrules:\n  missing-auth: hint\n' });
    const { config, configFileValid } = await loadProjectConfig(root, DEFAULT_SETTINGS);
    assert.equal(configFileValid, true);
    assert.equal(config.severityOf('missing-auth', 'warning'), 'hint');
  });

  it('keeps a config file whose only problem is an unknown rule id', async () => {
    const root = await project({ '.backend-architect.yaml': 'rules:\n  not-a-rule: off\n  missing-auth: error\n' });
    const { config, configFileValid } = await loadProjectConfig(root, DEFAULT_SETTINGS);
    assert.equal(configFileValid, true);
    assert.equal(config.severityOf('missing-auth', 'warning'), 'error');
  });

  const invalid: [string, string][] = [
    ['a bad severity', 'rules:\n  missing-auth: loud\n'],
    ['an unknown key', 'rulez:\n  missing-auth: off\n'],
    ['malformed YAML', 'rules: [missing-auth\n'],
  ];
  for (const [label, text] of invalid) {
    it(`ignores a config file with ${label} and falls back to the settings`, async () => {
      const root = await project({ '.backend-architect.yaml': text });
      const { config, configFileValid } = await loadProjectConfig(root, { ...DEFAULT_SETTINGS, rules: { 'missing-auth': 'hint' } });
      assert.equal(configFileValid, false);
      assert.equal(config.severityOf('missing-auth', 'warning'), 'hint');
    });
  }
});

describe('relativePath', () => {
  it('gives a workspace-relative path with forward slashes', () => {
    assert.equal(relativePath(join('/ws'), join('/ws', 'a', 'b.yaml')), 'a/b.yaml');
  });
});

describe('analyzeFile', () => {
  let root: string;
  const config = new EffectiveConfig({ ...DEFAULT_SETTINGS, maxFileSizeKb: 1 });
  before(async () => {
    root = await project({
      'api.yaml': 'openapi: 3.0.0\ninfo: {title: x, version: "1"}\npaths: {}\n',
      'broken.yaml': 'openapi: 3.0.0\npaths: [\n',
      'blob.yaml': new Uint8Array([0x6f, 0x00, 0x01]),
      'latin1.py': new Uint8Array([0x23, 0xe9, 0x0a]),
      'big.py': 'x = 1\n'.repeat(300),
      'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]),
      'settings.yaml': 'replicas: 3\n',
    });
  });

  it('analyzes a file and records it in the workspace index with its parsed data', async () => {
    const ws = new WorkspaceIndex();
    const path = join(root, 'api.yaml');
    const r = await analyzeFile(path, config, ws);
    assert.equal(r.skipped, undefined);
    assert.equal(ws.get(path)?.kind, 'openapi');
    assert.equal(ws.get(path)?.data, r.data);
    assert.ok(r.data);
  });

  it('reports a malformed file with its parse error and records it without data', async () => {
    const ws = new WorkspaceIndex();
    const path = join(root, 'broken.yaml');
    const r = await analyzeFile(path, config, ws);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['parse-error']);
    assert.equal(ws.get(path)?.data, undefined);
  });

  const skipped: [string, string, RegExp][] = [
    ['skips a binary file with one information finding', 'blob.yaml', /binary/],
    ['skips a file that is not valid UTF-8 with one information finding', 'latin1.py', /UTF-8/],
    ['skips a file over the size limit setting with one information finding', 'big.py', /1 KB limit/],
  ];
  for (const [name, file, reason] of skipped) {
    it(name, async () => {
      const ws = new WorkspaceIndex();
      const path = join(root, file);
      const r = await analyzeFile(path, config, ws);
      assert.equal(r.findings.length, 1);
      assert.equal(r.findings[0].ruleId, SKIPPED_FILE);
      assert.equal(r.findings[0].severity, 'information');
      assert.equal(r.findings[0].path, path);
      assert.match(r.findings[0].message, /^Not analyzed: /);
      assert.match(r.skipped ?? '', reason);
      assert.equal(ws.size, 0);
    });
  }

  it('says nothing about a binary file the analyzer would never read', async () => {
    const r = await analyzeFile(join(root, 'image.png'), config, new WorkspaceIndex());
    assert.deepEqual(r.findings, []);
  });

  it('says nothing about a file of no kind it reads and leaves it out of the index', async () => {
    const ws = new WorkspaceIndex();
    const r = await analyzeFile(join(root, 'settings.yaml'), config, ws);
    assert.deepEqual(r.findings, []);
    assert.equal(ws.size, 0);
  });

  it('makes a skipped-file finding at the start of the file', () => {
    assert.deepEqual(skippedFinding('a.py', 'because'), {
      ruleId: SKIPPED_FILE,
      severity: 'information',
      message: 'Not analyzed: because',
      path: 'a.py',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  });
});
