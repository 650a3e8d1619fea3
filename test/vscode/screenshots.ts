/**
 * The screenshots' director, loaded as extensionTestsPath by scripts/vscode-server/screenshots.mjs: it serves
 * POST /scene/<name> on 127.0.0.1 (its port is printed to the console, which the browser side reads), sets the
 * workbench up for that scene, answers when it is ready, and ends on POST /done.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { FakeAnthropic, textAnswer } from '../chat/fakeAnthropic';
import { codeActionsWhen, extensionApi, fileUri, findings, ruleCode, waitFor, waitForFindings } from './helpers';

export const SHOT_PREFIX = '[ba-shot] ';
const CHAT_TEST_COMMAND = 'backendArchitect.chat.testHook';
const MAP_TEST_COMMAND = 'backendArchitect.map.testHook';

const QUESTION = 'orders and users share the postgres database. Does it matter, and what should I change first?';
const ANSWER = [
  'Yes. **orders** and **users** both write to the `shop` database, so a schema change in one can break the ',
  'other and neither can be deployed or scaled alone: the services are coupled through their data.\n\n',
  '**What I would change, in order**\n\n',
  '1. Stop the cross-service reads: orders gets a customer from the users API, with a timeout.\n',
  '2. Give each service its own database and credentials; move the tables with the service that owns them.\n',
  '3. Add a `healthcheck` to `postgres` and use `condition: service_healthy` in `depends_on`.\n\n',
  '```python\nresp = requests.get(f"{USERS_URL}/users/{user_id}", timeout=2)\n```\n\n',
  'Step 1 removes the hidden coupling before the data is split.',
];

const DIAGRAM_QUESTION = 'Draw how the shop is wired today and tell me the biggest risk.';
const DIAGRAM_ANSWER = [
  'How the compose file wires the shop today:\n\n',
  '```mermaid\nflowchart LR\n  client([Browser]) -->|HTTPS| gateway[gateway]\n  subgraph services [Services]\n',
  '    gateway --> orders(orders)\n    gateway --> users(users)\n    gateway --> payments(payments)\n',
  '    orders -->|REST, no timeout| users\n    users -.->|REST| orders\n    orders --> payments\n  end\n',
  '  orders -->|shop| postgres[(postgres)]\n  users -->|shop| postgres\n  users -->|cache| redis[(redis)]\n```\n\n',
  '**The biggest risk**: orders and users call each other *and* share the `shop` database, so they fail and ',
  'deploy together. Break the cycle first (users should not call orders), then split the data.',
];

async function clean(): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  for (const command of ['notifications.clearAll', 'workbench.action.closeAllEditors', 'workbench.action.closePanel', 'workbench.action.closeAuxiliaryBar']) {
    await vscode.commands.executeCommand(command).then(undefined, () => undefined);
  }
}

/** Opens a file with the cursor on its first finding of `rule`, once the server has analyzed the open version. */
async function showFinding(file: string, rule: string): Promise<vscode.TextEditor> {
  const uri = fileUri(file);
  const [first] = (await waitForFindings(uri, `${rule} in ${file}`, (ds) => ds.some((d) => ruleCode(d) === rule))).filter((d) => ruleCode(d) === rule);
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  editor.selection = new vscode.Selection(first.range.start, first.range.start);
  editor.revealRange(first.range, vscode.TextEditorRevealType.InCenter);
  // Code actions are offered for the open document's version: wait until the quick fix is there.
  await codeActionsWhen(uri, first.range, (actions) => actions.some((a) => !!a.edit));
  return editor;
}

/** Opens the architecture map in `theme` and resolves once the webview has drawn the shop. */
async function showMap(theme: string): Promise<void> {
  await clean();
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('backendArchitect.showArchitectureMap');
  const hook = <T>(op: unknown) => vscode.commands.executeCommand<T>(MAP_TEST_COMMAND, op);
  for (;;) {
    const renders = await hook<number>({ kind: 'renders' });
    const dom = await hook<{ state: string; nodes: unknown[] }>({ kind: 'probe' });
    if (dom.state === 'graph' && dom.nodes.length >= 7) return;
    await hook({ kind: 'waitRender', after: renders });
  }
}

/** Opens the chat beside the compose file and has it answer `question` with `answer` from a local fake API. */
async function showChat(question: string, answer: string[]): Promise<void> {
  await clean();
  await vscode.window.showTextDocument(fileUri('docker-compose.yml'), { preview: false });
  const fake = await FakeAnthropic.start();
  await vscode.workspace.getConfiguration('backendArchitect.chat').update('baseUrl', fake.url, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('backendArchitect.chat.setApiKey', 'sk-ant-screenshot-0000');
  await vscode.commands.executeCommand('backendArchitect.chat.open');
  await vscode.commands.executeCommand(CHAT_TEST_COMMAND, { kind: 'receive', message: { type: 'newConversation' } });
  fake.reply({ kind: 'sse', events: textAnswer(answer) });
  await vscode.commands.executeCommand(CHAT_TEST_COMMAND, { kind: 'receive', message: { type: 'send', text: question } });
  await fake.close();
}

/**
 * Runs Review Architecture Document as a user would: the Markdown source with its preview beside it. The side bar
 * is closed and the preview given the wider part, as someone reading the review would.
 */
async function showReview(): Promise<void> {
  await clean();
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('backendArchitect.reviewDocument');
  if (!doc) throw new Error('Review Architecture Document opened no document');
  await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 0.3 }, { size: 0.7 }] });
}

/** Scrolls the review's source to its checklist, once the preview is drawn: the preview follows the editor. */
async function scrollReviewToChecklist(): Promise<void> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith('/architecture-review.md'));
  const line = editor?.document.getText().split('\n').findIndex((l) => l.startsWith("## The architect's checklist")) ?? -1;
  if (!editor || line < 0) throw new Error('no review with a checklist is open');
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
}

const SCENES: Record<string, () => Promise<void>> = {
  mapLight: () => showMap('Default Light Modern'),
  mapDark: () => showMap('Default Dark Modern'),
  async problems() {
    await clean();
    await showFinding('orders/app.py', 'missing-timeout');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await waitFor('findings in several files', [vscode.languages.onDidChangeDiagnostics], () => vscode.languages.getDiagnostics().filter(([u]) => findings(u).length).length >= 3);
  },
  async quickfix() {
    await clean();
    await showFinding('orders/app.py', 'missing-timeout');
    await vscode.commands.executeCommand('editor.action.quickFix');
  },
  chat: () => showChat(QUESTION, ANSWER),
  chatDiagram: () => showChat(DIAGRAM_QUESTION, DIAGRAM_ANSWER),
  review: showReview,
  // A step of the review scene, asked for by the browser side once the preview is drawn.
  reviewChecklist: scrollReviewToChecklist,
};

export async function run(): Promise<void> {
  await extensionApi();
  await new Promise<void>((resolve, reject) => {
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const name = (req.url ?? '').replace(/^\/scene\//, '');
      if (req.url === '/done') {
        res.end('bye');
        server.close();
        resolve();
        return;
      }
      const scene = SCENES[name];
      if (!scene) return void res.writeHead(404).end(`no scene ${name}`);
      scene().then(
        () => res.end('ready'),
        (error) => res.writeHead(500).end(String(error instanceof Error ? error.stack : error)),
      );
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => console.log(`${SHOT_PREFIX}port ${(server.address() as AddressInfo).port}`));
  });
}
