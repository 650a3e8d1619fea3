import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { docsLink, extensionApi, fileUri, ruleCode, rulesOf, waitForFindings } from '../helpers';

const DOCS = 'https://github.com/backend-architect/backend-architect/blob/main/docs/rules/';

/** One file per kind, and a rule each is known to break in examples/shop. */
const CASES = [
  { kind: 'an OpenAPI spec', file: 'openapi/shop.yaml', rule: 'missing-auth' },
  { kind: 'a compose file', file: 'docker-compose.yml', rule: 'missing-healthcheck' },
  { kind: 'service code (Python)', file: 'orders/app.py', rule: 'missing-timeout' },
];

describe('diagnostics', () => {
  before(async () => {
    await extensionApi();
  });

  for (const c of CASES) {
    it(`reports ${c.rule} in ${c.kind} without the file being opened, with its code and docs link`, async () => {
      const uri = fileUri(c.file);
      const all = await waitForFindings(uri, `${c.rule} in ${c.file}`, (ds) => ds.some((d) => ruleCode(d) === c.rule));
      const finding = all.find((d) => ruleCode(d) === c.rule)!;
      assert.equal(docsLink(finding), `${DOCS}${c.rule}.md`);
      assert.ok(finding.message.length > 10, 'a finding has a message');
      for (const d of all) assert.ok(ruleCode(d), `every finding has a rule id as its code: ${d.message}`);
      assert.ok(rulesOf(all).includes(c.rule));
    });
  }

  it('lists the example workspace findings in the Problems data (getDiagnostics for all files)', async () => {
    const withFindings = vscode.languages.getDiagnostics().filter(([, ds]) => ds.some((d) => d.source === 'backend-architect'));
    assert.ok(withFindings.length >= CASES.length, `files with findings: ${withFindings.map(([u]) => u.path).join(', ')}`);
  });
});
