// The chat's own costs, with no network: building the workspace brief of examples/shop, and one question through
// the real SDK against the fake Messages API on 127.0.0.1 (first text delta, a whole answer, a three-tool loop).
// Skipped with BENCH_SKIP_CHAT=1.
import { resolve } from 'node:path';
import { workspaceBrief } from '../server/src/chat/brief';
import { loadPersonas } from '../server/src/chat/persona';
import { builtinPersonaDir } from '../server/src/chat/personaDir';
import { ask, engineOptions } from '../server/src/chat/session';
import { ChatWorkspace } from '../server/src/chat/workspace';
import { DEFAULT_CHAT_SETTINGS } from '../server/src/core/config/chatSettings';
import { FakeAnthropic, splitJson, textAnswer, toolAnswer } from '../test/chat/fakeAnthropic';

type Row = (...cols: string[]) => void;
const RUNS = 15;

function p(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((q / 100) * s.length) - 1)];
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function chatBench(row: Row): Promise<void> {
  if (process.env.BENCH_SKIP_CHAT) {
    console.log('\nchat: skipped (BENCH_SKIP_CHAT is set)');
    return;
  }
  const shop = resolve('examples/shop');
  const briefs: number[] = [];
  let chars = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    chars = (await workspaceBrief(await ChatWorkspace.open([shop]), true)).length;
    briefs.push(performance.now() - t);
  }
  row(`chat brief of examples/shop (${chars} chars; max = first, cold)`, ms(p(briefs, 50)), ms(Math.max(...briefs)));

  const persona = (await loadPersonas(builtinPersonaDir())).personas.find((x) => x.name === 'backend-architect')!;
  const ws = await ChatWorkspace.open([shop]);
  await workspaceBrief(ws, true);
  const fake = await FakeAnthropic.start();
  const options = { ...engineOptions(DEFAULT_CHAT_SETTINGS, 'bench-key-not-real'), baseURL: fake.url, maxRetries: 0 };
  const first: number[] = [];
  const whole: number[] = [];
  const loop: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      fake.reply({ kind: 'sse', events: textAnswer(Array.from({ length: 50 }, (_, k) => `token${k} `)) });
      const t = performance.now();
      let firstAt = 0;
      await ask({ question: 'q', history: [], persona, ws, toolsEnabled: true, options, onEvent: (e) => e.type === 'text' && !firstAt && (firstAt = performance.now()) });
      whole.push(performance.now() - t);
      first.push(firstAt - t);
    }
    for (let i = 0; i < RUNS; i++) {
      fake.reply(
        { kind: 'sse', events: toolAnswer([{ id: 'a', name: 'read_file', jsonPieces: splitJson({ path: 'orders/app.py' }) }, { id: 'b', name: 'search_text', jsonPieces: splitJson({ query: 'DATABASE_URL' }) }, { id: 'c', name: 'get_findings', jsonPieces: splitJson({ path: 'docker-compose.yml' }) }]) },
        { kind: 'sse', events: textAnswer(['done']) },
      );
      const t = performance.now();
      await ask({ question: 'q', history: [], persona, ws, toolsEnabled: true, options, onEvent: () => {} });
      loop.push(performance.now() - t);
    }
  } finally {
    await fake.close();
  }
  row('chat question -> first text delta (SDK, local fake API)', ms(p(first, 50)), ms(p(first, 95)));
  row('chat question -> 50-delta answer done', ms(p(whole, 50)), ms(p(whole, 95)));
  row('chat question -> 3 tool calls + answer (2 requests)', ms(p(loop, 50)), ms(p(loop, 95)));
}
