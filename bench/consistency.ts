// `npm run bench` section for routes in code against their OpenAPI specs (issue 14):
//  1. in a generated 30-service workspace, through the real language server: an unsaved edit of a route (the spec's
//     findings must follow) and of a spec (the code file's findings must follow), time from didChange to the
//     publication on the other side, p50/p95 over BENCH_CONSISTENCY_EDITS edits (30) each; target p95 <= 100 ms;
//  2. the CLI's lint of a 500-file multi-service repository with and without the consistency analysis (its three
//     rules off: nothing is read or compared then), runs interleaved, medians of BENCH_CONSISTENCY_REPEAT runs (5) of wall and CPU time;
//     target <= +20%.
// Skip it with BENCH_SKIP_CONSISTENCY=1. Alone: `npm run build && node --import tsx bench/consistency.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { STATUS_NOTIFICATION, type StatusParams } from '../server/src/lsp/protocol';
import { multiServiceRepo } from './consistencyCorpus';
import { BenchClient } from './lspClient';

type Row = (...cols: string[]) => void;
const SERVER = resolve('dist/server.js');
const CLI = resolve('dist/cli.js');
const EDITS = Number(process.env.BENCH_CONSISTENCY_EDITS ?? 30);
const REPEAT = Number(process.env.BENCH_CONSISTENCY_REPEAT ?? 5);
const RULES = ['undocumented-route', 'unimplemented-operation', 'auth-not-enforced'];

const ms = (x: number) => `${x.toFixed(1)} ms`;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function write(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

const count = (rule: string) => (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === rule).length;

/** Toggles `from` <-> `to` in the open document `edited`, `EDITS` times; each time, waits for `other` to show `expect(on)`. */
async function toggles(client: BenchClient, edited: string, languageId: string, other: string, from: string, to: string, rule: string, expect: (on: boolean) => number): Promise<number[]> {
  const text = readFileSync(edited, 'utf8');
  const uri = pathToFileURL(edited).href;
  const otherUri = pathToFileURL(other).href;
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  await client.diagnostics((p) => p.uri === uri);
  const times: number[] = [];
  for (let v = 2; v < EDITS + 2; v++) {
    const on = v % 2 === 0;
    const done = client.diagnostics((p) => p.uri === otherUri && count(rule)(p) === expect(on), 10_000);
    client.published.delete(otherUri); // wait for a new publication, not the last one
    const t = performance.now();
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: on ? text.replace(from, to) : text }] });
    await done;
    times.push(performance.now() - t);
  }
  return times;
}

async function republish(row: Row): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ba-bench-consistency-'));
  try {
    write(dir, multiServiceRepo(30, 4, 10));
    const client = new BenchClient(SERVER, { debounceMs: 0 });
    let scanning = false;
    const idle = new Promise<void>((res) =>
      client.conn.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => {
        if (s.state === 'scanning') scanning = true;
        else if (scanning) res();
      }),
    );
    const t = performance.now();
    await client.initialize(dir);
    await idle;
    row('30 services: server start -> scan done', ms(performance.now() - t), '');
    // A route edit: DELETE /items/:id moves away from its operation, which the spec then reports as unimplemented.
    const route = await toggles(client, join(dir, 'svc-0/routes/items.js'), 'javascript', join(dir, 'svc-0/openapi.yaml'), "router.delete('/:id'", "router.delete('/:id/x'", 'unimplemented-operation', (on) => (on ? 1 : 0));
    row('route edit -> spec findings republished', ms(pct(route, 50)), ms(pct(route, 95)));
    // A spec edit: /items/{id} renamed, so its two routes in code become undocumented.
    const spec = await toggles(client, join(dir, 'svc-1/openapi.yaml'), 'yaml', join(dir, 'svc-1/routes/items.js'), '  /items/{id}:', '  /itemz/{id}:', 'undocumented-route', (on) => (on ? 2 : 0));
    row('spec edit -> code findings republished', ms(pct(spec, 50)), ms(pct(spec, 95)));
    const p95 = Math.max(pct(route, 95), pct(spec, 95));
    row('  target: p95 <= 100 ms', p95 <= 100 ? 'met' : 'NOT met', '');
    await client.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One lint run: wall time, and user+system CPU time from /usr/bin/time when present (steadier on a busy machine). */
function lintRun(dir: string, config: string): { ms: number; cpuMs: number; findings: number } {
  const time = existsSync('/usr/bin/time');
  const cmd = [process.execPath, CLI, 'lint', '.', '--format', 'json', '--config', config];
  const t = performance.now();
  const r = spawnSync(time ? '/usr/bin/time' : cmd[0], time ? ['-f', '%U %S', ...cmd] : cmd.slice(1), { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const took = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`lint exited ${r.status}: ${(r.stderr ?? '').split('\n')[0]}`);
  const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  const report = JSON.parse(r.stdout) as { files: { findings: { ruleId: string }[] }[] };
  return { ms: took, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, findings: report.files.flatMap((f) => f.findings).filter((f) => RULES.includes(f.ruleId)).length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function cliOverhead(row: Row): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ba-bench-consistency-cli-'));
  try {
    const files = multiServiceRepo(25, 8, 20);
    // One undocumented route per service, so the rules have something to report.
    for (let i = 0; i < 25; i++) files[`svc-${i}/routes/items.js`] = files[`svc-${i}/routes/items.js`].replace("router.delete('/:id'", "router.delete('/:id/purge'");
    write(dir, files);
    writeFileSync(join(dir, 'on.yaml'), 'rules: {}\n');
    writeFileSync(join(dir, 'off.yaml'), `rules:\n${RULES.map((r) => `  ${r}: off`).join('\n')}\n`);
    // Interleaved, so that the machine's load falls on both alike.
    const off: ReturnType<typeof lintRun>[] = [];
    const on: ReturnType<typeof lintRun>[] = [];
    for (let i = 0; i < REPEAT; i++) {
      off.push(lintRun(dir, 'off.yaml'));
      on.push(lintRun(dir, 'on.yaml'));
    }
    const [offMs, onMs] = [median(off.map((r) => r.ms)), median(on.map((r) => r.ms))];
    const [offCpu, onCpu] = [median(off.map((r) => r.cpuMs)), median(on.map((r) => r.cpuMs))];
    const pctOf = (a: number, b: number) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)}%`;
    row(`CLI lint, ${Object.keys(files).length} files, 25 services: without consistency`, ms(offMs), `cpu ${ms(offCpu)}`);
    row(`  with consistency (${on[0].findings} findings)`, `${ms(onMs)} ${pctOf(onMs, offMs)}`, `cpu ${ms(onCpu)} ${pctOf(onCpu, offCpu)}`);
    row('  target: <= +20% (CPU time)', onCpu <= offCpu * 1.2 ? 'met' : 'NOT met', '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchConsistency(row: Row): Promise<void> {
  if (process.env.BENCH_SKIP_CONSISTENCY === '1') return;
  console.log('\nRoutes in code against their specs');
  for (const [name, part] of [['republish', republish], ['CLI', cliOverhead]] as const) {
    try {
      await part(row);
    } catch (e) {
      row(`${name}: failed`, (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 60), '');
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const row: Row = (...cols) => console.log(cols.map((c, i) => (i === 0 ? c.padEnd(54) : c.padStart(12))).join(''));
  benchConsistency(row).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
