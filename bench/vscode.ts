// Activation inside a real VS Code (the VS Code server in headless chromium, installed into a cache directory on
// first use): `activate` itself, and activate start to the language client running. Skipped with
// BENCH_SKIP_VSCODE=1, or with the reason when the VS Code server cannot be installed or started.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = Number(process.env.BENCH_VSCODE_RUNS ?? 3);

interface Probe {
  activateMs: number;
  clientRunningMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchVsCodeActivation(row: (...cols: string[]) => void): Promise<void> {
  if (process.env.BENCH_SKIP_VSCODE) return void console.log('\nVS Code activation: skipped (BENCH_SKIP_VSCODE is set)');
  console.log(`\nVS Code activation (the VS Code server, ${RUNS} fresh windows on examples/shop; first use installs it)`);
  const install = spawnSync(process.execPath, ['scripts/vscode-server/install.mjs'], { stdio: 'inherit' });
  if (install.status !== 0) return void console.log('VS Code activation: skipped, the VS Code server could not be installed (reason above)');
  const built = spawnSync(process.execPath, ['test/vscode/build.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) return void console.log('VS Code activation: skipped, the probe did not build');
  const dir = mkdtempSync(join(tmpdir(), 'ba-bench-vscode-'));
  const probes: Probe[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const out = join(dir, `probe-${i}.json`);
      const r = spawnSync(process.execPath, ['scripts/vscode-server/run-tests.mjs', '--tests', resolve('out/test/vscode/bench.js')], {
        env: { ...process.env, BA_BENCH_OUT: out },
        encoding: 'utf8',
      });
      if (r.status !== 0) return void console.log(`VS Code activation: skipped, run ${i + 1} failed:\n${r.stdout}${r.stderr}`);
      probes.push(JSON.parse(readFileSync(out, 'utf8')) as Probe);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const activate = probes.map((p) => p.activateMs);
  const running = probes.map((p) => p.clientRunningMs);
  row('extension activate() (target <= 100 ms)', `${median(activate).toFixed(1)} ms`, `${Math.max(...activate).toFixed(1)} ms`);
  row('activate start -> language client running', `${median(running).toFixed(1)} ms`, `${Math.max(...running).toFixed(1)} ms`);
}
