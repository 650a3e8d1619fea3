import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { HostToWebview, StateMessage } from '../../../client/src/chat/protocol';
import { FakeAnthropic, textAnswer } from '../../chat/fakeAnthropic';
import { extensionApi } from '../helpers';

/** The chat's test-only command (client/src/chat/commands.ts): what was posted to the webview; acting as the webview. */
const CHAT_TEST_COMMAND = 'backendArchitect.chat.testHook';
const KEY = 'sk-ant-integration-suite-0000';
const CHUNKS = ['The gateway calls ', 'orders without ', 'a timeout: add one.'];

const posted = async () => (await vscode.commands.executeCommand<HostToWebview[]>(CHAT_TEST_COMMAND, { kind: 'posted' })) ?? [];
const state = async () => vscode.commands.executeCommand<StateMessage>(CHAT_TEST_COMMAND, { kind: 'state' });
const asWebview = (message: unknown) => vscode.commands.executeCommand(CHAT_TEST_COMMAND, { kind: 'receive', message });
const chatSettings = () => vscode.workspace.getConfiguration('backendArchitect.chat');

describe('architect chat', () => {
  let fake: FakeAnthropic;

  before(async () => {
    await extensionApi();
    fake = await FakeAnthropic.start();
    // Only the user (global) value of chat.baseUrl counts, so a workspace cannot redirect the key elsewhere.
    await chatSettings().update('baseUrl', fake.url, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await chatSettings().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await fake?.close();
  });

  it('stores the key given to "Set Anthropic API Key" in SecretStorage', async () => {
    if (!process.env.ANTHROPIC_API_KEY) assert.equal((await state()).hasKey, false, 'no key before the command');
    await vscode.commands.executeCommand('backendArchitect.chat.setApiKey', KEY);
    assert.equal((await state()).hasKey, true);
  });

  it('opens the chat view and streams an answer from the Messages API into the webview, sent with the stored key', async () => {
    await vscode.commands.executeCommand('backendArchitect.chat.open');
    fake.reply({ kind: 'sse', events: textAnswer(CHUNKS) });
    const already = (await posted()).length;
    // Resolves once the answer has been handled (the controller awaits the whole turn).
    await asWebview({ type: 'send', text: 'Which outbound call can hang?' });

    assert.equal(fake.requests.length, 1, 'one request to the Messages API');
    const { authorization, 'x-api-key': apiKey } = fake.requests[0].headers;
    assert.ok(apiKey === KEY || authorization === `Bearer ${KEY}`, 'the key from SecretStorage is the one sent');
    assert.match(JSON.stringify(fake.requests[0].body.messages), /Which outbound call can hang\?/);

    const messages = (await posted()).slice(already);
    const deltas = messages.filter((m): m is Extract<HostToWebview, { type: 'text' }> => m.type === 'text').map((m) => m.text);
    assert.deepEqual(deltas, CHUNKS, 'each streamed chunk is posted to the webview as it arrives');
    const last = (await state()).items.at(-1);
    assert.equal(last?.role, 'assistant');
    assert.equal(last?.text, CHUNKS.join(''));
    assert.equal(last?.role === 'assistant' && last.status, 'done');
  });
});
