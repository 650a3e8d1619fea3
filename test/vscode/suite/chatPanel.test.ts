// The chat panel's host side in VS Code, driven through its test hook against the fake Messages API: personas,
// refused reads, a partial answer and Retry, a 401, hand-off to a delegate, and messages the schema rejects.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { DomReport, HostToWebview, StateMessage } from '../../../client/src/chat/protocol';
import { FakeAnthropic, splitJson, textAnswer, toolAnswer } from '../../chat/fakeAnthropic';
import { extensionApi } from '../helpers';

const HOOK = 'backendArchitect.chat.testHook';
const ENV_KEY = 'sk-ant-vscode-panel-suite-0123456789';
const hook = <T>(op: unknown) => vscode.commands.executeCommand<T>(HOOK, op);
const state = () => hook<StateMessage>({ kind: 'state' });
const posted = async () => (await hook<HostToWebview[]>({ kind: 'posted' })) ?? [];
const send = (text: string) => hook({ kind: 'receive', message: { type: 'send', text } });
const lastItem = async () => (await state()).items.at(-1)!;

describe('architect chat panel', () => {
  let fake: FakeAnthropic;
  let hadEnvKey: string | undefined;
  const chat = () => vscode.workspace.getConfiguration('backendArchitect.chat');
  /** The key the requests carried (a stored key wins over ANTHROPIC_API_KEY). */
  const usedKey = () => String(fake.requests[0]?.headers.authorization ?? fake.requests[0]?.headers['x-api-key'] ?? '').replace(/^Bearer /, '');

  before(async () => {
    await extensionApi();
    fake = await FakeAnthropic.start();
    hadEnvKey = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY ??= ENV_KEY;
    await chat().update('baseUrl', fake.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('backendArchitect.chat.open');
    await hook({ kind: 'receive', message: { type: 'newConversation' } });
    await hook({ kind: 'receive', message: { type: 'ready' } });
  });

  after(async () => {
    await chat().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    if (hadEnvKey === undefined) delete process.env.ANTHROPIC_API_KEY;
    await fake?.close();
  });

  it('loads the webview script under its CSP: the webview itself says ready', async () => {
    assert.equal(await hook<boolean>({ kind: 'webviewReady' }), true);
    assert.ok((await hook<string[]>({ kind: 'received' })).includes('ready'));
  });

  it('lists the shipped personas with their delegates', async () => {
    const s = await state();
    assert.deepEqual(s.personas.map((p) => p.id).sort(), ['backend-architect', 'database-architect', 'performance-engineer', 'security-auditor']);
    assert.deepEqual(s.personas.find((p) => p.id === 'backend-architect')?.delegates.map((d) => d.persona), ['database-architect', 'security-auditor', 'performance-engineer']);
    assert.equal(s.hasKey, true);
  });

  it('shows a refused read in the transcript (.env, or any file when the workspace is untrusted), streams the answer in order, and never posts the key', async () => {
    fake.reply({ kind: 'sse', events: toolAnswer([{ id: 't1', name: 'read_file', jsonPieces: splitJson({ path: '.env' }) }]) }, { kind: 'sse', events: textAnswer(['One ', 'database ', 'per service.']) });
    const before = (await posted()).length;
    await send('Should orders and users share postgres?');
    const sent = (await posted()).slice(before);
    assert.deepEqual(sent.filter((m) => m.type === 'text').map((m) => (m as { text: string }).text), ['One ', 'database ', 'per service.']);
    const tool = sent.find((m) => m.type === 'tool' && !m.tool.running) as Extract<HostToWebview, { type: 'tool' }> | undefined;
    assert.equal(tool?.tool.refused, true, JSON.stringify(sent.filter((m) => m.type !== 'state')));
    const last = await lastItem();
    assert.ok(last.role === 'assistant' && last.status === 'done' && last.text === 'One database per service.' && last.usage !== undefined);
    assert.ok(usedKey().length > 8);
    assert.ok(!JSON.stringify(await posted()).includes(usedKey()), 'the key never reaches the webview');
  });

  it('keeps a partial answer with Retry when the stream fails midway, and Retry answers again', async () => {
    fake.reply({ kind: 'sse', events: textAnswer(['Half']).slice(0, 4), errorEvent: { type: 'overloaded_error', message: 'Overloaded' } }, { kind: 'sse', events: textAnswer(['Whole answer.']) });
    await send('Another question');
    let last = await lastItem();
    assert.ok(last.role === 'assistant' && last.status === 'partial' && last.text === 'Half' && last.error?.actions.includes('retry'), JSON.stringify(last));
    await hook({ kind: 'receive', message: { type: 'retry' } });
    last = await lastItem();
    assert.ok(last.role === 'assistant' && last.status === 'done' && last.text === 'Whole answer.', JSON.stringify(last));
  });

  it('offers "Set API key" on a 401 and its message does not contain the key', async () => {
    fake.reply({ kind: 'status', status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } });
    await send('Third question');
    const last = await lastItem();
    assert.ok(last.role === 'assistant' && last.error?.actions.includes('setApiKey'), JSON.stringify(last));
    assert.ok(!JSON.stringify(last).includes(usedKey()));
  });

  it('hands the conversation to a delegate persona, which answers with the earlier turns as context', async () => {
    await hook({ kind: 'receive', message: { type: 'delegate', personaId: 'database-architect' } });
    assert.equal((await state()).personaId, 'database-architect');
    fake.reply({ kind: 'sse', events: textAnswer(['Schema.']) });
    const n = fake.requests.length;
    await send('Design the schema');
    const body = fake.requests[n].body;
    assert.match(body.system[0].text, /# Database architect/);
    assert.ok(body.messages.length > 1, 'the earlier turns went along');
  });

  it('grounds Review Architecture in the review document: the request carries its checklist and top risks', async () => {
    fake.reply({ kind: 'sse', events: textAnswer(['| Item | Verdict |\n| --- | --- |\n| Boundaries | not met |\n']) });
    const n = fake.requests.length;
    await vscode.commands.executeCommand('backendArchitect.chat.reviewArchitecture');
    const body = fake.requests[n].body as { messages: { role: string; content: { type: string; text?: string }[] }[] };
    const sent = body.messages.at(-1)!.content.map((b) => b.text ?? '').join('\n');
    assert.match(sent, /<architecture-review source="Backend Architect analyzer">/);
    assert.match(sent, /## The architect's checklist/);
    assert.match(sent, /## Top risks/);
    const last = await lastItem();
    assert.equal(last.role === 'assistant' && last.status, 'done');
  });

  it('draws a Mermaid flowchart in an answer as an SVG image in the webview, and leaves a sequence diagram as source with a note', async () => {
    const flowchart = '```mermaid\nflowchart LR\n  gw[API gateway] -->|HTTP| orders(Orders)\n  orders --> db[(orders-db)]\n  gw --> evil["<img src=x onerror=alert(1)>"]\n```';
    fake.reply({ kind: 'sse', events: textAnswer(['The map:\n\n', flowchart, '\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n']) });
    await vscode.commands.executeCommand('backendArchitect.chat.open');
    await send('Draw the system');
    const last = await lastItem();
    assert.ok(last.role === 'assistant' && last.status === 'done', JSON.stringify(last));
    // The webview answers a probe after the messages posted before it: the last state is drawn by then.
    const dom = await hook<DomReport>({ kind: 'probe' });
    assert.equal(dom.diagrams.length, 1, JSON.stringify(dom));
    const [drawn] = dom.diagrams;
    assert.deepEqual(drawn.nodes, ['API gateway', 'Orders', 'orders-db', '<img src=x onerror=alert(1)>']);
    assert.equal(drawn.edges, 3);
    assert.match(drawn.label, /^Flowchart, left to right, 4 nodes: API gateway, Orders, orders-db/);
    assert.ok(drawn.width > 100, `drawn ${drawn.width} px wide`);
    assert.equal(dom.foreign, 0, 'a label with markup stays text');
    assert.deepEqual(dom.notes, ['Not drawn: sequenceDiagram diagrams are not drawn here, only flowcharts. The source:']);
  });

  it('ignores a webview message its schema rejects', async () => {
    const n = (await state()).items.length;
    await hook({ kind: 'receive', message: { type: 'send', text: 'x', command: 'workbench.action.terminal.new' } });
    await hook({ kind: 'receive', message: { type: 'runCommand' } });
    assert.equal((await state()).items.length, n);
  });
});
