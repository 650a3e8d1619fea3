/** Command handlers keyed by id, each made by a factory from the context it needs. */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, State, type LanguageClient } from 'vscode-languageclient/node';
import { ANALYZE_WORKSPACE_COMMAND } from '../../server/src/lsp/protocol';
import { chatCommand, type ChatCommands } from './chat/commands';
import { COMMAND_IDS, type CommandName } from './commandIds';
import { openReviewDocument } from './reviewDocument';
import type { MapPanel } from './map/panel';
import type { ServerLifecycle } from './serverLifecycle';

export interface CommandContext {
  readonly server: ServerLifecycle;
  readonly output: vscode.OutputChannel;
  readonly chat?: ChatCommands;
  readonly map?: MapPanel;
}

type Command = (...args: unknown[]) => unknown;
type CommandFactory = (ctx: CommandContext) => Command;

/** Asks the server to analyze the workspace; resolves to why that failed, or undefined. */
async function requestAnalysis(client: LanguageClient | undefined): Promise<string | undefined> {
  // A starting client queues the request; a stopped one would reject it with a less helpful message.
  if (!client || client.state === State.Stopped) return 'the language server is not running';
  try {
    await client.sendRequest(ExecuteCommandRequest.type, { command: ANALYZE_WORKSPACE_COMMAND, arguments: [] });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function analyzeWorkspace(ctx: CommandContext): Command {
  return async () => {
    // Progress shows in the status bar item through the server's status notifications.
    const failure = await requestAnalysis(ctx.server.client);
    if (failure === undefined) return;
    ctx.output.appendLine(`[Error] Analyze Workspace failed: ${failure}`);
    const restart = 'Restart Server';
    const choice = await vscode.window.showErrorMessage(`Backend Architect: analyzing the workspace failed: ${failure}.`, restart);
    if (choice === restart) await ctx.server.restart();
  };
}

function restartServer(ctx: CommandContext): Command {
  return () => ctx.server.restart();
}

function showOutput(ctx: CommandContext): Command {
  return () => ctx.output.show(true);
}

function reviewDocument(ctx: CommandContext): Command {
  return async () => {
    let outcome: Awaited<ReturnType<typeof openReviewDocument>>;
    try {
      outcome = await openReviewDocument(ctx.server.client);
    } catch (error) {
      outcome = error instanceof Error ? error.message : String(error);
    }
    if (typeof outcome !== 'string') return outcome;
    ctx.output.appendLine(`[Error] Review Architecture Document failed: ${outcome}`);
    void vscode.window.showErrorMessage(`Backend Architect: the review could not be written: ${outcome}.`);
    return undefined;
  };
}

/** One handler per contributed command: the type makes a missing handler a compile error. */
export const COMMAND_FACTORIES: Record<CommandName, CommandFactory> = {
  analyzeWorkspace,
  restartServer,
  showOutput,
  reviewDocument,
  chatOpen: chatCommand('open'),
  chatSetApiKey: chatCommand('setApiKey'),
  chatExplainFinding: chatCommand('explainFinding'),
  chatReviewFile: chatCommand('reviewFile'),
  chatReviewArchitecture: chatCommand('reviewArchitecture'),
  chatNewConversation: chatCommand('newConversation'),
  chatAttachActiveFile: chatCommand('attachActiveFile'),
  showArchitectureMap: (ctx) => () => ctx.map?.show(),
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return (Object.keys(COMMAND_FACTORIES) as CommandName[]).map((name) =>
    vscode.commands.registerCommand(COMMAND_IDS[name], COMMAND_FACTORIES[name](ctx)),
  );
}
