// Shared by the chat tests: a throw-away workspace with a secrets file and files outside it, and engine options.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import type { EngineOptions } from '../../server/src/chat/engine';
import { loadPersonas, type Persona } from '../../server/src/chat/persona';
import { builtinPersonaDir } from '../../server/src/chat/personaDir';
import { ChatWorkspace } from '../../server/src/chat/workspace';
import { FakeAnthropic } from './fakeAnthropic';

export const API_KEY = 'sk-ant-test-key-0123456789abcdef-never-shown';
export const CANARY = 'canary-7f3e9b2a-secret-value';
export const OUTSIDE_CANARY = 'outside-canary-5d1c-not-in-workspace';

export interface ChatFixture {
  dir: string;
  outside: string;
  cleanup(): void;
}

/** A workspace with a README, a compose file, a .env holding CANARY, and symlinks to a file and a folder outside it. */
export function chatWorkspace(extra: Record<string, string> = {}): ChatFixture {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ba-chat-')));
  const dir = join(base, 'ws');
  const outside = join(base, 'outside');
  const files: Record<string, string> = {
    'README.md': '# Shop\n\nOrders and payments.\n',
    'docker-compose.yml': 'services:\n  orders:\n    image: shop/orders\n    environment:\n      DATABASE_URL: postgres://orders:hunter2pass@db/orders\n    depends_on: [db]\n  db:\n    image: postgres:16\n',
    '.env': `API_TOKEN=${CANARY}\n`,
    'config/app.yaml': 'log_level: info\n',
    ...extra,
  };
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.txt'), `${OUTSIDE_CANARY}\n`);
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'link-out.txt'));
  symlinkSync(outside, join(dir, 'linked-dir'));
  return { dir, outside, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export function options(baseURL: string, over: Partial<EngineOptions> = {}): EngineOptions {
  return { apiKey: API_KEY, baseURL, model: 'fake-model', maxTokens: 1024, maxRetries: 0, idleTimeoutMs: 30_000, totalTimeoutMs: 60_000, maxToolRounds: 8, ...over };
}

export interface ChatSession {
  fake: FakeAnthropic;
  fx: ChatFixture;
  ws: ChatWorkspace;
  persona: Persona;
}

/**
 * Registers the hooks a chat test file needs: the workspace (with `extra` files) and the backend-architect persona
 * once, a fresh fake Messages API per test. The returned object is filled in by those hooks.
 */
export function useChatSession(extra: Record<string, string> = {}): ChatSession {
  const s = {} as ChatSession;
  before(async () => {
    s.fx = chatWorkspace(extra);
    s.ws = await ChatWorkspace.open([s.fx.dir]);
    s.persona = (await loadPersonas(builtinPersonaDir())).personas.find((p) => p.name === 'backend-architect')!;
  });
  after(() => s.fx.cleanup());
  beforeEach(async () => {
    await s.fake?.close();
    s.fake = await FakeAnthropic.start();
  });
  after(() => s.fake?.close());
  return s;
}
