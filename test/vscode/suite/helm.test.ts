import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { extensionApi, fileUri, ruleCode, waitForFindings, workspaceFolder } from '../helpers';

const CHART = 'charts/demo';
const FILES: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
  'values.yaml': 'image:\n  repository: acme/demo\n  tag: "1.2.3"\n',
  'templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: demo\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n',
};

function helmSettings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('backendArchitect.helm', workspaceFolder().uri);
}

describe('Helm rendering', () => {
  // A stand-in for helm outside the workspace: it leaves a mark if it ever runs.
  const bin = mkdtempSync(join(tmpdir(), 'ba-fake-helm-'));
  const helm = join(bin, 'helm');
  const ran = join(bin, 'ran');

  before(async () => {
    await extensionApi();
    writeFileSync(helm, `#!/bin/sh\ntouch '${ran}'\necho "Error: the fake helm refuses this chart" >&2\nexit 1\n`);
    chmodSync(helm, 0o755);
    for (const [rel, text] of Object.entries(FILES)) await vscode.workspace.fs.writeFile(fileUri(`${CHART}/${rel}`), Buffer.from(text));
  });

  after(async () => {
    await helmSettings().update('render', undefined, vscode.ConfigurationTarget.Global);
    await helmSettings().update('path', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(fileUri('charts'), { recursive: true });
    rmSync(bin, { recursive: true, force: true });
  });

  it('in the untrusted suite workspace, never runs the helm that the user settings name, and says why on Chart.yaml', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the suite workspace is not trusted (the runner never trusts it)');
    const chart = fileUri(`${CHART}/Chart.yaml`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(chart));
    // User settings: an untrusted workspace's own settings of these keys are ignored by VS Code.
    await helmSettings().update('path', helm, vscode.ConfigurationTarget.Global);
    await helmSettings().update('render', true, vscode.ConfigurationTarget.Global);
    const found = await waitForFindings(chart, 'the note that helm is not run', (ds) => ds.some((d) => ruleCode(d) === 'render-error'));
    const note = found.find((d) => ruleCode(d) === 'render-error')!;
    assert.match(note.message, /not trusted, so helm is not run/);
    assert.equal(note.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(existsSync(ran), false, 'helm did not run');
  });
});
