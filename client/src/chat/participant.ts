/**
 * `@architect` in VS Code's own chat, when that API exists (engines.vscode is ^1.82, so it is looked up at run
 * time). It answers with the same engine, persona, tools and refusals as the panel.
 */
import * as vscode from 'vscode';
import type { ChatEvent } from '../../../server/src/chat/engine';
import { DEFAULT_PERSONA, loadPersonas } from '../../../server/src/chat/persona';
import { parseChatSettings } from '../../../server/src/core/config/chatSettings';
import type { ApiKeys } from './apiKey';

interface ChatStream {
  markdown(text: string): void;
  progress?(text: string): void;
}
interface ChatApi {
  createChatParticipant(id: string, handler: (request: { prompt: string }, context: unknown, stream: ChatStream, token: vscode.CancellationToken) => Promise<unknown>): vscode.Disposable & { iconPath?: unknown };
}

export const PARTICIPANT_ID = 'backend-architect.architect';

export function registerParticipant(extensionUri: vscode.Uri, keys: ApiKeys): vscode.Disposable | undefined {
  const chat = (vscode as unknown as { chat?: Partial<ChatApi> }).chat;
  if (typeof chat?.createChatParticipant !== 'function') return undefined;
  try {
    return create(chat as ChatApi, extensionUri, keys);
  } catch {
    return undefined; // a VS Code whose chat API differs: the panel still works
  }
}

function create(chat: ChatApi, extensionUri: vscode.Uri, keys: ApiKeys): vscode.Disposable {
  const participant = chat.createChatParticipant(PARTICIPANT_ID, async (request, _context, stream, token) => {
    const key = await keys.get();
    if (!key) {
      stream.markdown('Set an Anthropic API key first: run **Backend Architect: Set Anthropic API Key**.');
      return {};
    }
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const { personas } = await loadPersonas(vscode.Uri.joinPath(extensionUri, 'personas').fsPath, folders);
    const persona = personas.find((p) => p.name === DEFAULT_PERSONA);
    if (!persona) return {};
    const c = vscode.workspace.getConfiguration('backendArchitect.chat');
    const { settings } = parseChatSettings({ model: c.get('model'), maxTokens: c.get('maxTokens'), baseUrl: c.inspect<string>('baseUrl')?.globalValue });
    const { ask, engineOptions, ChatWorkspace } = await import('./engineModules');
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const onEvent = (e: ChatEvent) => {
      if (e.type === 'text') stream.markdown(e.text);
      else if (e.type === 'toolEnd') stream.progress?.(e.summary);
      else if (e.type === 'error') stream.markdown(`\n\n**${e.partial ? 'The answer above is partial: ' : ''}${e.error.message}**`);
    };
    await ask({ question: request.prompt, history: [], persona, ws: await ChatWorkspace.open(folders), toolsEnabled: vscode.workspace.isTrusted, options: engineOptions(settings, key), onEvent, signal: abort.signal });
    return {};
  });
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'client', 'media', 'architect.svg');
  return participant;
}
