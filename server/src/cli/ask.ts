// `backend-architect ask "QUESTION"`: the persona's answer over a workspace, streamed to stdout.
import { stat } from '../core/fsAsync';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseChatSettings } from '../core/config/chatSettings';
import type { ChatEvent } from '../chat/engine';
import { DEFAULT_PERSONA, loadPersonas } from '../chat/persona';
import { builtinPersonaDir } from '../chat/personaDir';
import { ask, engineOptions } from '../chat/session';
import { ChatWorkspace } from '../chat/workspace';
import { CliError } from './errors';
import { printable } from './formatters/text';
import { TOOL_NAME } from './version';

export const ASK_USAGE = `Usage: ${TOOL_NAME} ask "QUESTION" [--workspace DIR] [--persona ID] [--model MODEL] [--max-tokens N]

Streams the architect persona's answer to stdout; the tool calls it makes (files read, searches, findings) and
the token usage go to stderr. Files with credentials (.env, keys, certificates) are never read.

Environment: ANTHROPIC_API_KEY (required), ANTHROPIC_BASE_URL (optional gateway or proxy).
Exit status: 0 answered, 1 the API failed or the answer was cut short, 2 usage error.
`;

export interface AskIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        workspace: { type: 'string', short: 'w' },
        persona: { type: 'string', short: 'p' },
        model: { type: 'string', short: 'm' },
        'max-tokens': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    const unknown = /^Unknown option '([^']+)'/.exec((e as Error).message);
    throw new CliError(unknown ? `ask: unknown option '${unknown[1]}'` : `ask: ${(e as Error).message.split('\n')[0]}`, [], true);
  }
}

export async function runAsk(args: string[], io: AskIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.out(ASK_USAGE);
    return 0;
  }
  const question = positionals.join(' ').trim();
  if (!question) throw new CliError('ask: no question given', [ASK_USAGE.split('\n')[0]]);
  const apiKey = io.env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) throw new CliError('ask: set ANTHROPIC_API_KEY to your Anthropic API key (nothing was sent)');
  const workspace = resolve(io.cwd, values.workspace ?? '.');
  if (!(await stat(workspace).catch(() => undefined))?.isDirectory()) throw new CliError(`ask: --workspace ${values.workspace} is not a directory`);
  const { settings, problems } = parseChatSettings({
    baseUrl: io.env.ANTHROPIC_BASE_URL || undefined,
    model: values.model,
    maxTokens: values['max-tokens'] === undefined ? undefined : Number(values['max-tokens']),
  });
  if (problems.length) throw new CliError(`ask: ${problems[0].replace(/^backendArchitect\.chat\.baseUrl/, 'ANTHROPIC_BASE_URL').replace(/; using the default$/, '')}`);

  const { personas, problems: personaProblems } = await loadPersonas(builtinPersonaDir(), [workspace]);
  for (const p of personaProblems) io.err(`${TOOL_NAME}: persona ${printable(p.path)}: ${printable(p.message)}\n`);
  const id = values.persona ?? DEFAULT_PERSONA;
  const persona = personas.find((p) => p.name === id);
  if (!persona) throw new CliError(`ask: unknown persona '${id}' (known: ${personas.map((p) => p.name).join(', ')})`);

  const ws = await ChatWorkspace.open([workspace]);
  let endsWithNewline = true;
  const onEvent = (e: ChatEvent) => {
    if (e.type === 'text') {
      io.out(e.text);
      endsWithNewline = e.text.endsWith('\n');
    } else if (e.type === 'toolStart') {
      if (!endsWithNewline) io.out('\n');
      endsWithNewline = true;
    } else if (e.type === 'toolEnd') {
      io.err(`[${e.name}] ${e.refused ? 'refused: ' : ''}${printable(e.summary)}\n`);
    }
  };
  const outcome = await ask({ question, history: [], persona, ws, toolsEnabled: true, options: engineOptions(settings, apiKey), onEvent, signal });
  if (!endsWithNewline) io.out('\n');
  const u = outcome.usage;
  io.err(`${TOOL_NAME}: tokens: ${u.inputTokens} in, ${u.outputTokens} out, ${u.cacheReadTokens} cache read, ${u.cacheWriteTokens} cache write\n`);
  if (outcome.status === 'cancelled') {
    io.err(`${TOOL_NAME}: stopped${outcome.text ? ' (the answer above is partial)' : ''}\n`);
    return 1;
  }
  if (outcome.error) {
    const hint = outcome.error.actions.includes('setApiKey') ? ' (check ANTHROPIC_API_KEY)' : outcome.error.actions.includes('retry') ? ' (try again)' : '';
    io.err(`${TOOL_NAME}: ${outcome.text ? 'the answer above is partial: ' : ''}${printable(outcome.error.message)}${hint}\n`);
    return 1;
  }
  return 0;
}
