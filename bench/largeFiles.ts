// `npm run bench` section "no file can stall another" (issue 19):
//  1. through the real language server: a 50 MB OpenAPI spec is opened (analyzed in the worker thread), then a small
//     spec is edited again and again while it is analyzed; p50/p95 from each edit to the small file's diagnostics,
//     and what became of the large file (its diagnostics, its note) and when;
//  2. the CLI (`lint --max-file-size 102400`, whole process under /usr/bin/time): time, CPU and peak RSS on a 50 MB
//     spec and a 50 MB compose file (refused up front: over their kind's limit), and on files at those limits.
// Skip it with BENCH_SKIP_LARGE=1; the files at the limits alone with BENCH_LARGE_AT_LIMIT=0.
// Alone: `npm run build && node --import tsx bench/largeFiles.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KIND_LIMIT_MB } from '../server/src/core/documents/skip';
import { bigCompose, bigSpec } from './bigFiles';
import { BenchClient } from './lspClient';

type Row = (...cols: string[]) => void;
const SERVER = resolve('dist/server.js');
const CLI = resolve('dist/cli.js');
const MB = 1024 * 1024;
const LARGE_MB = Number(process.env.BENCH_LARGE_MB ?? 50);
/** Edits of the small file stop when the large file's diagnostics arrive, or after this long. */
const MAX_SECONDS = Number(process.env.BENCH_LARGE_SECONDS ?? 600);
/** Pause between two edits of the small file (a person typing, not a flood). */
const PACE_MS = 50;
const SMALL = 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /items:\n    get:\n      responses:\n        "200": { description: ok }\n';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const ms = (x: number | undefined) => (x === undefined ? '-' : `${x.toFixed(1)} ms`);

/** Edits of a small spec, timed to their diagnostics, while a large spec opened first is analyzed in the worker. */
async function smallWhileLarge(row: Row, dir: string): Promise<number | undefined> {
  const client = new BenchClient(SERVER, { debounceMs: 0, scanWorkspace: false, maxFileSizeKb: 102400, analysisBudgetMs: 600000 });
  const started = new Promise<void>((res) => client.conn.onNotification('window/logMessage', (p: { message: string }) => /Analyzing .*large\.yaml/.test(p.message) && res()));
  try {
    await client.initialize(dir);
    const large = pathToFileURL(join(dir, 'large.yaml')).href;
    const small = pathToFileURL(join(dir, 'small.yaml')).href;
    const t0 = performance.now();
    let largeDone: number | undefined;
    const largeResult = client.diagnostics((p) => p.uri === large, (MAX_SECONDS + 60) * 1000).then((p) => ((largeDone = performance.now() - t0), p));
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: large, languageId: 'yaml', version: 1, text: bigSpec(LARGE_MB * MB) } });
    await started;
    const times: number[] = [];
    const opened = client.nextDiagnostics(small, 1);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'yaml', version: 1, text: SMALL } });
    await opened;
    const until = performance.now() + MAX_SECONDS * 1000;
    for (let v = 2; largeDone === undefined && performance.now() < until; v++) {
      await new Promise((res) => setTimeout(res, PACE_MS));
      const done = client.nextDiagnostics(small, v);
      const t = performance.now();
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: small, version: v }, contentChanges: [{ text: SMALL.replace('title: t', `title: t${v}`) }] });
      await done;
      if (largeDone === undefined) times.push(performance.now() - t);
    }
    row(`small spec edit -> diagnostics, during a ${LARGE_MB} MB spec's analysis (${times.length} edits, ${PACE_MS} ms apart)`, ms(pct(times, 50)), ms(pct(times, 95)));
    const p = await largeResult;
    const note = p.diagnostics.find((d) => d.code === 'skipped-file' || d.code === 'partially-analyzed');
    row(`  the ${LARGE_MB} MB spec: open -> its diagnostics (${note ? `${note.code}: ${note.message.slice(0, 60)}...` : `${p.diagnostics.length} diagnostics`})`, ms(largeDone), '');
    return times.length ? pct(times, 95) : undefined;
  } finally {
    await client.close();
  }
}

/** One CLI process on a file: wall time, user+system CPU and peak RSS from /usr/bin/time. */
function cli(row: Row, label: string, path: string): void {
  const time = existsSync('/usr/bin/time');
  const cmd = [process.execPath, CLI, 'lint', '--max-file-size', '102400', '--format', 'json', path];
  const t = performance.now();
  const r = spawnSync(time ? '/usr/bin/time' : cmd[0], time ? ['-f', '%M %U %S', ...cmd] : cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 600_000 });
  const wall = performance.now() - t;
  const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  let outcome = `exit ${r.status}`;
  try {
    const findings = JSON.parse(r.stdout).files[0].findings;
    outcome = findings[0]?.ruleId === 'skipped-file' ? 'refused (skipped-file)' : `${findings.length} findings`;
  } catch {
    // outcome stays the exit code
  }
  const cpu = m ? `, CPU ${(Number(m[2]) + Number(m[3])).toFixed(1)} s` : '';
  row(`  ${label}: ${outcome}${cpu}`, `${(wall / 1000).toFixed(1)} s`, m ? `${(Number(m[1]) / 1024).toFixed(0)} MB` : '-');
}

export async function benchLargeFiles(row: Row): Promise<void> {
  if (process.env.BENCH_SKIP_LARGE === '1') {
    console.log('\n(large files bench skipped: BENCH_SKIP_LARGE=1)');
    return;
  }
  const load = loadavg()[0];
  console.log(`\nNo file can stall another: ${LARGE_MB} MB files (load average ${load.toFixed(1)} on ${availableParallelism()} cores${load > 1 ? ': other processes run, times are inflated' : ''})`);
  row('measure', 'p50 / wall', 'p95 / RSS');
  const dir = mkdtempSync(join(tmpdir(), 'ba-bench-large-'));
  try {
    let p95: number | undefined;
    try {
      p95 = await smallWhileLarge(row, dir);
    } catch (e) {
      row(`small spec edits during a large spec's analysis: ${(e as Error).message.slice(0, 60)}`, 'error', '');
    }
    console.log('  CLI, whole process (lint --max-file-size 102400 --format json):');
    const files: [string, string, string][] = [
      ['OpenAPI YAML', 'openapi.yaml', bigSpec(LARGE_MB * MB)],
      ['compose file', 'docker-compose.yml', bigCompose(LARGE_MB * MB)],
    ];
    if (process.env.BENCH_LARGE_AT_LIMIT !== '0') {
      files.push([`OpenAPI YAML under its kind's ${KIND_LIMIT_MB.openapi} MB limit`, 'limit/openapi.yaml', bigSpec(KIND_LIMIT_MB.openapi! * MB * 0.9)]);
      files.push([`compose file under its kind's ${KIND_LIMIT_MB.compose} MB limit`, 'limit/docker-compose.yml', bigCompose(KIND_LIMIT_MB.compose! * MB * 0.99)]);
    }
    for (const [label, rel, text] of files) {
      const path = join(dir, rel);
      rmSync(path, { force: true });
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      cli(row, `${(text.length / MB).toFixed(1)} MB ${label}`, path);
      rmSync(path, { force: true });
    }
    console.log(`Targets: a small file's diagnostics p95 <= 100 ms while a ${LARGE_MB} MB file is analyzed (${ms(p95)}); the CLI on a ${LARGE_MB} MB spec or compose file <= 1.5 GB and <= 20 s, or refused up front.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const row: Row = (...cols) => console.log(cols.map((c, i) => (i === 0 ? c.padEnd(84) : c.padStart(12))).join(''));
  benchLargeFiles(row).then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
