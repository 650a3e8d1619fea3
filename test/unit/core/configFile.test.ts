import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigFile } from '../../../server/src/core/config/configFile';
import { RULE_IDS } from '../../../server/src/core/rules/index';

const KNOWN = new Set(['missing-auth', 'missing-timeout']);

/** The text each problem points at. */
function located(text: string, problems: { start: number; end: number }[]): string[] {
  return problems.map((p) => text.slice(p.start, p.end));
}

describe('parseConfigFile', () => {
  it('reads a valid file with rules and ignore globs', () => {
    const text = 'rules:\n  missing-auth: off\n  missing-timeout: error\nignore:\n  - "gen/**"\n  - legacy/*.yaml\n';
    assert.deepEqual(parseConfigFile(text, KNOWN), {
      config: { rules: { 'missing-auth': 'off', 'missing-timeout': 'error' }, ignore: ['gen/**', 'legacy/*.yaml'] },
      problems: [],
    });
  });

  it('reads scope.backend globs and points at a wrong value or an unknown key under scope', () => {
    assert.deepEqual(parseConfigFile('scope:\n  backend:\n    - "web/src/server/**"\n', KNOWN), { config: { scope: { backend: ['web/src/server/**'] } }, problems: [] });
    assert.equal(parseConfigFile('scope:\n  backend: web/**\n', KNOWN).problems.length, 1);
    assert.equal(parseConfigFile('scope:\n  frontend: [web/**]\n', KNOWN).problems.length, 1);
  });

  it('reads which spec belongs to which service, with a gateway prefix', () => {
    const r = parseConfigFile('services:\n  orders:\n    spec: api/orders.yaml\n    prefix: /orders\n  billing:\n    spec: [api/billing.yaml]\n', KNOWN);
    assert.deepEqual(r, { config: { services: { orders: { spec: 'api/orders.yaml', prefix: '/orders' }, billing: { spec: ['api/billing.yaml'] } } }, problems: [] });
  });

  it('points at a spec given to two services, and at a prefix without a leading slash', () => {
    const text = 'services:\n  orders:\n    spec: api/orders.yaml\n  billing:\n    spec: [./api/orders.yaml]\n';
    const r = parseConfigFile(text, KNOWN);
    assert.deepEqual(located(text, r.problems), ['./api/orders.yaml']);
    assert.match(r.problems[0].message, /already the spec of service orders/);
    assert.equal(parseConfigFile('services:\n  orders:\n    prefix: orders\n', KNOWN).problems.length, 1);
  });

  it('accepts every rule setting: off, on and each severity', () => {
    for (const value of ['off', 'on', 'error', 'warning', 'information', 'hint']) {
      const r = parseConfigFile(`rules:\n  missing-auth: ${value}\n`, KNOWN);
      assert.deepEqual(r.problems, [], value);
      assert.equal(r.config.rules?.['missing-auth'], value);
    }
  });

  it('accepts every rule of the registry', () => {
    const text = `rules:\n${[...RULE_IDS].map((id) => `  ${id}: on\n`).join('')}`;
    assert.deepEqual(parseConfigFile(text, RULE_IDS).problems, []);
  });

  it('accepts an empty file', () => {
    assert.deepEqual(parseConfigFile('', KNOWN), { config: {}, problems: [] });
  });

  it('accepts a file that holds only comments', () => {
    assert.deepEqual(parseConfigFile('# rules:\n#   missing-auth: off\n', KNOWN), { config: {}, problems: [] });
    assert.deepEqual(parseConfigFile('rules:\n#   missing-auth: off\nignore:\n', KNOWN), { config: { rules: null, ignore: null }, problems: [] });
  });

  it('reports an unknown top-level key at that key', () => {
    const text = 'rules:\n  missing-auth: off\nignor:\n  - x\n';
    const r = parseConfigFile(text, KNOWN);
    assert.deepEqual(r.config, {});
    assert.equal(r.problems.length, 1);
    assert.deepEqual(located(text, r.problems), ['ignor']);
    assert.match(r.problems[0].message, /Unrecognized key: "ignor"/);
  });

  it('reports each of several unknown keys at its own key', () => {
    const text = 'rule:\n  a: b\nignore: []\nexclude: []\n';
    const r = parseConfigFile(text, KNOWN);
    assert.deepEqual(located(text, r.problems), ['rule', 'exclude']);
  });

  it('reports a bad severity value at the value', () => {
    const text = 'rules:\n  missing-auth: loud\n';
    const r = parseConfigFile(text, KNOWN);
    assert.deepEqual(r.config, {});
    assert.deepEqual(located(text, r.problems), ['loud']);
    assert.match(r.problems[0].message, /rules\.missing-auth: /);
  });

  it('reports rules that is not a mapping at its value', () => {
    const text = 'rules: 5\n';
    assert.deepEqual(located(text, parseConfigFile(text, KNOWN).problems), ['5']);
  });

  it('reports an ignore entry that is not a string at that entry', () => {
    const text = 'ignore:\n  - ok/**\n  - 42\n';
    const r = parseConfigFile(text, KNOWN);
    assert.deepEqual(located(text, r.problems), ['42']);
    assert.match(r.problems[0].message, /ignore\.1: /);
  });

  it('reports a file that is a list, not a mapping, on the whole document', () => {
    const text = '- missing-auth\n';
    const r = parseConfigFile(text, KNOWN);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].start, 0);
  });

  it('reports an unknown rule id at its key and keeps the rest of the config', () => {
    const text = 'rules:\n  no-such-rule: error\n  missing-auth: hint\n';
    const r = parseConfigFile(text, KNOWN);
    assert.deepEqual(r.config, { rules: { 'no-such-rule': 'error', 'missing-auth': 'hint' } });
    assert.deepEqual(located(text, r.problems), ['no-such-rule']);
    assert.equal(r.problems[0].message, "Unknown rule id 'no-such-rule'");
  });

  it('reports malformed YAML once, at the error', () => {
    const text = 'rules: [missing-auth\nignore: x\n';
    const r = parseConfigFile(text, KNOWN);
    assert.deepEqual(r.config, {});
    assert.equal(r.problems.length, 1);
    assert.ok(r.problems[0].start > 0, 'not at the start of the file');
  });

  it('reports a duplicate rule key as a YAML problem', () => {
    const text = 'rules:\n  missing-auth: off\n  missing-auth: on\n';
    const r = parseConfigFile(text, KNOWN);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].start, text.lastIndexOf('missing-auth'));
  });

  it('reads settings shared through YAML aliases', () => {
    const text = 'rules:\n  missing-auth: &sev error\n  missing-timeout: *sev\n';
    assert.deepEqual(parseConfigFile(text, KNOWN), { config: { rules: { 'missing-auth': 'error', 'missing-timeout': 'error' } }, problems: [] });
  });
});
