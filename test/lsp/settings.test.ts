// Settings and the config file over a real LSP connection: pulled per resource, re-applied on change, invalid
// values fall back with one warning, `.backend-architect.yaml` turns rules off and reports its own problems, and a
// `*` key sets every rule a layer does not name.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { RULES } from '../../server/src/core/rules/index';
import { codes, fullCapabilities, makeWorkspace, ofRule, uriOf, withServer } from './client';
import { COMPOSE, OPENAPI, PYTHON, onlyRules } from './samples';

const SHOW_MESSAGE = 'window/showMessage';

describe('language server settings', () => {
  test('pulls the backendArchitect section for the folder and for each document', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON });
    const file = join(root, 'client.py');
    await withServer({ root, settings: { scanWorkspace: false } }, async (c) => {
      await c.open(file);
      const items = c.configurationRequests.flatMap((r) => r.items);
      assert.ok(items.every((i: any) => i.section === 'backendArchitect'));
      assert.ok(items.some((i: any) => i.scopeUri === uriOf(root)), 'asked for the folder');
      assert.ok(items.some((i: any) => i.scopeUri === uriOf(file)), 'asked for the document');
    });
  });

  test('treats null settings as the defaults', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI });
    await withServer({ root, settings: null }, async (c) => {
      const diags = await c.open(join(root, 'openapi.yaml'));
      // Every rule runs at its default severity: missing-auth among them, as a warning.
      assert.deepEqual(ofRule(diags, 'missing-auth').map((d) => d.severity), [2]);
      const ids = new Set(RULES.map((r) => r.id));
      assert.ok(codes(diags).every((id) => ids.has(id)), `only rule findings: ${codes(diags)}`);
      assert.deepEqual(c.messages(SHOW_MESSAGE), []);
    });
  });

  test('turning missing-auth off in the settings removes its findings, and turning it on brings them back', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI });
    const file = join(root, 'openapi.yaml');
    await withServer({ root, settings: { scanWorkspace: false } }, async (c) => {
      const all = codes(await c.open(file));
      assert.equal(all.filter((id) => id === 'missing-auth').length, 1);
      await c.changeSettings({ scanWorkspace: false, rules: { 'missing-auth': 'off' } });
      const others = await c.waitForDiagnostics(file, (d) => ofRule(d, 'missing-auth').length === 0);
      assert.deepEqual(codes(others), all.filter((id) => id !== 'missing-auth'), 'the other rules still run');
      await c.changeSettings({ scanWorkspace: false, rules: { 'missing-auth': 'error' } });
      const [d] = ofRule(await c.waitForDiagnostics(file, (d) => ofRule(d, 'missing-auth').length === 1), 'missing-auth');
      assert.equal(d.severity, 1);
    });
  });

  test('an invalid setting falls back to its default with one warning and the others still apply', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI, 'client.py': PYTHON });
    await withServer({ root, settings: { scanWorkspace: false, debounceMs: 'soon', rules: onlyRules('missing-auth') } }, async (c) => {
      assert.deepEqual(codes(await c.open(join(root, 'openapi.yaml'))), ['missing-auth']);
      assert.deepEqual(await c.open(join(root, 'client.py')), []);
      const warnings = c.messages(SHOW_MESSAGE);
      assert.equal(warnings.length, 1, JSON.stringify(warnings));
      assert.equal(warnings[0].type, 2);
      assert.match(warnings[0].message, /backendArchitect\.debounceMs/);
    });
  });

  test('works with a client that cannot answer workspace/configuration, taking pushed settings', async () => {
    const caps = fullCapabilities();
    caps.workspace!.configuration = false;
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI });
    const file = join(root, 'openapi.yaml');
    await withServer({ root, capabilities: caps }, async (c) => {
      assert.equal(ofRule(await c.open(file), 'missing-auth').length, 1);
      assert.equal(c.configurationRequests.length, 0);
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { backendArchitect: { rules: { '*': 'off' } } } });
      await c.waitForDiagnostics(file, (d) => d.length === 0);
    });
  });

  test('.backend-architect.yaml turning a rule off removes its findings, and changing or deleting it brings them back', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI, '.backend-architect.yaml': 'rules:\n  missing-auth: off\n' });
    const file = join(root, 'openapi.yaml');
    const config = join(root, '.backend-architect.yaml');
    await withServer({ root, settings: { scanWorkspace: false, rules: onlyRules('missing-auth') } }, async (c) => {
      assert.deepEqual(await c.open(file), []);
      writeFileSync(config, 'rules:\n  missing-auth: error\n');
      await c.fileEvents([{ uri: uriOf(config), type: FileChangeType.Changed }]);
      const [d] = await c.waitForDiagnostics(file, (d) => d.length === 1);
      assert.equal(d.severity, 1);
      rmSync(config);
      await c.fileEvents([{ uri: uriOf(config), type: FileChangeType.Deleted }]);
      await c.waitForDiagnostics(file, (d) => d.length === 1 && d[0].severity === 2);
    });
  });

  test('a bad .backend-architect.yaml gets a diagnostic on itself and analysis goes on with the settings', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI, '.backend-architect.yaml': 'rules:\n  missing-auth: sometimes\n' });
    const config = join(root, '.backend-architect.yaml');
    await withServer({ root, settings: { rules: onlyRules('missing-auth') } }, async (c) => {
      const onConfig = await c.waitForDiagnostics(config, (d) => d.length > 0);
      assert.deepEqual(codes(onConfig), ['invalid-config']);
      assert.equal(onConfig[0].range.start.line, 1);
      assert.deepEqual(codes(await c.waitForDiagnostics(join(root, 'openapi.yaml'), (d) => d.length > 0)), ['missing-auth']);
    });
  });

  test('edits to the open .backend-architect.yaml apply before it is saved', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI, '.backend-architect.yaml': 'rules: {}\n' });
    const file = join(root, 'openapi.yaml');
    const config = join(root, '.backend-architect.yaml');
    await withServer({ root, settings: { scanWorkspace: false, debounceMs: 10, rules: onlyRules('missing-auth') } }, async (c) => {
      assert.deepEqual(codes(await c.open(file)), ['missing-auth']);
      assert.deepEqual(await c.open(config), []);
      await c.change(config, 'rules:\n  missing-auth: off\n');
      await c.waitForDiagnostics(file, (d) => d.length === 0);
      const v = await c.change(config, 'rules:\n  missing-auth: of\n');
      assert.deepEqual(codes(await c.waitForDiagnostics(config, () => true, v)), ['invalid-config']);
      await c.waitForDiagnostics(file, (d) => d.length === 1);
    });
  });

  test('a file matched by the config file\'s ignore globs gets no diagnostics, even when open', async () => {
    const root = makeWorkspace({ 'legacy/old.py': PYTHON, 'new.py': PYTHON, '.backend-architect.yaml': 'ignore:\n  - "legacy/**"\n' });
    await withServer({ root, settings: { scanWorkspace: false, rules: onlyRules('missing-timeout') } }, async (c) => {
      assert.deepEqual(await c.open(join(root, 'legacy/old.py')), []);
      assert.deepEqual(codes(await c.open(join(root, 'new.py'))), ['missing-timeout']);
    });
  });

  test('a * rule setting turns every rule off, a rule named beside it back on, and a * in .backend-architect.yaml overrides the settings', async () => {
    const root = makeWorkspace({ 'openapi.yaml': OPENAPI, 'docker-compose.yml': COMPOSE, 'client.py': PYTHON });
    const [api, compose, py] = ['openapi.yaml', 'docker-compose.yml', 'client.py'].map((f) => join(root, f));
    const config = join(root, '.backend-architect.yaml');
    await withServer({ root, settings: { scanWorkspace: false } }, async (c) => {
      const defaults = new Map<string, string[]>();
      for (const f of [api, compose, py]) defaults.set(f, codes(await c.open(f)));

      await c.changeSettings({ scanWorkspace: false, rules: { '*': 'off' } });
      for (const f of [api, compose, py]) await c.waitForDiagnostics(f, (d) => d.length === 0);

      await c.changeSettings({ scanWorkspace: false, rules: { '*': 'off', 'missing-timeout': 'on' } });
      assert.deepEqual(codes(await c.waitForDiagnostics(py, (d) => d.length > 0)), ['missing-timeout']);
      assert.deepEqual(c.latest(api), []);
      assert.deepEqual(c.latest(compose), []);

      // The config file's * wins over every rule of the settings, even one they name.
      writeFileSync(config, 'rules:\n  "*": "off"\n');
      await c.fileEvents([{ uri: uriOf(config), type: FileChangeType.Created }]);
      await c.waitForDiagnostics(py, (d) => d.length === 0);

      // A * at a severity turns every rule back on at that severity; a rule named beside it keeps its own.
      writeFileSync(config, 'rules:\n  "*": error\n  missing-timeout: information\n');
      await c.fileEvents([{ uri: uriOf(config), type: FileChangeType.Changed }]);
      for (const f of [api, compose, py]) assert.deepEqual(codes(await c.waitForDiagnostics(f, (d) => d.length > 0)), defaults.get(f), f);
      assert.equal(ofRule(c.latest(api), 'missing-auth')[0].severity, 1);
      assert.equal(ofRule(c.latest(compose), 'missing-healthcheck')[0].severity, 1);
      assert.equal(ofRule(c.latest(py), 'missing-timeout')[0].severity, 3);

      rmSync(config);
      await c.fileEvents([{ uri: uriOf(config), type: FileChangeType.Deleted }]);
      await c.waitForDiagnostics(api, (d) => d.length === 0);
      await c.waitForDiagnostics(compose, (d) => d.length === 0);
      assert.deepEqual(codes(await c.waitForDiagnostics(py, (d) => d.length === 1 && d[0].severity === 2)), ['missing-timeout']);
    });
  });
});
