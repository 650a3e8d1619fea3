import type { ChatSettings } from '../core/config/chatSettings';
import { systemBlocks, workspaceBrief } from './brief';
import { appendUserText, runTurn, type ChatEvent, type EngineOptions, type TurnOutcome } from './engine';
import type { Persona } from './persona';
import type { ChatMessage } from './types';
import type { ChatWorkspace } from './workspace';

export const MAX_TOOL_ROUNDS = 24;

export function engineOptions(settings: ChatSettings, apiKey: string): EngineOptions {
  return {
    apiKey,
    baseURL: settings.baseUrl || undefined,
    model: settings.model,
    maxTokens: settings.maxTokens,
    maxRetries: settings.maxRetries,
    idleTimeoutMs: settings.idleTimeoutSeconds * 1000,
    totalTimeoutMs: settings.totalTimeoutSeconds * 1000,
    maxToolRounds: MAX_TOOL_ROUNDS,
  };
}

export interface AskInput {
  question: string;
  /** The conversation so far (API messages); the question and the answer are appended in place. */
  history: ChatMessage[];
  persona: Persona;
  ws: ChatWorkspace;
  /** False in an untrusted workspace: no tool reads files, the model is told why. */
  toolsEnabled: boolean;
  options: EngineOptions;
  allowSecretsFile?: (path: string) => Promise<boolean>;
  onEvent: (e: ChatEvent) => void;
  signal?: AbortSignal;
}

/** One question to a persona over the workspace: the system prompt is the persona plus the workspace brief. */
export async function ask(input: AskInput): Promise<TurnOutcome> {
  appendUserText(input.history, input.question);
  return retry(input);
}

/** Re-answers the last question after a failure (the history already ends with the user's message). */
export async function retry(input: Omit<AskInput, 'question'>): Promise<TurnOutcome> {
  const brief = await workspaceBrief(input.ws, input.toolsEnabled);
  return runTurn({
    history: input.history,
    system: systemBlocks(input.persona, brief),
    tools: input.toolsEnabled ? { ws: input.ws, allowSecretsFile: input.allowSecretsFile } : undefined,
    options: input.options,
    onEvent: input.onEvent,
    signal: input.signal,
  });
}
