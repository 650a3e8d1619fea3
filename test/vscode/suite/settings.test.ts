import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { extensionApi, fileUri, ruleCode, waitForFindings, workspaceFolder } from '../helpers';

const RULE = 'missing-auth';
const FILE = 'openapi/shop.yaml';

function rulesSetting(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('backendArchitect', workspaceFolder().uri);
}

describe('settings', () => {
  before(async () => {
    await extensionApi();
  });

  after(async () => {
    await rulesSetting().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it(`removes a rule's findings when the rule is turned off in settings, and brings them back when it is on again`, async () => {
    const uri = fileUri(FILE);
    const has = (ds: vscode.Diagnostic[]) => ds.some((d) => ruleCode(d) === RULE);
    await waitForFindings(uri, `${RULE} in ${FILE}`, has);

    const gone = waitForFindings(uri, `${RULE} gone after turning it off`, (ds) => !has(ds));
    await rulesSetting().update('rules', { [RULE]: 'off' }, vscode.ConfigurationTarget.Workspace);
    await gone;

    const back = waitForFindings(uri, `${RULE} back after turning it on`, has);
    await rulesSetting().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    const findings = await back;
    assert.ok(findings.some((d) => ruleCode(d) === RULE));
  });

  it('changes a rule severity from settings', async () => {
    const uri = fileUri(FILE);
    const isError = (ds: vscode.Diagnostic[]) => ds.some((d) => ruleCode(d) === RULE && d.severity === vscode.DiagnosticSeverity.Error);
    const raised = waitForFindings(uri, `${RULE} reported as an error`, isError);
    await rulesSetting().update('rules', { [RULE]: 'error' }, vscode.ConfigurationTarget.Workspace);
    await raised;
    const lowered = waitForFindings(uri, `${RULE} back to its default severity`, (ds) => !isError(ds) && ds.some((d) => ruleCode(d) === RULE));
    await rulesSetting().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await lowered;
  });
});
