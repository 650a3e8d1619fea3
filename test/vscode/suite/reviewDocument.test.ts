// Backend Architect: Review Architecture Document in VS Code: the review of the open folder as a Markdown document.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { extensionApi } from '../helpers';

describe('review architecture document', () => {
  it('opens the review of examples/shop as an untitled Markdown document beside the folder, with every checklist item', async () => {
    await extensionApi();
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('backendArchitect.reviewDocument');
    assert.ok(doc, 'the command returns the document it opened');
    assert.equal(doc.uri.scheme, 'untitled');
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.uri.path, /\/architecture-review\.md$/);
    const text = doc.getText();
    assert.match(text, /^# Architecture review: /);
    assert.equal((text.match(/^\| \d+ \| .* \| (\*\*met\*\*|\*\*not met\*\*|unknown) \|/gm) ?? []).length, 10);
    assert.match(text, /\[docker-compose\.yml:49\]\(docker-compose\.yml#L49\) shared-database/);
  });
});
