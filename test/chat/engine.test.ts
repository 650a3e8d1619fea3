// The chat engine through the real SDK against a fake Messages API: streaming, the tool loop, errors, usage.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { ChatEvent } from '../../server/src/chat/engine';
import { ask } from '../../server/src/chat/session';
import type { ChatMessage } from '../../server/src/chat/types';
import { splitJson, textAnswer, toolAnswer } from './fakeAnthropic';
import { API_KEY, options, useChatSession } from './helpers';

const s = useChatSession();

function run(question: string, over: Parameters<typeof options>[1] = {}, history: ChatMessage[] = []) {
  const events: ChatEvent[] = [];
  const outcome = ask({ question, history, persona: s.persona, ws: s.ws, toolsEnabled: true, options: options(s.fake.url, over), onEvent: (e) => events.push(e) });
  return { events, outcome };
}

describe('streaming', () => {
  test('streams the answer text in the order the API sent it and reports usage with cache tokens', async () => {
    const chunks = ['Use ', 'one database ', 'per service', '.'];
    s.fake.reply({ kind: 'sse', events: textAnswer(chunks) });
    const { events, outcome } = run('Should orders and payments share a database?');
    const o = await outcome;
    assert.equal(o.status, 'done');
    assert.deepEqual(events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text), chunks);
    assert.equal(o.text, chunks.join(''));
    assert.deepEqual(o.usage, { inputTokens: 100, outputTokens: 7, cacheReadTokens: 80, cacheWriteTokens: 20 });
    assert.equal(events.at(-1)?.type, 'done');
  });

  test('sends the persona and a cached workspace brief as the system prompt, and every tool with a JSON schema', async () => {
    s.fake.reply({ kind: 'sse', events: textAnswer(['ok']) });
    await run('hi').outcome;
    const body = s.fake.requests[0].body;
    assert.equal(body.model, 'fake-model');
    assert.equal(body.max_tokens, 1024);
    assert.equal(body.stream, true);
    assert.match(body.system[0].text, /Five checks before every answer/);
    assert.match(body.system[1].text, /### Datastores \(1\)\n- db: postgres/);
    assert.deepEqual(body.system[1].cache_control, { type: 'ephemeral' });
    assert.deepEqual(body.tools.map((t: { name: string }) => t.name), ['list_files', 'read_file', 'search_text', 'get_findings', 'get_architecture']);
    for (const t of body.tools) assert.equal(t.input_schema.type, 'object', t.name);
    assert.ok(!s.fake.allBodies().includes('hunter2pass'), 'the connection string password in the compose file is not sent');
  });

  test('a follow-up question sends the earlier turns and a cache breakpoint on the newest message', async () => {
    s.fake.reply({ kind: 'sse', events: textAnswer(['first']) }, { kind: 'sse', events: textAnswer(['second']) });
    const history: ChatMessage[] = [];
    await run('one', {}, history).outcome;
    await run('two', {}, history).outcome;
    const msgs = s.fake.requests[1].body.messages;
    assert.deepEqual(msgs.map((m: ChatMessage) => m.role), ['user', 'assistant', 'user']);
    assert.deepEqual(msgs[2].content.at(-1).cache_control, { type: 'ephemeral' });
    assert.equal(history.length, 4);
  });
});

describe('the tool loop', () => {
  test('runs tool calls whose JSON input arrives split mid-token, sends their results, and ends with the final answer', async () => {
    s.fake.reply(
      { kind: 'sse', events: toolAnswer([{ id: 'tu_1', name: 'read_file', jsonPieces: splitJson({ path: 'README.md', startLine: 1, endLine: 3 }) }], 'Let me look. ') },
      { kind: 'sse', events: toolAnswer([{ id: 'tu_2', name: 'get_architecture', jsonPieces: ['{', '}'] }, { id: 'tu_3', name: 'list_files', jsonPieces: splitJson({ glob: '**/*.yaml' }) }]) },
      { kind: 'sse', events: textAnswer(['The shop ', 'has one database.']) },
    );
    const { events, outcome } = run('Describe the shop');
    const o = await outcome;
    assert.equal(o.status, 'done');
    assert.equal(s.fake.requests.length, 3);
    const second = s.fake.requests[1].body.messages.at(-1);
    assert.equal(second.role, 'user');
    assert.equal(second.content[0].tool_use_id, 'tu_1');
    assert.match(second.content[0].content, /1\| # Shop/);
    const third = s.fake.requests[2].body.messages.at(-1).content;
    assert.match(third[0].content, /- db: postgres/);
    assert.match(third[1].content, /config\/app\.yaml/);
    const ends = events.filter((e) => e.type === 'toolEnd') as Extract<ChatEvent, { type: 'toolEnd' }>[];
    assert.deepEqual(ends.map((e) => e.name), ['read_file', 'get_architecture', 'list_files']);
    assert.ok(ends.every((e) => !e.refused));
    assert.equal(o.text, 'Let me look. The shop has one database.');
    assert.equal(o.usage.inputTokens, 300);
  });

  test('an invalid tool input is answered with the zod error, not run', async () => {
    s.fake.reply({ kind: 'sse', events: toolAnswer([{ id: 'tu_1', name: 'read_file', jsonPieces: ['{"pathh": "x"}'] }]) }, { kind: 'sse', events: textAnswer(['sorry']) });
    await run('read').outcome;
    const result = s.fake.requests[1].body.messages.at(-1).content[0];
    assert.equal(result.is_error, true);
    assert.match(result.content, /Invalid input for read_file/);
  });
});

describe('keys', () => {
  test('the API key is sent only as the credential header, never in a body or an event', async () => {
    s.fake.reply({ kind: 'sse', events: textAnswer(['ok']) });
    const { events } = run('hi');
    await s.fake.waitForRequests(1);
    await new Promise((r) => setImmediate(r));
    const req = s.fake.requests[0];
    assert.ok(!req.raw.includes(API_KEY));
    assert.ok(JSON.stringify(req.headers.authorization ?? req.headers['x-api-key']).includes(API_KEY));
    assert.ok(!JSON.stringify(events).includes(API_KEY));
  });
});

describe('long conversations', () => {
  test('tool results of older questions are sent as a stub, the recent ones in full', async () => {
    const history: ChatMessage[] = [];
    for (let i = 0; i < 4; i++) {
      s.fake.reply({ kind: 'sse', events: toolAnswer([{ id: `tu_${i}`, name: 'read_file', jsonPieces: splitJson({ path: 'README.md' }) }]) }, { kind: 'sse', events: textAnswer([`answer ${i}`]) });
      await run(`question ${i}`, {}, history).outcome;
    }
    const messages = s.fake.requests.at(-1)!.body.messages as ChatMessage[];
    const results = messages.flatMap((m) => m.content).filter((b) => b.type === 'tool_result') as { content: string }[];
    assert.equal(results.length, 4);
    assert.match(results[0].content, /omitted from this older turn/);
    for (const r of results.slice(1)) assert.match(r.content, /# Shop/);
    assert.match((history[2].content[0] as { content: string }).content, /# Shop/, 'the stored history keeps the full result');
  });
});
