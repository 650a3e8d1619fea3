import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLIENT_ONLY_SETTINGS, configFileJsonSchema, serverSettingDefaults, settingsContribution } from '../../../server/src/core/config/jsonSchema';
import { DEFAULT_SETTINGS, RuleSettingSchema, SettingsSchema } from '../../../server/src/core/config/schema';
import { RULES } from '../../../server/src/core/rules/index';

const root = join(__dirname, '..', '..', '..');
const readJson = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'));

describe('generated schemas', () => {
  it("keeps package.json's contributes.configuration in step with the settings schema", () => {
    const pkg = readJson('package.json');
    assert.deepEqual(pkg.contributes.configuration.properties, settingsContribution());
  });

  it('contributes one setting per settings-schema field plus the client-only ones', () => {
    const keys = Object.keys(settingsContribution()).sort();
    const expected = [...Object.keys(serverSettingDefaults()), ...Object.keys(CLIENT_ONLY_SETTINGS)].sort();
    assert.deepEqual(keys, expected);
    assert.ok(keys.includes('backendArchitect.helm.render'), 'a group contributes each of its keys');
  });

  it('gives every contributed server setting its schema default and a description', () => {
    const contrib = settingsContribution() as Record<string, { default?: unknown; description?: string }>;
    for (const [key, value] of Object.entries(serverSettingDefaults())) {
      const c = contrib[key];
      assert.deepEqual(c.default, value, key);
      assert.ok(c.description && c.description.length > 10, `${key} has a description`);
    }
  });

  it('builds exactly DEFAULT_SETTINGS from an empty settings object (the zod-free defaults and the schema agree)', () => {
    assert.deepEqual(SettingsSchema.parse({}), DEFAULT_SETTINGS);
    assert.deepEqual(Object.keys(DEFAULT_SETTINGS).sort(), Object.keys(SettingsSchema.shape).sort());
  });

  it('lists * and every rule with the rule-setting enum in the rules setting', () => {
    const rules = settingsContribution()['backendArchitect.rules'] as { properties: Record<string, { enum: string[] }> };
    assert.deepEqual(Object.keys(rules.properties), ['*', ...RULES.map((r) => r.id)]);
    for (const p of Object.values(rules.properties)) assert.deepEqual(p.enum, RuleSettingSchema.options);
  });

  it('keeps schemas/backend-architect.schema.json in step with the config file schema', () => {
    assert.deepEqual(readJson('schemas/backend-architect.schema.json'), configFileJsonSchema());
  });

  it('describes the config file as an object with only rules, ignore, scope, services and thresholds', () => {
    const js = configFileJsonSchema() as { type: string; properties: Record<string, unknown>; additionalProperties: unknown };
    assert.equal(js.type, 'object');
    assert.deepEqual(Object.keys(js.properties).sort(), ['ignore', 'rules', 'scope', 'services', 'thresholds']);
    assert.equal(js.additionalProperties, false);
  });
});
