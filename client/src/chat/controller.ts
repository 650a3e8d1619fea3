/** The chat panel's host side: conversations, personas, context, and runs of the shared engine. */
import * as vscode from 'vscode';
import { parseChatSettings, type ChatSettings } from '../../../server/src/core/config/chatSettings';
import type { ChatEvent, TurnOutcome } from '../../../server/src/chat/engine';
import { DEFAULT_PERSONA, loadPersonas, type Persona } from '../../../server/src/chat/persona';
import type { AskInput } from '../../../server/src/chat/session';
import type { ChatWorkspace } from '../../../server/src/chat/workspace';
import { ActiveFileContext } from './activeFile';
import type { ApiKeys } from './apiKey';
import { mentionChips, type ContextChip } from './context';
import { HostToWebviewSchema, type HostToWebview, type Item, type StateMessage } from './protocol';
import { ConversationStore, newConversation, type Conversation } from './store';

type Assistant = Extract<Item, { role: 'assistant' }>;
export const MAX_POSTED_LOG = 1000;

export class ChatController implements vscode.Disposable {
  private conv: Conversation;
  private personas: Persona[] = [];
  private personaNotices: string[] = [];
  private chips: ContextChip[] = [];
  private notices: string[] = [];
  private running?: AbortController;
  private hasKey = false;
  private post?: (m: HostToWebview) => Thenable<boolean>;
  private saveTimer?: NodeJS.Timeout;
  /** Scanned once and reused by later questions (same brief, so the prompt cache hits) until files change. */
  private workspace?: Promise<ChatWorkspace>;
  private readonly active = new ActiveFileContext(() => this.sendState());
  /** Every message posted to the webview (capped), for the integration tests. */
  readonly posted: HostToWebview[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ConversationStore,
    private readonly keys: ApiKeys,
    private readonly log: (line: string) => void,
  ) {
    const last = store.list()[0];
    this.conv = (last && store.restore(last.id)) ?? newConversation(DEFAULT_PERSONA);
  }

  /** Files changed: the next question scans the workspace again. */
  invalidateWorkspace(): void {
    this.workspace = undefined;
  }

  private async openWorkspace(): Promise<ChatWorkspace> {
    const { ChatWorkspace } = await import('./engineModules');
    this.workspace ??= ChatWorkspace.open(this.folders());
    return this.workspace.catch((e) => {
      this.workspace = undefined;
      throw e;
    });
  }

  dispose(): void {
    this.active.dispose();
    this.running?.abort();
    clearTimeout(this.saveTimer);
  }

  /** Connects a webview (or nothing); the state is sent right away. */
  attach(post: ((m: HostToWebview) => Thenable<boolean>) | undefined): void {
    this.post = post;
    if (post) void this.refresh();
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  async refresh(): Promise<void> {
    const folders = this.folders();
    const { personas, problems } = await loadPersonas(vscode.Uri.joinPath(this.extensionUri, 'personas').fsPath, folders);
    this.personas = personas;
    this.personaNotices = problems.map((p) => `Persona ${vscode.workspace.asRelativePath(p.path)} is invalid and was not loaded: ${p.message}`);
    this.hasKey = (await this.keys.get()) !== undefined;
    this.sendState();
  }

  state(): StateMessage {
    const trustNotice = vscode.workspace.isTrusted ? [] : ['This workspace is not trusted, so the architect cannot read its files: it answers from the analysis only. Trust the workspace to let it read files.'];
    return {
      type: 'state',
      conversationId: this.conv.id,
      personaId: this.conv.personaId,
      items: this.conv.items,
      personas: this.personas.map((p) => ({ id: p.name, description: p.description.slice(0, 2000), source: p.source, delegates: p.delegates })),
      conversations: this.store.list().map((c) => ({ id: c.id, title: c.title.slice(0, 200), updatedAt: c.updatedAt })),
      chips: this.chips.map(({ id, kind, label }) => ({ id, kind, label: label.slice(0, 300) })),
      ...this.activeState(),
      model: this.settings().model,
      busy: this.busy,
      trusted: vscode.workspace.isTrusted,
      hasKey: this.hasKey,
      notices: [...trustNotice, ...this.personaNotices, ...this.notices].slice(0, 50),
    };
  }

  private activeState(): Pick<StateMessage, 'active'> {
    const chip = this.active.chip();
    if (!chip || chip.kind === 'finding' || this.chips.some((c) => c.id === chip.id)) return {};
    return { active: { label: chip.label.slice(0, 300), kind: chip.kind, included: this.active.included } };
  }

  toggleActiveFile(): void {
    this.active.toggle();
    this.sendState();
  }

  addChip(chip: ContextChip): void {
    this.chips = [...this.chips.filter((c) => c.id !== chip.id), chip].slice(-10);
    this.sendState();
  }

  removeChip(id: string): void {
    this.chips = this.chips.filter((c) => c.id !== id);
    this.sendState();
  }

  notice(text: string): void {
    this.notices = [...this.notices, text].slice(-5);
    this.sendState();
  }

  async setPersona(id: string, handoff: boolean): Promise<void> {
    if (!this.personas.some((p) => p.name === id) || this.busy) return;
    const from = this.conv.personaId;
    this.conv.personaId = id;
    if (handoff && this.conv.items.length) this.conv.items.push({ role: 'assistant', persona: id, text: `_${from} handed this conversation to ${id}; the earlier turns are its context._`, tools: [], status: 'done' });
    await this.store.save(this.conv);
    this.sendState();
  }

  async newConversation(): Promise<void> {
    if (this.busy) return;
    this.conv = newConversation(this.conv.personaId);
    this.chips = [];
    this.notices = [];
    this.sendState();
  }

  async openConversation(id: string): Promise<void> {
    const c = !this.busy && this.store.restore(id);
    if (!c) return;
    this.conv = c;
    this.sendState();
  }

  async deleteConversation(id: string): Promise<void> {
    if (this.busy && id === this.conv.id) return;
    await this.store.delete(id);
    if (id === this.conv.id) this.conv = newConversation(this.conv.personaId);
    this.sendState();
  }

  stop(): void {
    this.running?.abort();
  }

  /** Asks the current persona; the chips, the active file (unless taken off) and @file mentions go with it. */
  async send(text: string, withActiveFile = true, opts: { review?: boolean } = {}): Promise<void> {
    if (this.busy) return;
    this.notices = [];
    const { ask, groundedInReview } = await import('./engineModules');
    const ws = await this.openWorkspace();
    const mentions = vscode.workspace.isTrusted ? await mentionChips(text, ws.roots) : { chips: [], notes: [] };
    for (const n of mentions.notes) this.notices.push(n);
    const activeChip = withActiveFile && this.active.included ? this.active.chip() : undefined;
    const explicit = activeChip && !this.chips.some((c) => c.id === activeChip.id) ? [...this.chips, activeChip] : this.chips;
    const chips = [...explicit, ...mentions.chips.filter((m) => !explicit.some((c) => c.id === m.id))];
    const asked = opts.review ? await groundedInReview(ws, text) : text;
    const question = chips.length ? `${chips.map((c) => c.content).join('\n\n')}\n\n${asked}` : asked;
    this.conv.items.push({ role: 'user', text, chips: [...(opts.review ? ['architecture review'] : []), ...chips.map((c) => c.label)] });
    if (this.conv.title === 'New conversation') this.conv.title = text.replace(/\s+/g, ' ').slice(0, 80);
    this.chips = [];
    await this.execute(ws, (input) => ask({ ...input, question }));
  }

  /** Answers the last question again after a failure or a stop. */
  async retry(): Promise<void> {
    const last = this.conv.items.at(-1);
    if (this.busy || last?.role !== 'assistant' || last.status === 'done' || this.conv.history.at(-1)?.role !== 'user') return;
    this.conv.items.pop();
    const { retry } = await import('./engineModules');
    await this.execute(await this.openWorkspace(), (input) => retry(input));
  }

  private async execute(ws: ChatWorkspace, run: (input: Omit<AskInput, 'question'>) => Promise<TurnOutcome>): Promise<void> {
    const persona = this.personas.find((p) => p.name === this.conv.personaId) ?? this.personas.find((p) => p.name === DEFAULT_PERSONA);
    const item: Assistant = { role: 'assistant', persona: this.conv.personaId, text: '', tools: [], status: 'streaming' };
    this.conv.items.push(item);
    const key = await this.keys.get();
    this.hasKey = key !== undefined;
    if (!key || !persona) {
      item.status = 'error';
      item.error = key ? { message: `No persona ${this.conv.personaId} is loaded.`, actions: [] } : { message: 'Set an Anthropic API key to ask the architect (command: Set Anthropic API Key), or set ANTHROPIC_API_KEY.', actions: ['setApiKey'] };
      await this.store.save(this.conv);
      this.sendState();
      return;
    }
    const running = new AbortController();
    this.running = running;
    this.sendState();
    const { engineOptions } = await import('./engineModules');
    const onEvent = (e: ChatEvent) => this.onEvent(item, e);
    try {
      const outcome = await run({
        history: this.conv.history,
        persona,
        ws,
        toolsEnabled: vscode.workspace.isTrusted,
        options: engineOptions(this.settings(), key),
        allowSecretsFile: (path) => this.confirmSecretsFile(path),
        onEvent,
        signal: running.signal,
      });
      if (outcome.status === 'done') item.status = 'done';
      else if (outcome.status === 'cancelled') item.status = 'cancelled';
      else item.status = outcome.text ? 'partial' : 'error';
    } catch (e) {
      item.status = item.text ? 'partial' : 'error';
      item.error = { message: `The chat failed: ${e instanceof Error ? e.message : String(e)}`.split(key).join('[API key]'), actions: ['retry'] };
    } finally {
      this.running = undefined;
      for (const t of item.tools) t.running = false;
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.store.save(this.conv);
      this.sendState();
    }
  }

  private onEvent(item: Assistant, e: ChatEvent): void {
    if (e.type === 'text') {
      item.text += e.text;
      this.postMessage({ type: 'text', text: e.text });
      this.scheduleSave();
    } else if (e.type === 'toolStart') {
      const tool = { id: e.id, name: e.name, summary: `${e.name} ${JSON.stringify(e.input).slice(0, 200)}`, refused: false, running: true };
      item.tools.push(tool);
      this.postMessage({ type: 'tool', tool });
    } else if (e.type === 'toolEnd') {
      const tool = item.tools.find((t) => t.id === e.id);
      if (!tool) return;
      Object.assign(tool, { summary: e.summary.slice(0, 1000), refused: e.refused, running: false });
      this.postMessage({ type: 'tool', tool });
      this.scheduleSave();
    } else if (e.type === 'usage' || e.type === 'done') {
      item.usage = e.usage;
    } else if (e.type === 'error') {
      item.error = { message: e.error.message.slice(0, 2000), actions: e.error.actions };
      this.log(`[chat] ${e.error.kind}: ${e.error.message}`);
    }
  }

  /** Keeps a streaming answer on disk about once a second, so a reload keeps what arrived. */
  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.store.save(this.conv);
    }, 1000);
  }

  private async confirmSecretsFile(path: string): Promise<boolean> {
    const allow = 'Allow once';
    const choice = await vscode.window.showWarningMessage(`The architect wants to read ${path}, which may hold credentials. Secret-looking values are still redacted. Allow this one read?`, { modal: true }, allow);
    return choice === allow;
  }

  private settings(): ChatSettings {
    const c = vscode.workspace.getConfiguration('backendArchitect.chat');
    const raw: Record<string, unknown> = {};
    for (const key of ['model', 'maxTokens', 'idleTimeoutSeconds', 'totalTimeoutSeconds', 'maxRetries']) raw[key] = c.get(key);
    // Application scope: only the user's own settings may redirect requests (and the key) elsewhere.
    raw.baseUrl = c.inspect<string>('baseUrl')?.globalValue;
    const { settings, problems } = parseChatSettings(raw);
    for (const p of problems) this.log(`[chat] ${p}`);
    return settings;
  }

  private folders(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  }

  private sendState(): void {
    this.postMessage(this.state());
  }

  private postMessage(m: HostToWebview): void {
    const checked = HostToWebviewSchema.safeParse(m);
    if (!checked.success) {
      this.log(`[chat] not posted to the webview: ${checked.error.issues[0]?.message}`);
      return;
    }
    this.posted.push(checked.data);
    if (this.posted.length > MAX_POSTED_LOG) this.posted.splice(0, this.posted.length - MAX_POSTED_LOG);
    void this.post?.(checked.data);
  }
}
