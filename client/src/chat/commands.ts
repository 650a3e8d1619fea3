/** The chat's commands and its wiring: the view, code actions, the participant, the key and a test hook. */
import * as vscode from 'vscode';
import { PROPOSAL_SCHEME, ProposalProvider } from './actions';
import { ApiKeys } from './apiKey';
import { AskArchitectActions, DIAGNOSTIC_SOURCE, findingArgs, type FindingArgs } from './codeActions';
import { chipForEditor, chipForFinding } from './context';
import { ChatController } from './controller';
import { registerParticipant } from './participant';
import { EXPLAIN_FINDING, REVIEW_ARCHITECTURE, reviewFilePrompt } from './prompts';
import { ConversationStore } from './store';
import { CHAT_VIEW_ID, ChatViewProvider } from './view';

/** Used only by the integration tests: the messages posted to the webview, and a way to act as the webview. */
export const CHAT_TEST_COMMAND = 'backendArchitect.chat.testHook';

export interface ChatCommands {
  open(): Promise<void>;
  setApiKey(value?: unknown): Promise<void>;
  explainFinding(args?: unknown): Promise<void>;
  reviewFile(uri?: unknown): Promise<void>;
  reviewArchitecture(): Promise<void>;
  newConversation(): Promise<void>;
  attachActiveFile(): Promise<void>;
}

/** A command factory for commands.ts: calls the named chat command with the command's arguments. */
export function chatCommand(name: keyof ChatCommands) {
  return (ctx: { readonly chat?: ChatCommands }) =>
    (...args: unknown[]) =>
      (ctx.chat?.[name] as ((...a: unknown[]) => Promise<void>) | undefined)?.(...args);
}

function isFindingArgs(a: unknown): a is FindingArgs {
  const f = a as FindingArgs;
  return typeof f?.uri === 'string' && Array.isArray(f.range) && f.range.length === 4 && typeof f.ruleId === 'string' && typeof f.message === 'string';
}

export function registerChat(context: vscode.ExtensionContext, output: vscode.OutputChannel): { commands: ChatCommands; disposables: vscode.Disposable[] } {
  const log = (line: string) => output.appendLine(line);
  const keys = new ApiKeys(context.secrets);
  const controller = new ChatController(context.extensionUri, new ConversationStore(context.workspaceState), keys, log);
  const proposals = new ProposalProvider();
  const setApiKey = async (value?: unknown) => {
    if (await keys.prompt(typeof value === 'string' ? value : undefined)) await controller.refresh();
  };
  const provider = new ChatViewProvider(context.extensionUri, controller, proposals, setApiKey, log);
  const docsDir = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');

  const ask = async (text: string, withActiveFile = false, review = false) => {
    await provider.reveal();
    if (controller.busy) {
      void vscode.window.showInformationMessage('The architect is still answering: stop it or wait, then try again.');
      return;
    }
    await controller.send(text, withActiveFile, { review });
  };

  const commands: ChatCommands = {
    open: () => provider.reveal(),
    setApiKey,
    async explainFinding(args) {
      let finding = isFindingArgs(args) ? args : undefined;
      const editor = vscode.window.activeTextEditor;
      if (!finding && editor) {
        const d = vscode.languages.getDiagnostics(editor.document.uri).find((x) => x.source === DIAGNOSTIC_SOURCE && x.range.contains(editor.selection.active));
        if (d) finding = findingArgs(editor.document.uri, d);
      }
      if (!finding) {
        void vscode.window.showInformationMessage('Put the cursor on a Backend Architect finding, or use "Ask the architect" in its quick fixes.');
        return;
      }
      const [sl, sc, el, ec] = finding.range;
      controller.addChip(await chipForFinding({ uri: vscode.Uri.parse(finding.uri), range: new vscode.Range(sl, sc, el, ec), ruleId: finding.ruleId, message: finding.message }, docsDir));
      await ask(EXPLAIN_FINDING);
    },
    async reviewFile(uri) {
      const editor = uri instanceof vscode.Uri ? await vscode.window.showTextDocument(uri) : vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Open the file to review.');
        return;
      }
      editor.selection = new vscode.Selection(editor.selection.active, editor.selection.active);
      const chip = chipForEditor(editor);
      if (typeof chip === 'string') return void vscode.window.showWarningMessage(chip);
      controller.addChip(chip);
      await ask(reviewFilePrompt(chip.label));
    },
    // Grounded in the review document: the model gets its checklist, evidence and top risks with the question.
    reviewArchitecture: () => ask(REVIEW_ARCHITECTURE, false, true),
    async newConversation() {
      await provider.reveal();
      await controller.newConversation();
    },
    async attachActiveFile() {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const chip = chipForEditor(editor);
      await provider.reveal();
      if (typeof chip === 'string') controller.notice(chip);
      else controller.addChip(chip);
    },
  };

  // Any change on disk (saves, git checkouts, generated files) makes the next question scan again.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  const disposables: vscode.Disposable[] = [
    controller,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, proposals),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new AskArchitectActions(), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    keys.onDidChange(() => void controller.refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void controller.refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      controller.invalidateWorkspace();
      void controller.refresh();
    }),
    watcher,
    watcher.onDidChange(() => controller.invalidateWorkspace()),
    watcher.onDidCreate(() => controller.invalidateWorkspace()),
    watcher.onDidDelete(() => controller.invalidateWorkspace()),
    vscode.commands.registerCommand(CHAT_TEST_COMMAND, async (op: { kind: 'posted' } | { kind: 'state' } | { kind: 'receive'; message: unknown } | { kind: 'webviewReady' } | { kind: 'received' } | { kind: 'probe' }) => {
      if (op?.kind === 'posted') return controller.posted;
      if (op?.kind === 'webviewReady') return provider.webviewReady.then(() => true);
      if (op?.kind === 'received') return provider.received;
      if (op?.kind === 'state') return controller.state();
      if (op?.kind === 'receive') return provider.receive(op.message);
      if (op?.kind === 'probe') return provider.probe();
      return undefined;
    }),
  ];
  const participant = registerParticipant(context.extensionUri, keys);
  if (participant) disposables.push(participant);
  return { commands, disposables };
}
