/**
 * The only module that imports @anthropic-ai/sdk: one streamed Messages API request with an idle watchdog, a
 * bounded total wait and cancellation, and SDK errors turned into plain `ApiFailure`s.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { ChatMessage, ContentBlock, TextBlock, ToolSpec, Usage } from './types';

export interface ConnectionOptions {
  apiKey: string;
  /** Gateway or proxy; the SDK default (api.anthropic.com) when empty. */
  baseURL?: string;
  /** Retries of the SDK for 408/409/429/5xx and connection errors (obeying retry-after). */
  maxRetries: number;
  /** No bytes from the API for this long while a request is in flight aborts it. */
  idleTimeoutMs: number;
  /** Bound on one request, retries and their waits included. */
  totalTimeoutMs: number;
}

export interface StreamRequest {
  model: string;
  maxTokens: number;
  system: TextBlock[];
  tools?: ToolSpec[];
  messages: ChatMessage[];
}

export interface StreamResult {
  content: ContentBlock[];
  stopReason: string | null;
  usage: Usage;
}

export type FailureKind = 'auth' | 'permission' | 'rate_limit' | 'spend_limit' | 'overloaded' | 'server' | 'bad_request' | 'network' | 'idle_timeout' | 'total_timeout' | 'cancelled' | 'stream_error' | 'unknown';

/** A failed request, described without anything from the request itself (so never the key). */
export class ApiFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** Arms while a request is in flight; each received chunk restarts it; fires `onIdle` after `ms` of silence. */
class Watchdog {
  private timer?: NodeJS.Timeout;
  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {}
  kick(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onIdle, this.ms);
  }
  stop(): void {
    clearTimeout(this.timer);
  }
}

/** A 429 for a spend limit: retrying fails until access resumes (the API sends no retry-after with it). */
function isSpendLimit(error: { message?: unknown; details?: { error_code?: unknown } } | undefined): boolean {
  if (error?.details?.error_code === 'enforced_spend_limit_reached') return true;
  return typeof error?.message === 'string' && /spend limit|usage limits/i.test(error.message);
}

/** Tells the SDK not to retry a spend-limit 429 (it honours x-should-retry). */
async function markSpendLimit(res: Response): Promise<Response> {
  const text = await res.text();
  let body: { error?: Parameters<typeof isSpendLimit>[0] } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const headers = new Headers(res.headers);
  if (isSpendLimit(body?.error)) headers.set('x-should-retry', 'false');
  return new Response(text, { status: res.status, statusText: res.statusText, headers });
}

function watchedFetch(dog: Watchdog): typeof fetch {
  return async (input, init) => {
    dog.kick();
    let res: Response;
    try {
      res = await fetch(input, init);
    } catch (e) {
      dog.stop();
      throw e;
    }
    if (!res.ok || !res.body) {
      dog.stop();
      return res.status === 429 ? markSpendLimit(res) : res;
    }
    const reader = res.body.getReader();
    dog.kick();
    const body = new ReadableStream<Uint8Array>({
      async pull(ctrl) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            dog.stop();
            ctrl.close();
          } else {
            dog.kick();
            ctrl.enqueue(value);
          }
        } catch (e) {
          dog.stop();
          ctrl.error(e);
        }
      },
      cancel(reason) {
        dog.stop();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

function usageOf(u: Anthropic.Usage | undefined): Usage {
  return {
    inputTokens: u?.input_tokens ?? 0,
    outputTokens: u?.output_tokens ?? 0,
    cacheReadTokens: u?.cache_read_input_tokens ?? 0,
    cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
  };
}

/** The API's own error message from an SDK error (its body), never the request. */
function apiMessage(e: InstanceType<typeof Anthropic.APIError>): string {
  const body = e.error as { error?: { message?: unknown; type?: unknown } } | undefined;
  const m = body?.error?.message;
  return typeof m === 'string' ? m.slice(0, 500) : `HTTP ${e.status ?? 'error'}`;
}

export function toFailure(e: unknown, reason: 'idle' | 'total' | 'cancel' | undefined, opts: ConnectionOptions): ApiFailure {
  if (reason === 'idle') return new ApiFailure('idle_timeout', `No response from the API for ${Math.round(opts.idleTimeoutMs / 1000)} s; the request was stopped.`);
  if (reason === 'total') return new ApiFailure('total_timeout', `The API did not finish within ${Math.round(opts.totalTimeoutMs / 1000)} s; the request was stopped.`);
  if (reason === 'cancel') return new ApiFailure('cancelled', 'Stopped.');
  if (e instanceof ApiFailure) return e;
  if (e instanceof Anthropic.APIUserAbortError) return new ApiFailure('cancelled', 'Stopped.');
  if (e instanceof Anthropic.APIConnectionError) return new ApiFailure('network', 'Could not reach the API (network error or wrong base URL).');
  if (e instanceof Anthropic.APIError) {
    const status = e.status;
    const type = (e.error as { error?: { type?: string } } | undefined)?.error?.type;
    const msg = apiMessage(e);
    if (status === undefined) return new ApiFailure(type === 'overloaded_error' ? 'overloaded' : 'stream_error', `The API reported an error during the answer: ${msg}`);
    if (status === 401) return new ApiFailure('auth', `The API rejected the API key (401): ${msg}`, status);
    if (status === 403) return new ApiFailure('permission', `The API key may not use this model or feature (403): ${msg}`, status);
    if (status === 429 && isSpendLimit((e.error as { error?: Parameters<typeof isSpendLimit>[0] } | undefined)?.error)) {
      return new ApiFailure('spend_limit', `The API spend limit is reached (429); retrying will not help until access resumes or the limit is raised: ${msg}`, status);
    }
    if (status === 429) return new ApiFailure('rate_limit', `Rate limited by the API (429) after ${opts.maxRetries} retries: ${msg}`, status);
    if (status === 529) return new ApiFailure('overloaded', `The API is overloaded (529) after ${opts.maxRetries} retries: ${msg}`, status);
    if (status >= 500) return new ApiFailure('server', `The API failed (${status}) after ${opts.maxRetries} retries: ${msg}`, status);
    return new ApiFailure('bad_request', `The API refused the request (${status}): ${msg}`, status);
  }
  return new ApiFailure('unknown', e instanceof Error ? e.message : String(e));
}

/**
 * Sends one request with `messages.stream`, calling `onText` for each text delta in order. Resolves with the
 * assistant's content blocks, or rejects with an ApiFailure (cancelled, idle, total timeout, HTTP or stream error).
 */
export async function streamMessage(opts: ConnectionOptions, req: StreamRequest, onText: (delta: string) => void, signal?: AbortSignal): Promise<StreamResult> {
  const controller = new AbortController();
  let reason: 'idle' | 'total' | 'cancel' | undefined;
  const stop = (r: typeof reason) => {
    reason ??= r;
    controller.abort();
  };
  const dog = new Watchdog(opts.idleTimeoutMs, () => stop('idle'));
  const total = setTimeout(() => stop('total'), opts.totalTimeoutMs);
  const onAbort = () => stop('cancel');
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort);
  const client = new Anthropic({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL || undefined,
    maxRetries: opts.maxRetries,
    timeout: opts.totalTimeoutMs,
    fetch: watchedFetch(dog),
    logLevel: 'off',
    openTelemetry: false,
  });
  try {
    if (reason) throw new ApiFailure('cancelled', 'Stopped.');
    const stream = client.messages.stream(
      {
        model: req.model,
        max_tokens: req.maxTokens,
        system: req.system as Anthropic.TextBlockParam[],
        messages: req.messages as Anthropic.MessageParam[],
        ...(req.tools?.length ? { tools: req.tools as Anthropic.Tool[] } : {}),
      },
      { signal: controller.signal },
    );
    for await (const ev of stream) {
      if (reason) break;
      if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') onText(ev.delta.text);
    }
    if (reason) throw new ApiFailure('cancelled', 'Stopped.');
    const message = await stream.finalMessage();
    if (reason) throw new ApiFailure('cancelled', 'Stopped.');
    const content: ContentBlock[] = [];
    for (const b of message.content) {
      if (b.type === 'text') content.push({ type: 'text', text: b.text });
      else if (b.type === 'tool_use') content.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input });
    }
    return { content, stopReason: message.stop_reason, usage: usageOf(message.usage) };
  } catch (e) {
    throw toFailure(e, reason, opts);
  } finally {
    dog.stop();
    clearTimeout(total);
    signal?.removeEventListener('abort', onAbort);
  }
}
