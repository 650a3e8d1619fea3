import { ApiFailure, streamMessage, type ConnectionOptions, type FailureKind } from './anthropic';
import { runTool, toolSpecs, type ToolContext } from './tools';
import { addUsage, ZERO_USAGE, type ChatMessage, type ContentBlock, type TextBlock, type ToolResultBlock, type Usage } from './types';

export interface EngineOptions extends ConnectionOptions {
  model: string;
  maxTokens: number;
  /** Model requests per answer at most (each tool round is one). */
  maxToolRounds: number;
}

/** What the user can do about a failure. */
export type FailureAction = 'setApiKey' | 'retry';

export interface ChatFailure {
  kind: FailureKind;
  message: string;
  actions: FailureAction[];
}

export type ChatEvent =
  | { type: 'text'; text: string }
  | { type: 'toolStart'; id: string; name: string; input: unknown }
  | { type: 'toolEnd'; id: string; name: string; summary: string; refused: boolean }
  | { type: 'usage'; usage: Usage }
  | { type: 'done'; stopReason: string | null; usage: Usage }
  | { type: 'error'; error: ChatFailure; partial: boolean };

export interface TurnOutcome {
  status: 'done' | 'error' | 'cancelled';
  /** All the answer's text (what was streamed, also when it was cut short). */
  text: string;
  usage: Usage;
  error?: ChatFailure;
}

export interface TurnInput {
  /** The conversation so far, ending with a user message; the answer is appended to it in place. */
  history: ChatMessage[];
  system: TextBlock[];
  /** Omitted in an untrusted workspace: then the model gets no tools. */
  tools?: ToolContext;
  options: EngineOptions;
  onEvent: (e: ChatEvent) => void;
  signal?: AbortSignal;
}

/** Appends the user's text, merging into a trailing user message (tool results of a stopped answer). */
export function appendUserText(history: ChatMessage[], text: string): void {
  const last = history.at(-1);
  if (last?.role === 'user') last.content.push({ type: 'text', text });
  else history.push({ role: 'user', content: [{ type: 'text', text }] });
}

/** Replaces every occurrence of the key (it must never reach a message, a log or the webview). */
export function scrubKey(text: string, key: string): string {
  return key.length >= 8 ? text.split(key).join('[API key]') : text;
}

function failure(e: unknown, options: EngineOptions): ChatFailure {
  const f = e instanceof ApiFailure ? e : new ApiFailure('unknown', e instanceof Error ? e.message : String(e));
  const actions: FailureAction[] = f.kind === 'auth' ? ['setApiKey'] : f.kind === 'cancelled' || f.kind === 'bad_request' || f.kind === 'spend_limit' ? [] : ['retry'];
  return { kind: f.kind, message: scrubKey(f.message, options.apiKey), actions };
}

/** Tool results of questions older than this many are sent as a stub, so long conversations stay in context. */
export const KEEP_TOOL_RESULTS_OF_LAST_QUESTIONS = 3;
export const OMITTED_RESULT = '[tool result omitted from this older turn to save context; call the tool again if you need it]';

/** Indexes of the user messages that start a question (they hold text, not only tool results). */
function questionStarts(history: ChatMessage[]): number[] {
  return history.flatMap((m, i) => (m.role === 'user' && m.content.some((b) => b.type === 'text') ? [i] : []));
}

/**
 * The history as sent: tool results of older questions replaced by a stub (the stored history keeps them), and a
 * cache breakpoint on the last block so the next request reuses the prefix.
 */
export function requestMessages(history: ChatMessage[]): ChatMessage[] {
  const starts = questionStarts(history);
  const keepFrom = starts.length > KEEP_TOOL_RESULTS_OF_LAST_QUESTIONS ? starts[starts.length - KEEP_TOOL_RESULTS_OF_LAST_QUESTIONS] : 0;
  const copy = history.map((m, i) => ({
    ...m,
    content: m.content.map((b) => (i < keepFrom && b.type === 'tool_result' ? { ...b, content: OMITTED_RESULT } : b)),
  }));
  const last = copy.at(-1);
  const block = last?.content.at(-1);
  if (last && block && (block.type === 'text' || block.type === 'tool_result')) last.content[last.content.length - 1] = { ...block, cache_control: { type: 'ephemeral' } };
  return copy;
}

/**
 * Answers the last user message: streams the model's text, runs the tools it asks for (validated, confined,
 * redacted) and sends their results back until it stops asking, then reports usage. A stop (signal) ends the
 * stream and runs no further tool. Failures are reported, never thrown; the text streamed so far is kept.
 */
export async function runTurn(input: TurnInput): Promise<TurnOutcome> {
  const { history, options, onEvent, signal } = input;
  let usage: Usage = ZERO_USAGE;
  let text = '';
  const specs = input.tools ? toolSpecs() : undefined;
  const end = (status: TurnOutcome['status'], error?: ChatFailure): TurnOutcome => {
    if (error) onEvent({ type: 'error', error, partial: text.length > 0 });
    return { status, text, usage, error };
  };
  for (let round = 0; round < options.maxToolRounds; round++) {
    if (signal?.aborted) return end('cancelled');
    let result;
    try {
      result = await streamMessage(
        options,
        { model: options.model, maxTokens: options.maxTokens, system: input.system, tools: specs, messages: requestMessages(history) },
        (delta) => {
          text += delta;
          onEvent({ type: 'text', text: delta });
        },
        signal,
      );
    } catch (e) {
      const f = failure(e, options);
      return f.kind === 'cancelled' ? end('cancelled') : end('error', f);
    }
    usage = addUsage(usage, result.usage);
    onEvent({ type: 'usage', usage });
    history.push({ role: 'assistant', content: result.content });
    const calls = result.content.filter((b): b is Extract<ContentBlock, { type: 'tool_use' }> => b.type === 'tool_use');
    if (result.stopReason !== 'tool_use' || !calls.length) {
      onEvent({ type: 'done', stopReason: result.stopReason, usage });
      return end('done');
    }
    const results: ToolResultBlock[] = [];
    for (const call of calls) {
      if (signal?.aborted) {
        results.push({ type: 'tool_result', tool_use_id: call.id, content: 'Stopped by the user before this tool ran.', is_error: true });
        continue;
      }
      if (!input.tools) {
        const summary = `Did not run ${call.name}: the workspace is not trusted, so no file is read`;
        onEvent({ type: 'toolStart', id: call.id, name: call.name, input: call.input });
        onEvent({ type: 'toolEnd', id: call.id, name: call.name, summary, refused: true });
        results.push({ type: 'tool_result', tool_use_id: call.id, content: summary, is_error: true });
        continue;
      }
      onEvent({ type: 'toolStart', id: call.id, name: call.name, input: call.input });
      const out = await runTool(call.name, call.input, { ...input.tools, signal });
      onEvent({ type: 'toolEnd', id: call.id, name: call.name, summary: out.summary, refused: out.isError === true });
      results.push({ type: 'tool_result', tool_use_id: call.id, content: out.content, ...(out.isError ? { is_error: true } : {}) });
    }
    history.push({ role: 'user', content: results });
    if (signal?.aborted) return end('cancelled');
  }
  return end('error', { kind: 'unknown', message: `Stopped after ${options.maxToolRounds} tool rounds without a final answer.`, actions: ['retry'] });
}
