// `npm run fuzz -- --minutes N [--seed S] [--max-ms 1000]`: random edits of real specs, compose files, manifests
// and code, sent to the language server through a real LSP client. Fails on a crash, an error the server logs
// (an unhandled rejection or exception), a response slower than --max-ms, or diagnostics that differ from those a
// second server gives on a fresh open of the final text. Failing edit sequences are saved for replay.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { BenchClient } from '../bench/lspClient';
import { LineIndex } from '../server/src/core/text/lineIndex';
import { apply, mutate, rng, type Edit, type Rng } from './mutations';
import { makeWorkspace } from './workspace';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '1' }, seed: { type: 'string' }, 'max-ms': { type: 'string', default: '1000' } } });
const minutes = Number(values.minutes);
const maxMs = Number(values['max-ms']);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 1_000_000;
if (!(minutes > 0) || !(maxMs > 0) || Number.isNaN(seed)) {
  console.error('usage: npm run fuzz -- --minutes N [--seed S] [--max-ms MS]');
  process.exit(2);
}

const root = resolve(__dirname, '..');
const serverJs = join(root, 'dist', 'server.js');
const failures: { kind: string; detail: string; file?: string; edits?: Edit[]; initial?: string }[] = [];

class Server {
  readonly client = new BenchClient(serverJs, {});
  exited?: string;
  constructor(readonly name: string) {
    this.client.proc.on('exit', (code, signal) => (this.exited = `exit ${code ?? signal}`));
    this.client.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) failures.push({ kind: 'server error', detail: `${name}: ${p.message.slice(0, 2000)}` });
    });
  }
}

const norm = (d: Diagnostic[]) => d.map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.severity} ${x.code} ${x.message}`).sort();

/** An LSP position: \r\n, \r and \n all end a line, as clients count them. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  return new LineIndex(text).positionAt(offset);
}

async function timed<T>(p: Promise<T>, ms: number): Promise<{ value?: T; ms: number; timedOut: boolean }> {
  const t = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  const value = await Promise.race([p, timeout]);
  clearTimeout(timer);
  return value === 'timeout' ? { ms: performance.now() - t, timedOut: true } : { value: value as T, ms: performance.now() - t, timedOut: false };
}

/** The file's diagnostics once no new ones have arrived for a second (at most 10 s). */
async function settled(client: BenchClient, uri: string): Promise<PublishDiagnosticsParams> {
  const start = Date.now();
  let last = client.published.get(uri);
  for (;;) {
    const next = await timed(new Promise<PublishDiagnosticsParams>((resolve) => client.diagnostics((p) => p.uri === uri && p !== last, 1000).then(resolve, () => undefined)), 1000);
    if (next.timedOut || Date.now() - start > 10_000) return client.published.get(uri)!;
    last = next.value;
  }
}

async function main(): Promise<void> {
  const ws = makeWorkspace(join(root, 'examples', 'shop'));
  const r: Rng = rng(seed);
  const main = new Server('main');
  const oracle = new Server('oracle');
  await Promise.all([main.client.initialize(ws.dir), oracle.client.initialize(ws.dir)]);
  const end = Date.now() + minutes * 60_000;
  const latencies: number[] = [];
  let edits = 0;
  let episodes = 0;
  console.log(`fuzz: seed ${seed}, ${minutes} min, ${ws.files.length} files in ${ws.dir}`);
  while (Date.now() < end && !main.exited && !oracle.exited) {
    const file = r.pick(ws.files);
    const uri = pathToFileURL(join(ws.dir, file.path)).href;
    const initial = readFileSync(join(ws.dir, file.path), 'utf8');
    let text = initial;
    let version = 1;
    const done: Edit[] = [];
    const opened = main.client.nextDiagnostics(uri, 1);
    await main.client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: file.languageId, version, text } });
    await timed(opened, 30_000);
    const count = 5 + r.int(30);
    for (let i = 0; i < count && !main.exited; i++) {
      const burst = r.int(6) === 0 ? 2 + r.int(8) : 1; // sometimes several edits faster than the debounce
      for (let b = 0; b < burst; b++) {
        const e = mutate(text, r);
        const change = { range: { start: positionAt(text, e.start), end: positionAt(text, e.end) }, text: e.text };
        text = apply(text, e);
        done.push(e);
        version++;
        edits++;
        await main.client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      }
      const res = await timed(main.client.nextDiagnostics(uri, version), 30_000);
      latencies.push(res.ms);
      if (res.timedOut || res.ms > maxMs) failures.push({ kind: 'slow', detail: `${file.path} v${version}: diagnostics after ${Math.round(res.ms)} ms`, file: file.path, edits: [...done], initial });
      if (r.int(4) === 0) {
        const at = positionAt(text, r.int(text.length + 1));
        const ca = await timed(main.client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: (main.client.published.get(uri)?.diagnostics ?? []).slice(0, 3) } }), 30_000);
        if (ca.timedOut || ca.ms > maxMs) failures.push({ kind: 'slow', detail: `${file.path} v${version}: code actions after ${Math.round(ca.ms)} ms`, file: file.path, edits: [...done], initial });
      }
    }
    // Diagnostics may be republished (another file's change, a slower analysis): compare once they have settled.
    const final = await settled(main.client, uri);
    // The oracle opens the final text fresh; both servers then hold the same open document.
    const fresh = oracle.client.nextDiagnostics(uri, 1);
    await oracle.client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: file.languageId, version: 1, text } });
    const got = await timed(fresh, 30_000);
    if (got.timedOut) failures.push({ kind: 'slow', detail: `${file.path}: the oracle gave no diagnostics`, file: file.path, edits: done, initial });
    else if (JSON.stringify(norm(final.diagnostics)) !== JSON.stringify(norm(got.value!.diagnostics))) {
      failures.push({ kind: 'differs', detail: `${file.path}: after ${done.length} edits (version ${version}, published for ${final.version ?? 'no version'})\n  edited: ${norm(final.diagnostics).join('\n          ')}\n  fresh:  ${norm(got.value!.diagnostics).join('\n          ')}`, file: file.path, edits: done, initial });
    }
    await oracle.client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await main.client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    main.client.published.delete(uri);
    oracle.client.published.delete(uri);
    episodes++;
  }
  for (const s of [main, oracle]) if (s.exited) failures.push({ kind: 'crash', detail: `${s.name} server: ${s.exited}` });
  await Promise.all([main.client.close(), oracle.client.close()]);
  latencies.sort((a, b) => a - b);
  const p = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  console.log(`fuzz: ${episodes} files opened, ${edits} edits; diagnostics latency p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms`);
  const counts = new Map<string, number>();
  for (const f of failures) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  console.log(`fuzz: ${failures.length} failures${failures.length ? ` (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}: crashes ${counts.get('crash') ?? 0}, hangs or slow responses ${counts.get('slow') ?? 0}, server errors ${counts.get('server error') ?? 0}, differing diagnostics ${counts.get('differs') ?? 0}`);
  if (failures.length) {
    const dir = join(root, '.fuzz-failures');
    mkdirSync(dir, { recursive: true });
    const out = join(dir, `seed-${seed}.json`);
    writeFileSync(out, JSON.stringify({ seed, failures }, null, 1));
    for (const f of failures.slice(0, 10)) console.log(`  ${f.kind}: ${f.detail.split('\n').slice(0, 6).join('\n    ')}`);
    console.log(`fuzz: failing edit sequences saved to ${out}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 3;
});
