/** Command handlers keyed by id, each made by a factory from the context it needs. */
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { ANALYZE_WORKSPACE_COMMAND } from '../../server/src/lsp/protocol';
import { COMMAND_IDS, type CommandName } from './commandIds';
import type { ServerLifecycle } from './serverLifecycle';

export interface CommandContext {
  readonly server: ServerLifecycle;
  readonly output: vscode.OutputChannel;
}

type Command = (...args: unknown[]) => unknown;
type CommandFactory = (ctx: CommandContext) => Command;

function analyzeWorkspace(ctx: CommandContext): Command {
  return async () => {
    const client = ctx.server.client;
    try {
      if (!client) throw new Error('the language server is not running');
      // Progress shows in the status bar item through the server's status notifications.
      await client.sendRequest(ExecuteCommandRequest.type, { command: ANALYZE_WORKSPACE_COMMAND, arguments: [] });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ctx.output.appendLine(`[Error] Analyze Workspace failed: ${reason}`);
      const restart = 'Restart Server';
      const choice = await vscode.window.showErrorMessage(`Backend Architect: analyzing the workspace failed: ${reason}`, restart);
      if (choice === restart) await ctx.server.restart();
    }
  };
}

function restartServer(ctx: CommandContext): Command {
  return () => ctx.server.restart();
}

function showOutput(ctx: CommandContext): Command {
  return () => ctx.output.show(true);
}

/** One handler per contributed command: the type makes a missing handler a compile error. */
export const COMMAND_FACTORIES: Record<CommandName, CommandFactory> = {
  analyzeWorkspace,
  restartServer,
  showOutput,
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return (Object.keys(COMMAND_FACTORIES) as CommandName[]).map((name) =>
    vscode.commands.registerCommand(COMMAND_IDS[name], COMMAND_FACTORIES[name](ctx)),
  );
}
