import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_EXCLUDE, DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { readSettings } from '../../../server/src/core/config/settings';

describe('readSettings', () => {
  const toDefaults: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['an empty object', {}],
  ];
  for (const [label, raw] of toDefaults) {
    it(`returns the defaults without warnings for ${label}`, () => {
      assert.deepEqual(readSettings(raw), { settings: DEFAULT_SETTINGS, warnings: [] });
    });
  }

  const notObjects: [string, unknown][] = [
    ['a number', 42],
    ['a string', 'on'],
    ['an array', [1, 2]],
  ];
  for (const [label, raw] of notObjects) {
    it(`falls back to the defaults with one warning for ${label}`, () => {
      const r = readSettings(raw);
      assert.deepEqual(r.settings, DEFAULT_SETTINGS);
      assert.equal(r.warnings.length, 1);
      assert.match(r.warnings[0], /not an object/);
    });
  }

  it('has the documented defaults', () => {
    assert.deepEqual(DEFAULT_SETTINGS, {
      enable: true,
      rules: {},
      exclude: DEFAULT_EXCLUDE,
      scanWorkspace: true,
      maxFileSizeKb: 5120,
      maxDiagnosticsPerFile: 200,
      debounceMs: 150,
      analysisBudgetMs: 10000,
      defaultTimeoutMs: 10000,
      helm: { render: false, path: '', timeoutMs: 10000 },
    });
  });

  it('accepts every valid setting as given', () => {
    const raw = {
      enable: false,
      rules: { 'missing-auth': 'error', 'missing-timeout': 'off' },
      exclude: ['gen/**'],
      scanWorkspace: false,
      maxFileSizeKb: 64,
      maxDiagnosticsPerFile: 10,
      debounceMs: 0,
      analysisBudgetMs: 60000,
      defaultTimeoutMs: 2500,
      helm: { render: true, path: '/usr/local/bin/helm', timeoutMs: 3000 },
    };
    assert.deepEqual(readSettings(raw), { settings: raw, warnings: [] });
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['falls back per setting when maxFileSizeKb is a string', { maxFileSizeKb: 'big' }, 'maxFileSizeKb'],
    ['falls back per setting when debounceMs is negative', { debounceMs: -1 }, 'debounceMs'],
    ['falls back per setting when analysisBudgetMs is zero', { analysisBudgetMs: 0 }, 'analysisBudgetMs'],
    ['falls back per setting when maxDiagnosticsPerFile is not an integer', { maxDiagnosticsPerFile: 2.5 }, 'maxDiagnosticsPerFile'],
    ['falls back per setting when defaultTimeoutMs is above its maximum', { defaultTimeoutMs: 10_000_000 }, 'defaultTimeoutMs'],
    ['falls back per setting when a rule has an unknown severity', { rules: { 'missing-auth': 'loud' } }, 'rules'],
    ['falls back per setting when exclude is not a list', { exclude: 'dist/**' }, 'exclude'],
    ['falls back per setting when enable is not a boolean', { enable: 'yes' }, 'enable'],
  ];
  for (const [name, raw, key] of invalid) {
    it(`${name}, with one warning naming it`, () => {
      const r = readSettings({ ...raw, debounceMs: raw.debounceMs ?? 42 });
      assert.equal(r.warnings.length, 1);
      assert.match(r.warnings[0], new RegExp(`^backendArchitect\\.${key}: .*; using the default$`));
      assert.deepEqual(r.settings[key as keyof typeof r.settings], DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS]);
      if (key !== 'debounceMs') assert.equal(r.settings.debounceMs, 42, 'other settings keep their values');
    });
  }

  it('gives one warning per invalid setting and keeps the valid ones', () => {
    const r = readSettings({ maxFileSizeKb: 'big', rules: { 'missing-auth': 'loud' }, debounceMs: 10 });
    assert.equal(r.warnings.length, 2);
    assert.equal(r.settings.debounceMs, 10);
    assert.equal(r.settings.maxFileSizeKb, 5120);
    assert.deepEqual(r.settings.rules, {});
  });

  it('reads the helm group key by key: an invalid key falls back alone, with a warning naming it', () => {
    const r = readSettings({ helm: { render: true, timeoutMs: 5 } });
    assert.deepEqual(r.settings.helm, { render: true, path: '', timeoutMs: 10000 });
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0], /^backendArchitect\.helm\.timeoutMs: .*; using the default$/);
    assert.deepEqual(readSettings({ helm: 'on' }).settings.helm, DEFAULT_SETTINGS.helm);
    assert.deepEqual(readSettings({ helm: { render: 'yes' } }).settings.helm.render, false);
  });

  it('treats a null setting as unset, without a warning', () => {
    const r = readSettings({ maxFileSizeKb: null, debounceMs: 5 });
    assert.deepEqual(r.warnings, []);
    assert.equal(r.settings.maxFileSizeKb, 5120);
    assert.equal(r.settings.debounceMs, 5);
  });

  it('ignores settings it does not know, such as the client-only trace setting', () => {
    const r = readSettings({ trace: { server: 'verbose' }, somethingElse: 1 });
    assert.deepEqual(r, { settings: DEFAULT_SETTINGS, warnings: [] });
  });
});
