// Conversations persisted per workspace: listed newest first, restored with a cut-off answer marked partial.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConversationStore, MAX_CONVERSATIONS, newConversation, type KeyValueStore } from '../../client/src/chat/store';

function memento(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => structuredClone(data.get(k)) as T | undefined, update: async (k, v) => void data.set(k, structuredClone(v)) };
}

describe('conversation store', () => {
  test('lists saved conversations newest first, reopens and deletes them', async () => {
    const store = new ConversationStore(memento());
    const a = newConversation('backend-architect');
    a.title = 'a';
    await store.save(a);
    const b = newConversation('security-auditor');
    b.title = 'b';
    await store.save(b);
    assert.deepEqual(store.list().map((c) => c.title), ['b', 'a']);
    assert.equal(store.get(a.id)?.personaId, 'backend-architect');
    await store.delete(b.id);
    assert.deepEqual(store.list().map((c) => c.title), ['a']);
  });

  test('an answer that was streaming when the window closed comes back as a partial answer with its text', async () => {
    const m = memento();
    const c = newConversation('backend-architect');
    c.items.push({ role: 'user', text: 'q', chips: [] }, { role: 'assistant', persona: 'backend-architect', text: 'Half an ans', tools: [], status: 'streaming' });
    c.history.push({ role: 'user', content: [{ type: 'text', text: 'q' }] });
    await new ConversationStore(m).save(c);
    const restored = new ConversationStore(m).restore(c.id)!;
    assert.deepEqual(restored.items[1], { role: 'assistant', persona: 'backend-architect', text: 'Half an ans', tools: [], status: 'partial' });
    assert.equal(restored.history.at(-1)?.role, 'user', 'the question can be answered again with Retry');
  });

  test(`keeps at most ${MAX_CONVERSATIONS} conversations`, async () => {
    const store = new ConversationStore(memento());
    for (let i = 0; i < MAX_CONVERSATIONS + 5; i++) await store.save(newConversation('backend-architect'));
    assert.equal(store.list().length, MAX_CONVERSATIONS);
  });
});
