// `npm run bench` section for the workspace scan (issue 5): a tree of BENCH_SCAN_FILES files (default 50,000),
// made of hard links to the real JS/TS files of node_modules (so the text is real code) in .bench-cache/scan;
// the language server scans it with its worker threads. Prints throughput (MB/s of source), the server's peak
// RSS (VmHWM, threads included), and code-action latency measured every 250 ms while the scan runs.
// Skip with BENCH_SKIP_SCAN=1.
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STATUS_NOTIFICATION, type StatusParams } from '../server/src/lsp/protocol';
import { BenchClient } from './lspClient';

const SERVER = resolve('dist/server.js');
const FILES = Number(process.env.BENCH_SCAN_FILES ?? 50_000);
const CACHE = resolve('.bench-cache/scan');

function sourceFiles(dir: string, out: string[] = []): string[] {
  dir = realpathSync(dir);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (e.isFile() && /\.(js|mjs|cjs|ts|py)$/.test(e.name) && !e.name.endsWith('.d.ts') && statSync(p).size < 64 * 1024) out.push(p);
  }
  return out;
}

/** The tree to scan, built once: copies of node_modules' source files as hard links, until FILES files. */
function tree(): { root: string; bytes: number; files: number } {
  const root = join(CACHE, `tree-${FILES}`);
  const marker = join(root, '.bench-tree.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8'));
  const src = sourceFiles(resolve('node_modules'));
  let bytes = 0;
  for (let i = 0; i < FILES; i++) {
    const from = src[i % src.length];
    const to = join(root, `copy${Math.floor(i / src.length)}`, relative(realpathSync(resolve('node_modules')), from));
    mkdirSync(dirname(to), { recursive: true });
    if (!existsSync(to)) {
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to); // another file system: copy
      }
    }
    bytes += statSync(from).size;
  }
  const info = { root, bytes, files: FILES };
  writeFileSync(marker, JSON.stringify(info));
  return info;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

export async function benchScan(): Promise<void> {
  if (process.env.BENCH_SKIP_SCAN) {
    console.log('\nWorkspace scan: skipped (BENCH_SKIP_SCAN is set)');
    return;
  }
  const t0 = performance.now();
  const t = tree();
  console.log(`\nWorkspace scan: ${t.files.toLocaleString('en')} files, ${(t.bytes / 1e6).toFixed(1)} MB of JS/TS source (tree ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const client = new BenchClient(SERVER, { exclude: [], debounceMs: 0, maxDiagnosticsPerFile: 200 });
  const pid = (client as unknown as { proc: { pid: number } }).proc.pid;
  let scanning = false;
  let scanStart = 0;
  let files = 0;
  const idle = new Promise<void>((res) =>
    client.conn.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => {
      if (s.state === 'scanning' && !scanning) [scanning, scanStart] = [true, performance.now()];
      else if (s.state === 'idle' && scanning) {
        files = s.files;
        res();
      }
    }),
  );
  const started = performance.now();
  await client.initialize(t.root);
  // A document open in the editor while the scan runs: code actions are asked for it every 250 ms.
  const open = join(t.root, 'open-during-scan.py');
  writeFileSync(open, 'import requests\nrequests.get(u)\n');
  const uri = pathToFileURL(open).href;
  const first = client.nextDiagnostics(uri, 1);
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(open, 'utf8') } });
  const diag = (await first).diagnostics[0];
  const latencies: number[] = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const s = performance.now();
      await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
      if (!done) latencies.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  await idle;
  done = true;
  await probe;
  const scanMs = performance.now() - (scanStart || started);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  await client.close();
  const mbs = t.bytes / 1e6 / (scanMs / 1000);
  console.log(`  scan: ${(scanMs / 1000).toFixed(1)} s for ${files.toLocaleString('en')} files with findings reported, ${mbs.toFixed(1)} MB/s; peak RSS ${hwm.toFixed(0)} MB`);
  console.log(`  code action during the scan: ${latencies.length} requests, p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
  console.log(`Targets: >= 5 MB/s (${mbs.toFixed(1)}), peak RSS <= 400 MB (${hwm.toFixed(0)}), requests answered within 100 ms while scanning (p95 ${pct(latencies, 95).toFixed(1)}).`);
}

if (require.main === module) benchScan().catch((e) => { console.error(e); process.exit(1); });
