// Failures through the real SDK: stop, retries with retry-after, 401, 429/529/500 and the spend limit, a mid-stream error
// event, a stalled stream and an unreachable API.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, describe, test } from 'node:test';
import type { ChatEvent, TurnOutcome } from '../../server/src/chat/engine';
import { ask } from '../../server/src/chat/session';
import { splitJson, textAnswer, toolAnswer } from './fakeAnthropic';
import { API_KEY, options, useChatSession } from './helpers';

const s = useChatSession();

function run(over: Parameters<typeof options>[1] = {}, onEvent: (e: ChatEvent, stop: () => void) => void = () => {}, baseURL?: string) {
  const events: ChatEvent[] = [];
  const controller = new AbortController();
  const outcome = ask({
    question: 'q',
    history: [],
    persona: s.persona,
    ws: s.ws,
    toolsEnabled: true,
    options: options(baseURL ?? s.fake.url, over),
    onEvent: (e) => {
      events.push(e);
      onEvent(e, () => controller.abort());
    },
    signal: controller.signal,
  });
  return { events, outcome, stop: () => controller.abort() };
}

function assertNoKey(o: TurnOutcome, events: ChatEvent[]) {
  assert.ok(!JSON.stringify(o).includes(API_KEY), 'the key is not in the outcome');
  assert.ok(!JSON.stringify(events).includes(API_KEY), 'the key is not in any event');
}

describe('stop', () => {
  test('stop during a stream ends the answer, keeps its text and sends nothing more', async () => {
    s.fake.reply({ kind: 'sse', events: textAnswer(['partial ', 'never']).slice(0, 4), end: false });
    const { events, outcome } = run({}, (e, stop) => e.type === 'text' && stop());
    const o = await outcome;
    assert.equal(o.status, 'cancelled');
    assert.equal(o.text, 'partial ');
    assert.equal(s.fake.requests.length, 1);
    assert.ok(!events.some((e) => e.type === 'error'));
  });

  test('stop while a tool runs runs no further tool call and sends no further request', async () => {
    s.fake.reply(
      { kind: 'sse', events: toolAnswer([{ id: 'a', name: 'list_files', jsonPieces: ['{}'] }, { id: 'b', name: 'read_file', jsonPieces: splitJson({ path: 'README.md' }) }]) },
      { kind: 'sse', events: textAnswer(['must not be asked']) },
    );
    const { events, outcome } = run({}, (e, stop) => e.type === 'toolStart' && stop());
    const o = await outcome;
    assert.equal(o.status, 'cancelled');
    assert.deepEqual(events.filter((e) => e.type === 'toolStart').map((e) => (e as { name: string }).name), ['list_files']);
    assert.equal(s.fake.requests.length, 1);
  });
});

describe('retries', () => {
  test('a 429 with retry-after is retried after the time the API asked for, then answered', async () => {
    s.fake.reply({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } }, { kind: 'sse', events: textAnswer(['ok']) });
    const o = await run({ maxRetries: 2 }).outcome;
    assert.equal(o.status, 'done');
    assert.equal(s.fake.requests.length, 2);
    const waited = s.fake.requests[1].at - s.fake.requests[0].at;
    assert.ok(waited >= 950, `waited ${waited} ms, retry-after asked for 1000 ms`);
  });

  test('a 529 is retried by the SDK, and after the last retry the error says overloaded with Retry', async () => {
    const overloaded = { kind: 'status' as const, status: 529, headers: { 'retry-after-ms': '10' }, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } };
    s.fake.reply(overloaded, overloaded);
    const { events, outcome } = run({ maxRetries: 1 });
    const o = await outcome;
    assert.equal(s.fake.requests.length, 2);
    assert.equal(o.status, 'error');
    assert.equal(o.error?.kind, 'overloaded');
    assert.deepEqual(o.error?.actions, ['retry']);
    assert.match(o.error!.message, /overloaded \(529\) after 1 retries: Overloaded/);
    assertNoKey(o, events);
  });

  test('a 429 for the spend limit is not retried, says the spend limit is reached and offers no Retry', async () => {
    const message = 'You have reached your specified API usage limits. You will regain access on 2026-05-01 at 00:00 UTC.';
    s.fake.reply({ kind: 'status', status: 429, body: { type: 'error', error: { type: 'rate_limit_error', message, details: { error_code: 'enforced_spend_limit_reached' } } } });
    const { events, outcome } = run({ maxRetries: 2 });
    const o = await outcome;
    assert.equal(s.fake.requests.length, 1, 'not retried');
    assert.equal(o.error?.kind, 'spend_limit');
    assert.deepEqual(o.error?.actions, []);
    assert.match(o.error!.message, /spend limit is reached \(429\).*regain access on 2026-05-01/);
    assertNoKey(o, events);
  });

  test('a 429 after the last retry is a rate-limit error with Retry', async () => {
    s.fake.reply({ kind: 'status', status: 429, headers: { 'retry-after': '0' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'Too many' } } });
    const o = await run({ maxRetries: 0 }).outcome;
    assert.equal(o.error?.kind, 'rate_limit');
    assert.deepEqual(o.error?.actions, ['retry']);
  });
});

describe('errors', () => {
  test('a 401 asks for the API key, is not retried, and its message does not contain the key', async () => {
    s.fake.reply({ kind: 'status', status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } });
    const { events, outcome } = run({ maxRetries: 2 });
    const o = await outcome;
    assert.equal(s.fake.requests.length, 1);
    assert.equal(o.error?.kind, 'auth');
    assert.deepEqual(o.error?.actions, ['setApiKey']);
    assertNoKey(o, events);
  });

  test('an error event in the middle of a stream keeps the partial answer, marks it partial and offers Retry', async () => {
    s.fake.reply({ kind: 'sse', events: textAnswer(['Half of ', 'the answer']).slice(0, 5), errorEvent: { type: 'overloaded_error', message: 'Overloaded' } });
    const { events, outcome } = run();
    const o = await outcome;
    assert.equal(o.status, 'error');
    assert.equal(o.text, 'Half of the answer');
    const err = events.find((e) => e.type === 'error') as Extract<ChatEvent, { type: 'error' }>;
    assert.equal(err.partial, true);
    assert.deepEqual(err.error.actions, ['retry']);
    assert.match(err.error.message, /during the answer: Overloaded/);
  });

  test('a stream that stalls is stopped by the idle watchdog with a clear message', async () => {
    s.fake.reply({ kind: 'sse', events: textAnswer(['thinking']).slice(0, 4), end: false });
    const o = await run({ idleTimeoutMs: 300 }).outcome;
    assert.equal(o.error?.kind, 'idle_timeout');
    assert.match(o.error!.message, /No response from the API/);
    assert.equal(o.text, 'thinking');
  });

  test('an API that accepts the connection and never answers fails within the idle timeout', async () => {
    s.fake.reply({ kind: 'silent' });
    const o = await run({ idleTimeoutMs: 300, maxRetries: 2 }).outcome;
    assert.equal(o.error?.kind, 'idle_timeout');
  });

  test('an unreachable API is a network error with Retry', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { events, outcome } = run({ maxRetries: 0 }, () => {}, `http://127.0.0.1:${port}`);
    const o = await outcome;
    assert.equal(o.error?.kind, 'network');
    assert.deepEqual(o.error?.actions, ['retry']);
    assertNoKey(o, events);
  });

  test('a 500 before the stream is retried by the SDK, then answered', async () => {
    s.fake.reply({ kind: 'status', status: 500, headers: { 'retry-after-ms': '10' }, body: { type: 'error', error: { type: 'api_error', message: 'Internal' } } }, { kind: 'sse', events: textAnswer(['fine']) });
    const o = await run({ maxRetries: 1 }).outcome;
    assert.equal(s.fake.requests.length, 2);
    assert.equal(o.status, 'done');
    assert.equal(o.text, 'fine');
  });

  test('the total wait is bounded, retry waits included', async () => {
    s.fake.reply({ kind: 'status', status: 500, headers: { 'retry-after': '30' } }, { kind: 'sse', events: textAnswer(['late']) });
    const o = await run({ maxRetries: 2, totalTimeoutMs: 300 }).outcome;
    assert.equal(o.error?.kind, 'total_timeout');
  });
});
