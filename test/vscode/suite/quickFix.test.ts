import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeActionsWhen, extensionApi, fileUri, findings, ruleCode, waitForFindings } from '../helpers';

/** Our code actions at a finding, as the lightbulb gets them (see codeActionsWhen). */
function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return codeActionsWhen(uri, diagnostic.range, (actions) => actions.some(isOurs));
}

/**
 * The command's results do not carry `diagnostics`: ours are the quick fixes with an edit at the finding's range
 * (the workbench adds its own AI "Fix"/"Explain" actions, which have a command and no edit).
 */
function isOurs(action: vscode.CodeAction): boolean {
  return !!action.edit && !!action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind);
}

function isSuppression(action: vscode.CodeAction): boolean {
  return /^Suppress /.test(action.title);
}

describe('quick fixes', () => {
  before(async () => {
    await extensionApi();
  });

  it('applies the missing-timeout quick fix from executeCodeActionProvider and its finding disappears', async () => {
    const uri = fileUri('orders/app.py');
    const initial = await waitForFindings(uri, 'missing-timeout findings in orders/app.py', (ds) => ds.some((d) => ruleCode(d) === 'missing-timeout'));
    const timeouts = initial.filter((d) => ruleCode(d) === 'missing-timeout');
    const target = timeouts[0];
    const actions = await quickFixesFor(uri, target);
    const fix = actions.find((a) => isOurs(a) && !isSuppression(a));
    assert.ok(fix, `a quick fix for the finding; offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true, 'the fix is the preferred action');
    assert.ok(actions.some((a) => isOurs(a) && a.title === 'Suppress missing-timeout on this line'), 'a "Suppress" action is offered too');

    const fixed = waitForFindings(uri, 'one missing-timeout finding fewer', (ds) => ds.filter((d) => ruleCode(d) === 'missing-timeout').length === timeouts.length - 1);
    if (fix.edit) assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'the edit applies');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    const after = await fixed;
    const line = target.range.start.line;
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.lineAt(line).text + document.getText(new vscode.Range(line, 0, line + 3, 0)), /timeout=/);
    assert.ok(!after.some((d) => ruleCode(d) === 'missing-timeout' && d.range.start.line === line), 'no finding left on the fixed call');
    await document.save();
  });

  it('applies the missing-healthcheck quick fix to the compose file and its finding disappears', async () => {
    const uri = fileUri('docker-compose.yml');
    const initial = await waitForFindings(uri, 'missing-healthcheck findings', (ds) => ds.some((d) => ruleCode(d) === 'missing-healthcheck'));
    const count = initial.filter((d) => ruleCode(d) === 'missing-healthcheck').length;
    // The first finding that has a fix (a datastore without a known probe has only "Suppress").
    let fix: vscode.CodeAction | undefined;
    for (const d of initial.filter((x) => ruleCode(x) === 'missing-healthcheck')) {
      fix = (await quickFixesFor(uri, d)).find((a) => isOurs(a) && !isSuppression(a));
      if (fix) break;
    }
    assert.ok(fix?.edit, 'a quick fix with an edit');
    const fixed = waitForFindings(uri, 'one missing-healthcheck finding fewer', (ds) => ds.filter((d) => ruleCode(d) === 'missing-healthcheck').length === count - 1);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    await fixed;
    assert.match((await vscode.workspace.openTextDocument(uri)).getText(), /healthcheck:/);
    assert.equal(findings(uri, 'parse-error').length, 0, 'the fixed file still parses');
  });
});
