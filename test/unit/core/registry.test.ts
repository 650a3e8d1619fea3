import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_ERROR, INTERNAL_ERROR, PARSE_ERROR, SEVERITIES, SKIPPED_FILE } from '../../../server/src/core/findings';
import { docsUrl } from '../../../server/src/core/rules/docs';
import { RULES, RULE_IDS, getRule } from '../../../server/src/core/rules/index';

const root = join(__dirname, '..', '..', '..');
const rulesDir = join(root, 'server', 'src', 'core', 'rules');
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const FILE_KINDS = ['openapi', 'compose', 'kubernetes', 'helm', 'python', 'typescript', 'javascript', 'go', 'java', 'config'];

describe('rule registry', () => {
  it('has at least one rule', () => {
    assert.ok(RULES.length > 0);
  });

  it('has unique rule ids', () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual([...new Set(ids)], ids);
    assert.equal(RULE_IDS.size, ids.length);
  });

  it('does not reuse the ids the engine keeps for its own findings', () => {
    for (const reserved of [INTERNAL_ERROR, PARSE_ERROR, CONFIG_ERROR, SKIPPED_FILE]) assert.equal(RULE_IDS.has(reserved), false, reserved);
  });

  it('looks every rule up by its id', () => {
    for (const r of RULES) assert.equal(getRule(r.id), r);
    assert.equal(getRule('no-such-rule'), undefined);
  });

  it('registers every rule file under server/src/core/rules', () => {
    const ruleFiles = readdirSync(rulesDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .filter((name) => name.includes('-'));
    assert.deepEqual(ruleFiles.sort(), [...RULE_IDS].sort());
  });

  for (const r of RULES) {
    describe(r.id, () => {
      it('has a kebab-case id', () => assert.match(r.id, KEBAB));

      it('lives in server/src/core/rules/<id>.ts', () => {
        assert.ok(existsSync(join(rulesDir, `${r.id}.ts`)), `${r.id}.ts exists`);
      });

      it('has a docs/rules/<id>.md page that its docs link points at', () => {
        assert.ok(existsSync(join(root, 'docs', 'rules', `${r.id}.md`)), `docs/rules/${r.id}.md exists`);
        assert.ok(docsUrl(r.id).endsWith(`/docs/rules/${r.id}.md`));
      });

      it('applies to at least one known file kind', () => {
        assert.ok(r.kinds.length > 0);
        for (const k of r.kinds) assert.ok(FILE_KINDS.includes(k), `unknown kind ${k}`);
      });

      it('has a valid default severity, a title and a description', () => {
        assert.ok(SEVERITIES.includes(r.defaultSeverity));
        assert.ok(r.title.trim().length > 0);
        assert.ok(r.description.trim().length > r.title.trim().length);
        assert.equal(typeof r.check, 'function');
      });
    });
  }
});
