/** Creates the language client for the bundled server (dist/server.js). */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/lsp/protocol';
import { DOCUMENT_SELECTOR } from './documentSelector';

/** Also the settings section: the client reads `backendArchitect.trace.server`; the server pulls the rest. */
const CLIENT_ID = 'backendArchitect';
const CLIENT_NAME = 'Backend Architect';
const DEBUG_PORT = 6009;

function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath('dist/server.js');
  return {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] } },
  };
}

/**
 * Before the server has run once, a closed connection fails the start (the client reports that once) instead of
 * restarting in a loop; afterwards the library's default (restart up to 4 times in 3 minutes) applies, its giving
 * up is passed to `onGiveUp`, and connection errors are logged without stopping the client.
 */
function startAwareErrorHandler(onGiveUp: (message: string) => void): { handler: ErrorHandler; attach(client: LanguageClient): void } {
  let fallback: ErrorHandler | undefined;
  let hasRun = false;
  return {
    handler: {
      // A killed server fails the writes in flight (EPIPE) before its close is seen; the default handler counts those
      // and shuts the client down for good. Once the server has run, the close decides: restart, or give up.
      error: (error, message, count) => (hasRun ? { action: ErrorAction.Continue, handled: true } : fallback!.error(error, message, count)),
      closed: async () => {
        if (hasRun) {
          const result = await fallback!.closed();
          if (result.action === CloseAction.DoNotRestart) onGiveUp(result.message ?? 'The server crashed too often and will not be restarted.');
          return result;
        }
        // Let the pending start() reject first: the library drops its start promise once this handler returns.
        await new Promise((resolve) => setTimeout(resolve, 0));
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
    attach(client) {
      fallback = client.createDefaultErrorHandler();
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) hasRun = true;
      });
    },
  };
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, onGiveUp: (message: string) => void): LanguageClient {
  const errors = startAwareErrorHandler(onGiveUp);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // Failures are logged to the output channel; the status bar shows the state. No pop-up per logged error.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // No retry prompt: a failed initialize fails the start, which the client announces once.
    initializationFailedHandler: () => false,
    errorHandler: errors.handler,
    // Read at each (re)start: the server runs nothing from an untrusted workspace (Helm rendering).
    initializationOptions: (): InitializationOptions => ({ workspaceTrusted: vscode.workspace.isTrusted }),
  };
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(context), clientOptions);
  errors.attach(client);
  return client;
}
