// The architect chat inside VS Code: the panel's host side, driven through its test hook against the fake
// Messages API (started here, in the extension host) with the base URL in user settings and a key in the env.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { HostToWebview, StateMessage } from '../../../client/src/chat/protocol';
import { FakeAnthropic, splitJson, textAnswer, toolAnswer } from '../../chat/fakeAnthropic';
import { extensionApi } from '../helpers';

const HOOK = 'backendArchitect.chat.testHook';
const KEY = 'sk-ant-vscode-suite-key-0123456789';
const hook = <T>(op: unknown) => vscode.commands.executeCommand<T>(HOOK, op);
const state = () => hook<StateMessage>({ kind: 'state' });
const posted = () => hook<HostToWebview[]>({ kind: 'posted' });

describe('architect chat', () => {
  let fake: FakeAnthropic;
  const chat = () => vscode.workspace.getConfiguration('backendArchitect.chat');

  before(async () => {
    await extensionApi();
    fake = await FakeAnthropic.start();
    process.env.ANTHROPIC_API_KEY = KEY;
    await chat().update('baseUrl', fake.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('backendArchitect.chat.open');
    await hook({ kind: 'receive', message: { type: 'newConversation' } });
  });

  after(async () => {
    await chat().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    delete process.env.ANTHROPIC_API_KEY;
    await fake?.close();
  });

  it('lists the shipped personas and knows a key is set', async () => {
    await hook({ kind: 'receive', message: { type: 'ready' } });
    const s = await state();
    assert.deepEqual(s.personas.map((p) => p.id).sort(), ['backend-architect', 'database-architect', 'performance-engineer', 'security-auditor']);
    assert.equal(s.hasKey, true);
    assert.ok(!JSON.stringify(s).includes(KEY));
  });

  it('streams an answer to the webview in order, after a tool call, and saves it with its usage', async () => {
    fake.reply({ kind: 'sse', events: toolAnswer([{ id: 't1', name: 'read_file', jsonPieces: splitJson({ path: '.env' }) }]) }, { kind: 'sse', events: textAnswer(['One ', 'database ', 'per service.']) });
    const before = (await posted()).length;
    await hook({ kind: 'receive', message: { type: 'send', text: 'Should orders and users share postgres?' } });
    const sent = (await posted()).slice(before);
    assert.deepEqual(sent.filter((m) => m.type === 'text').map((m) => (m as { text: string }).text), ['One ', 'database ', 'per service.']);
    const tool = sent.find((m) => m.type === 'tool' && !m.tool.running) as Extract<HostToWebview, { type: 'tool' }>;
    assert.equal(tool.tool.refused, true, 'the .env read was refused');
    const last = (await state()).items.at(-1)!;
    assert.equal(last.role, 'assistant');
    assert.equal(last.role === 'assistant' && last.status, 'done');
    assert.equal(last.role === 'assistant' && last.text, 'One database per service.');
    assert.ok(last.role === 'assistant' && last.usage && last.usage.cacheReadTokens > 0);
    assert.ok(!fake.allBodies().includes(KEY) || fake.requests.every((r) => !r.raw.includes(KEY)));
    assert.ok(!JSON.stringify(await posted()).includes(KEY), 'the key never reaches the webview');
  });

  it('keeps a partial answer and offers Retry when the stream fails midway, then retries', async () => {
    fake.reply({ kind: 'sse', events: textAnswer(['Half']).slice(0, 4), errorEvent: { type: 'overloaded_error', message: 'Overloaded' } }, { kind: 'sse', events: textAnswer(['Whole answer.']) });
    await hook({ kind: 'receive', message: { type: 'send', text: 'Another question' } });
    let last = (await state()).items.at(-1)!;
    assert.ok(last.role === 'assistant' && last.status === 'partial' && last.text === 'Half' && last.error?.actions.includes('retry'));
    await hook({ kind: 'receive', message: { type: 'retry' } });
    last = (await state()).items.at(-1)!;
    assert.ok(last.role === 'assistant' && last.status === 'done' && last.text === 'Whole answer.');
  });

  it('asks for the key on a 401 without showing it', async () => {
    fake.reply({ kind: 'status', status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } });
    await hook({ kind: 'receive', message: { type: 'send', text: 'Third question' } });
    const last = (await state()).items.at(-1)!;
    assert.ok(last.role === 'assistant' && last.error?.actions.includes('setApiKey'));
    assert.ok(!JSON.stringify(last).includes(KEY));
  });

  it('hands the conversation to a delegate persona with its history', async () => {
    await hook({ kind: 'receive', message: { type: 'delegate', personaId: 'database-architect' } });
    assert.equal((await state()).personaId, 'database-architect');
    fake.reply({ kind: 'sse', events: textAnswer(['Schema.']) });
    const n = fake.requests.length;
    await hook({ kind: 'receive', message: { type: 'send', text: 'Design the schema' } });
    const body = fake.requests[n].body;
    assert.match(body.system[0].text, /# Database architect/);
    assert.ok(body.messages.length > 1, 'the earlier turns went along');
  });

  it('ignores a webview message its schema rejects', async () => {
    const n = (await state()).items.length;
    await hook({ kind: 'receive', message: { type: 'send', text: '', extra: 1 } });
    assert.equal((await state()).items.length, n);
  });
});
