import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/core/config/schema';
import type { Severity } from '../../../server/src/core/findings';

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });

describe('EffectiveConfig', () => {
  describe('severity', () => {
    const cases: [string, Settings['rules'][string] | undefined, Severity | undefined][] = [
      ['runs a rule at its default severity when nothing is configured', undefined, 'warning'],
      ['turns a rule off with off', 'off', undefined],
      ['runs a rule at its default severity with on', 'on', 'warning'],
      ['raises a rule to error', 'error', 'error'],
      ['lowers a rule to information', 'information', 'information'],
      ['lowers a rule to hint', 'hint', 'hint'],
    ];
    for (const [name, value, expected] of cases) {
      it(`${name} (from settings)`, () => {
        const c = new EffectiveConfig(settings({ rules: value ? { 'missing-auth': value } : {} }));
        assert.equal(c.severityOf('missing-auth', 'warning'), expected);
      });
      it(`${name} (from the config file)`, () => {
        const c = new EffectiveConfig(settings(), value ? { rules: { 'missing-auth': value } } : {});
        assert.equal(c.severityOf('missing-auth', 'warning'), expected);
      });
    }

    it('lets the config file override a setting for the same rule', () => {
      const c = new EffectiveConfig(settings({ rules: { 'missing-auth': 'error' } }), { rules: { 'missing-auth': 'hint' } });
      assert.equal(c.severityOf('missing-auth', 'warning'), 'hint');
    });

    it('lets the config file turn back on a rule that settings turned off', () => {
      const c = new EffectiveConfig(settings({ rules: { 'missing-auth': 'off' } }), { rules: { 'missing-auth': 'on' } });
      assert.equal(c.severityOf('missing-auth', 'error'), 'error');
    });

    it('keeps settings for rules the config file does not mention', () => {
      const c = new EffectiveConfig(settings({ rules: { 'missing-timeout': 'off' } }), { rules: { 'missing-auth': 'hint' } });
      assert.equal(c.severityOf('missing-timeout', 'warning'), undefined);
      assert.equal(c.severityOf('missing-healthcheck', 'warning'), 'warning');
    });
  });

  describe('ignore globs', () => {
    const c = new EffectiveConfig(settings(), { ignore: ['generated/**', '**/*.gen.yaml', 'legacy/api.yaml'] });
    const cases: [string, boolean][] = [
      ['generated/api.yaml', true],
      ['generated/deep/a/b.py', true],
      ['src/generated/api.yaml', false],
      ['specs/orders.gen.yaml', true],
      ['orders.gen.yaml', true],
      ['legacy/api.yaml', true],
      ['legacy/other.yaml', false],
      ['node_modules/pkg/index.js', true],
      ['services/api/node_modules/pkg/index.js', true],
      ['.venv/lib/site.py', true],
      ['src/app.py', false],
    ];
    for (const [path, ignored] of cases) {
      it(`${ignored ? 'ignores' : 'keeps'} ${path}`, () => assert.equal(c.isIgnored(path), ignored));
    }

    it('matches dot folders named in a glob', () => {
      const d = new EffectiveConfig(settings({ exclude: [] }), { ignore: ['**/fixtures/**'] });
      assert.equal(d.isIgnored('.github/fixtures/a.yaml'), true);
    });

    it('ignores nothing when there are no globs at all', () => {
      const d = new EffectiveConfig(settings({ exclude: [] }));
      assert.equal(d.isIgnored('node_modules/a.js'), false);
      assert.equal(d.isIgnored('anything.yaml'), false);
    });

    it('combines the exclude setting with the config file ignore globs', () => {
      const d = new EffectiveConfig(settings({ exclude: ['tmp/**'] }), { ignore: ['gen/**'] });
      assert.equal(d.isIgnored('tmp/a.py'), true);
      assert.equal(d.isIgnored('gen/a.py'), true);
      assert.equal(d.isIgnored('node_modules/a.js'), false);
    });
  });
});

describe('the * rule setting', () => {
  const base = DEFAULT_SETTINGS;
  it('turns every rule a layer does not name off, while named rules keep their setting', () => {
    const c = new EffectiveConfig({ ...base, rules: { '*': 'off', 'missing-timeout': 'error' } });
    assert.equal(c.severityOf('missing-auth', 'warning'), undefined);
    assert.equal(c.severityOf('missing-timeout', 'warning'), 'error');
  });
  it('lets the config file override settings, with its * above a rule named only in settings', () => {
    const c = new EffectiveConfig({ ...base, rules: { 'missing-auth': 'error' } }, { rules: { '*': 'hint' } });
    assert.equal(c.severityOf('missing-auth', 'warning'), 'hint');
  });
  it('falls back to settings when the config file names neither the rule nor *', () => {
    const c = new EffectiveConfig({ ...base, rules: { '*': 'off' } }, { rules: { 'missing-auth': 'on' } });
    assert.equal(c.severityOf('missing-auth', 'warning'), 'warning');
    assert.equal(c.severityOf('missing-timeout', 'warning'), undefined);
  });
});
