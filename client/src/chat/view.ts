/** The chat webview view: HTML with a strict CSP, media-only resources, zod-checked messages. */
import * as vscode from 'vscode';
import { applyAsDiff, copy, insertAtCursor, openLink, type ProposalProvider } from './actions';
import { chipForEditor } from './context';
import type { ChatController } from './controller';
import { chatHtml, makeNonce } from './html';
import { parseWebviewMessage, type DomReport, type WebviewToHost } from './protocol';

export const CHAT_VIEW_ID = 'backendArchitect.chat';

export class ChatViewProvider implements vscode.WebviewViewProvider {
  private view?: vscode.WebviewView;
  private markReady!: () => void;
  /** Resolves when the webview's script has run and said `ready` (so the CSP let it load); for the tests. */
  readonly webviewReady = new Promise<void>((resolve) => (this.markReady = resolve));
  /** Types of the messages the webview itself sent, in order (capped); for the tests. */
  readonly received: string[] = [];
  private readonly domWaiters: ((d: DomReport) => void)[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
    private readonly proposals: ProposalProvider,
    private readonly setApiKey: () => Promise<void>,
    private readonly log: (line: string) => void,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'client', 'media');
    // The script is bundled (markdown-it, highlight.js) into dist/webview: only that folder and the media are readable.
    const scripts = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media, scripts] };
    view.webview.html = chatHtml({
      cspSource: view.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'chat.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.css')).toString(),
    });
    view.webview.onDidReceiveMessage((raw) => {
      const type = (raw as { type?: unknown } | undefined)?.type;
      if (this.received.length < 1000) this.received.push(typeof type === 'string' ? type.slice(0, 50) : '?');
      if (type === 'ready') this.markReady();
      void this.receive(raw);
    });
    view.onDidDispose(() => {
      this.view = undefined;
      this.controller.attach(undefined);
    });
    this.controller.attach((m) => view.webview.postMessage(m));
  }

  /** Shows the view (creating it if needed). */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  /** What the webview has drawn (for the tests): it answers a `probe` after every message posted before it. */
  async probe(): Promise<DomReport> {
    const view = this.view;
    if (!view) return { type: 'dom', diagrams: [], notes: [], foreign: 0 };
    await this.webviewReady;
    return new Promise((resolve) => {
      this.domWaiters.push(resolve);
      void view.webview.postMessage({ type: 'probe' });
    });
  }

  /** A message from the webview (or from the test hook): validated, then handled. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log(`[chat] ignored a message from the webview: ${parsed.reason}`);
      return;
    }
    await this.handle(parsed.message);
  }

  private async handle(m: WebviewToHost): Promise<void> {
    const c = this.controller;
    switch (m.type) {
      case 'ready':
        return c.refresh();
      case 'send':
        return c.send(m.text);
      case 'stop':
        return c.stop();
      case 'retry':
        return c.retry();
      case 'setPersona':
        return c.setPersona(m.personaId, false);
      case 'delegate':
        return c.setPersona(m.personaId, true);
      case 'newConversation':
        return c.newConversation();
      case 'openConversation':
        return c.openConversation(m.id);
      case 'deleteConversation':
        return c.deleteConversation(m.id);
      case 'removeChip':
        return c.removeChip(m.id);
      case 'addActiveFile': {
        const editor = vscode.window.activeTextEditor;
        if (!editor) return c.notice('Open a file to attach it.');
        const chip = chipForEditor(editor);
        return typeof chip === 'string' ? c.notice(chip) : c.addChip(chip);
      }
      case 'toggleActiveFile':
        return c.toggleActiveFile();
      case 'copy':
        return copy(m.code);
      case 'insert':
        return insertAtCursor(m.code);
      case 'apply':
        return applyAsDiff(m.code, this.proposals);
      case 'openLink':
        return openLink(m.href);
      case 'dom':
        return this.domWaiters.splice(0).forEach((w) => w(m));
      case 'action':
        if (m.action === 'setApiKey') return this.setApiKey();
        if (m.action === 'retry') return c.retry();
        await vscode.commands.executeCommand('workbench.trust.manage');
        return;
    }
  }
}
