// `npm run bench` section for the compose rules and the workspace model (issue 4):
//  - model rebuild after an edit of one compose file of a generated 30-service system (in process), p50/p95;
//  - a full workspace scan of a generated 500-file repository with 10 compose files, through the real server;
//  - side by side with dclint (npm `dclint`, installed into .bench-cache/compose on first use) on the same compose
//    files: whole-process time per file, and which of our concerns dclint covers.
// Skip it all with BENCH_SKIP_COMPOSE=1, and the dclint part alone with BENCH_DCLINT=0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EffectiveConfig } from '../server/src/core/config/effective';
import { DEFAULT_SETTINGS } from '../server/src/core/config/schema';
import { makeSource } from '../server/src/core/documents/source';
import { parseYaml } from '../server/src/core/documents/yaml';
import { analyzeSource } from '../server/src/core/engine';
import { WorkspaceIndex } from '../server/src/core/workspace/index';
import { TreeCache } from '../server/src/lsp/incremental';
import { STATUS_NOTIFICATION, type StatusParams } from '../server/src/lsp/protocol';
import { fiveHundredFiles, thirtyServices } from './composeCorpus';
import { pythonModule, typingPoint } from './corpus';
import { BenchClient } from './lspClient';

const SERVER = resolve('dist/server.js');
const CLI = resolve('dist/cli.js');
const CACHE = resolve(process.env.BENCH_CACHE_COMPOSE ?? '.bench-cache/compose');
const DCLINT = join(CACHE, 'node_modules', 'dclint', 'bin', 'dclint.cjs');
const DCLINT_VERSION = '3.1.0';

type Row = (...cols: string[]) => void;
const ms = (x: number) => `${x.toFixed(1)} ms`;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function modelRebuild(row: Row, dir: string): Promise<number> {
  const path = thirtyServices(dir);
  const { readFileSync } = await import('node:fs');
  const base = readFileSync(path, 'utf8');
  const config = new EffectiveConfig(DEFAULT_SETTINGS);
  const index = new WorkspaceIndex({ root: dir });
  await analyzeSource({ source: makeSource(path, base, 'compose'), config, workspace: index }); // first build reads the disk
  const rebuild: number[] = [];
  const whole: number[] = [];
  for (let i = -20; i < 200; i++) {
    const text = base.replace(`svc-${i % 24}:\n    build`, `svc-${i % 24}:\n    # edit ${i}\n    build`).replace('REDIS_URL: redis://cache:6379/0', `REDIS_URL: redis://cache:6379/${i % 16}`);
    const source = makeSource(path, text, 'compose');
    const data = parseYaml(text).root;
    let t = performance.now();
    await index.prepare(source, data);
    if (i >= 0) rebuild.push(performance.now() - t); // the first 20 edits warm the JIT up
    t = performance.now();
    await analyzeSource({ source: makeSource(path, text + `# ${i}\n`, 'compose'), config, workspace: index });
    if (i >= 0) whole.push(performance.now() - t);
  }
  const model = index.model.peek()!;
  row(`model rebuild after a compose edit, 30 services (${model.edges.length} edges)`, ms(pct(rebuild, 50)), ms(pct(rebuild, 95)));
  row('  parse + model + every compose rule, same edit', ms(pct(whole, 50)), ms(pct(whole, 95)));
  return pct(rebuild, 95);
}

/** A keystroke in a service's code (the 30-service system from modelRebuild): server time of its analysis, in process. */
async function serviceCodeKeystroke(row: Row, dir: string): Promise<number> {
  const compose = join(dir, 'docker-compose.yml');
  const path = join(dir, 'svc-3', 'src', 'handlers.py');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const base = pythonModule(2000);
  writeFileSync(path, base);
  const config = new EffectiveConfig(DEFAULT_SETTINGS);
  const index = new WorkspaceIndex({ root: dir });
  await analyzeSource({ source: makeSource(compose, readFileSync(compose, 'utf8'), 'compose'), config, workspace: index });
  const times: number[] = [];
  const trees = new TreeCache(); // as the server does: an incremental re-parse
  const at = typingPoint(base, '"""Calls');
  for (let i = -20; i < 200; i++) {
    const text = base.slice(0, at) + 'x'.repeat(i + 21) + base.slice(at);
    const t = performance.now();
    const previousTree = trees.take(path, text, 'python');
    const r = await analyzeSource({ source: makeSource(path, text, 'python'), config, workspace: index, previousTree });
    previousTree?.delete();
    trees.keep(path, text, 'python', r.tree!);
    if (i >= 0) times.push(performance.now() - t);
  }
  trees.dispose();
  row('keystroke in a service\'s 2,000-line Python file (30 services)', ms(pct(times, 50)), ms(pct(times, 95)));
  return pct(times, 95);
}

async function scan500(row: Row, dir: string): Promise<number> {
  const { files } = fiveHundredFiles(dir);
  const times: number[] = [];
  let composeFindings = 0;
  for (let i = 0; i < 3; i++) {
    const client = new BenchClient(SERVER, {});
    let scanning = false;
    const perFile = new Map<string, number>();
    client.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
      if (p.uri.endsWith('docker-compose.yml')) perFile.set(p.uri, p.diagnostics.length);
    });
    const t = performance.now();
    const idle = new Promise<void>((res) =>
      client.conn.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => {
        if (s.state === 'scanning') scanning = true;
        else if (scanning) res();
      }),
    );
    await client.initialize(dir);
    await idle;
    times.push(performance.now() - t);
    composeFindings = [...perFile.values()].reduce((a, b) => a + b, 0);
    await client.close();
  }
  row(`LSP start -> scan done, ${files} files, 10 compose projects`, ms(pct(times, 50)), ms(Math.max(...times)));
  row(`  (compose diagnostics published: ${composeFindings})`, '', '');
  return Math.max(...times);
}

function ensureDclint(): string | undefined {
  if (process.env.BENCH_DCLINT === '0') return 'BENCH_DCLINT=0';
  if (existsSync(DCLINT)) return undefined;
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(join(CACHE, 'package.json'))) writeFileSync(join(CACHE, 'package.json'), '{"name":"bench-compose","private":true}\n');
  console.log(`Installing dclint@${DCLINT_VERSION} into ${CACHE} (once)...`);
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `dclint@${DCLINT_VERSION}`], { cwd: CACHE, encoding: 'utf8' });
  return r.status === 0 && existsSync(DCLINT) ? undefined : `npm install dclint failed: ${(r.stderr || r.error?.message || '').split('\n').slice(-3).join(' ')}`;
}

function wall(args: string[], cwd: string): { ms: number; out: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ms: performance.now() - t, out: r.stdout };
}

/** Our concerns, and the dclint rule that covers each (or not). */
const COVERAGE: [string, string][] = [
  ['shared-database', 'no (one file at a time, no model of connections)'],
  ['missing-healthcheck', 'no'],
  ['depends-on-without-condition', 'no (service-dependencies-alphabetical-order only sorts them)'],
  ['hardcoded-secret (issue 5)', 'no'],
  ['exposed-database-port', 'partly: no-unbound-port-interfaces (every service, not datastores only; no fix)'],
  ['unpinned-image', 'yes: service-image-require-explicit-tag'],
  ['missing-resource-limits', 'no'],
  ['missing-restart-policy', 'no'],
  ['stateful-service', 'no'],
];

function dclint(row: Row, files: { name: string; path: string }[]): void {
  const why = ensureDclint();
  if (why) {
    console.log(`\n(dclint comparison skipped: ${why})`);
    return;
  }
  console.log(`\nCompose linting, whole process per file (median of 5 runs): backend-architect lint vs dclint ${DCLINT_VERSION}`);
  row('file', 'ours', 'dclint');
  for (const f of files) {
    const ours: number[] = [];
    const theirs: number[] = [];
    let ourCount = 0;
    let theirCount = '';
    for (let i = 0; i < 5; i++) {
      const a = wall([CLI, 'lint', f.path, '--format', 'json'], resolve('.'));
      ours.push(a.ms);
      try {
        ourCount = JSON.parse(a.out).files.reduce((n: number, x: { findings: unknown[] }) => n + x.findings.length, 0);
      } catch {
        ourCount = -1;
      }
      const b = wall([DCLINT, f.path], resolve('.'));
      theirs.push(b.ms);
      theirCount = /(\d+) problems?/.exec(b.out)?.[1] ?? '0';
    }
    row(`${f.name} (findings: ours ${ourCount}, dclint ${theirCount})`, ms(pct(ours, 50)), ms(pct(theirs, 50)));
  }
  console.log('\nWhich of our compose concerns dclint covers (its other rules are ordering, quoting and naming style):');
  for (const [ours, theirs] of COVERAGE) console.log(`  ${ours.padEnd(30)} ${theirs}`);
}

export async function benchCompose(row: Row): Promise<void> {
  if (process.env.BENCH_SKIP_COMPOSE === '1') {
    console.log('\n(compose bench skipped: BENCH_SKIP_COMPOSE=1)');
    return;
  }
  console.log('\nCompose rules and the workspace model (issue 4)');
  row('measure', 'p50', 'p95 / max');
  const thirty = mkdtempSync(join(tmpdir(), 'ba-bench-compose30-'));
  const p95 = await modelRebuild(row, thirty);
  const codeP95 = await serviceCodeKeystroke(row, thirty);
  const repo = mkdtempSync(join(tmpdir(), 'ba-bench-compose500-'));
  const scan = await scan500(row, repo);
  console.log(`Targets: model rebuild p95 <= 20 ms (${p95.toFixed(1)}); a keystroke in service code p95 <= 20 ms (${codeP95.toFixed(1)}); 500-file scan <= 2000 ms (${scan.toFixed(0)}).`);
  dclint(row, [
    { name: 'examples/shop/docker-compose.yml', path: resolve('examples/shop/docker-compose.yml') },
    { name: 'generated, 30 services', path: join(thirty, 'docker-compose.yml') },
    { name: 'generated, 10 services', path: join(repo, 'system-0', 'docker-compose.yml') },
  ]);
}

if (require.main === module) {
  const row: Row = (...cols) => console.log(cols.map((c, i) => (i === 0 ? c.padEnd(60) : c.padStart(12))).join(''));
  benchCompose(row).then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
