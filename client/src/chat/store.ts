/** Conversations of one workspace, kept in the extension's workspace state (so they survive a window reload). */
import type { ChatMessage } from '../../../server/src/chat/types';
import type { Item } from './protocol';

export interface Conversation {
  id: string;
  title: string;
  personaId: string;
  /** The Messages API history the engine continues from. */
  history: ChatMessage[];
  /** What the panel shows. */
  items: Item[];
  updatedAt: number;
}

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const KEY = 'backendArchitect.chat.conversations';
export const MAX_CONVERSATIONS = 50;

export class ConversationStore {
  constructor(private readonly memento: KeyValueStore) {}

  list(): Conversation[] {
    const all = this.memento.get<Conversation[]>(KEY) ?? [];
    return [...all].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  get(id: string): Conversation | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** Loads a conversation; an answer that was streaming when the window closed is marked partial. */
  restore(id: string): Conversation | undefined {
    const c = this.get(id);
    if (!c) return undefined;
    for (const item of c.items) if (item.role === 'assistant' && item.status === 'streaming') item.status = 'partial';
    return c;
  }

  async save(c: Conversation): Promise<void> {
    c.updatedAt = Date.now();
    const rest = this.list().filter((x) => x.id !== c.id);
    await this.memento.update(KEY, [c, ...rest].slice(0, MAX_CONVERSATIONS));
  }

  async delete(id: string): Promise<void> {
    await this.memento.update(KEY, this.list().filter((x) => x.id !== id));
  }
}

export function newConversation(personaId: string): Conversation {
  return { id: `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`, title: 'New conversation', personaId, history: [], items: [], updatedAt: Date.now() };
}
