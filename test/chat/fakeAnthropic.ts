// A fake Messages API on 127.0.0.1: scripted SSE streams and errors, with every request body recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type SseEvent = { type: string; [k: string]: unknown };

export type Reply =
  /** A 200 stream of events; `end: false` leaves it open after the events (a stalled stream). */
  | { kind: 'sse'; events: SseEvent[]; end?: boolean; errorEvent?: { type: string; message: string } }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Accepts the request and never answers. */
  | { kind: 'silent' };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  raw: string;
  /** process.hrtime in ms when the request arrived. */
  at: number;
}

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0) => ({ input_tokens: input, output_tokens: output, cache_read_input_tokens: cacheRead, cache_creation_input_tokens: cacheWrite });

export function messageStart(id = 'msg_1', u = usage(100, 1, 80, 20)): SseEvent {
  return { type: 'message_start', message: { id, type: 'message', role: 'assistant', model: 'fake-model', content: [], stop_reason: null, stop_sequence: null, usage: u } };
}

/** Events of an answer made of text chunks. */
export function textAnswer(chunks: string[], outputTokens = 7): SseEvent[] {
  return [
    messageStart(),
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'ping' },
    ...chunks.map((text) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })),
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } },
    { type: 'message_stop' },
  ];
}

/** Events of an answer that calls tools; each tool's JSON input is sent in the given pieces (split mid-token). */
export function toolAnswer(calls: { id: string; name: string; jsonPieces: string[] }[], preface?: string): SseEvent[] {
  const events: SseEvent[] = [messageStart()];
  let index = 0;
  if (preface) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }, { type: 'content_block_delta', index, delta: { type: 'text_delta', text: preface } }, { type: 'content_block_stop', index });
    index++;
  }
  for (const c of calls) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: c.id, name: c.name, input: {} } });
    for (const partial_json of c.jsonPieces) events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } });
    events.push({ type: 'content_block_stop', index });
    index++;
  }
  events.push({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 12 } }, { type: 'message_stop' });
  return events;
}

/** Splits a tool input's JSON into pieces that cut through keys and values. */
export function splitJson(input: unknown): string[] {
  const s = JSON.stringify(input);
  const pieces: string[] = [];
  for (let i = 0; i < s.length; i += 3) pieces.push(s.slice(i, i + 3));
  return pieces;
}

export class FakeAnthropic {
  readonly requests: RecordedRequest[] = [];
  private readonly replies: Reply[] = [];
  private readonly sockets = new Set<Socket>();
  private waiters: (() => void)[] = [];
  private server?: Server;
  url = '';

  static async start(): Promise<FakeAnthropic> {
    const f = new FakeAnthropic();
    f.server = createServer((req, res) => void f.handle(req, res));
    f.server.on('connection', (s) => {
      f.sockets.add(s);
      s.on('close', () => f.sockets.delete(s));
    });
    await new Promise<void>((r) => f.server!.listen(0, '127.0.0.1', r));
    f.url = `http://127.0.0.1:${(f.server.address() as AddressInfo).port}`;
    return f;
  }

  reply(...replies: Reply[]): this {
    this.replies.push(...replies);
    return this;
  }

  /** Every byte of every request received so far. */
  allBodies(): string {
    return this.requests.map((r) => r.raw + JSON.stringify(r.headers)).join('\n');
  }

  /** Resolves once `n` requests have arrived. */
  waitForRequests(n: number): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(() => this.requests.length >= n && resolve()));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    this.requests.push({ path: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined, raw, at: performance.now() });
    for (const w of this.waiters) w();
    const reply = this.replies.shift();
    if (!reply) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'the fake has no reply scripted' } }));
      return;
    }
    if (reply.kind === 'silent') return;
    if (reply.kind === 'status') {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? { type: 'error', error: { type: 'api_error', message: `status ${reply.status}` } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const ev of reply.events) {
      res.write(`event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`);
      await new Promise((r) => setImmediate(r));
    }
    if (reply.errorEvent) {
      res.write(`event: error\ndata: ${JSON.stringify({ type: 'error', error: reply.errorEvent })}\n\n`);
      res.end();
      return;
    }
    if (reply.end !== false) res.end();
  }
}
