// `npm run bench` section for lint in CI (issue 18): generated into a temp directory at bench time,
//  - `lint --changed-since HEAD` on a 10,000-file git repository (10 compose projects) with 5 changed files,
//    whole process, next to a full lint of the same tree (target <= 2 s);
//  - a baseline of 5,000 findings: lint without a baseline, with --write-baseline, with --baseline (target <= 10%
//    added), and the findings reported as new after 20 lines are inserted at the top of every file (target 0);
//  - whether json, sarif and text output are byte-for-byte identical across two runs of the same tree.
// Skip with BENCH_SKIP_CI=1.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fiveHundredFiles } from './composeCorpus';

const CLI = resolve('dist/cli.js');
const RUNS = 3;
const GIT_ENV = { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };

type Row = (...cols: string[]) => void;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function lint(dir: string, args: string[]): { ms: number; stdout: string; code: number | null } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  return { ms: performance.now() - t, stdout: r.stdout, code: r.status };
}

/** Median whole-process time of RUNS runs (after one warm-up run, which fills the code cache and the page cache). */
function timed(dir: string, args: string[]): number {
  lint(dir, args);
  return median(Array.from({ length: RUNS }, () => lint(dir, args).ms));
}

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'gc.auto=0', ...args], { cwd: dir, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 });

function changedSince(row: Row, root: string): number {
  const dir = join(root, 'repo');
  mkdirSync(dir);
  const { files } = fiveHundredFiles(dir, 10_000);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'corpus');
  // Five changed files: two edited modules, one edited compose file, a new untracked module and a renamed one.
  const edit = (p: string, extra: string) => writeFileSync(join(dir, p), readFileSync(join(dir, p), 'utf8') + extra);
  edit('system-0/svc-0/src/lib0/mod0.py', 'requests.get("http://svc-2:8080/y")\n');
  edit('system-4/svc-0/src/lib4/mod4.py', 'requests.post("http://svc-3:8080/z")\n');
  edit('system-1/docker-compose.yml', '  extra:\n    image: extra:latest\n');
  writeFileSync(join(dir, 'system-2/svc-1/src/new_module.py'), 'import requests\nrequests.get("http://svc-0:8080/")\n');
  git(dir, 'mv', 'system-8/svc-0/src/lib1/mod8.py', 'system-8/svc-0/src/lib1/renamed.py');
  const changed = timed(dir, ['--format', 'json', '--changed-since', 'HEAD']);
  const full = lint(dir, ['--format', 'json']).ms; // one run: it takes tens of seconds
  const reported = JSON.parse(lint(dir, ['--format', 'json', '--changed-since', 'HEAD']).stdout).files.map((f: { path: string }) => f.path);
  row(`lint, ${files.toLocaleString('en')}-file git repository, full (one run)`, ms(full), '');
  row(`lint --changed-since HEAD, 5 changed files (target <= 2000 ms)`, ms(changed), `${(full / changed).toFixed(1)}x faster`);
  row(`  files with findings reported: ${reported.length} (${reported.join(', ')})`, '', '');
  return changed;
}

/** 1,000 Python files of 5 calls without a timeout each: 5,000 findings. */
function baselineCorpus(dir: string): void {
  for (let i = 0; i < 1000; i++) {
    const folder = join(dir, `pkg${i % 20}`);
    mkdirSync(folder, { recursive: true });
    const calls = Array.from({ length: 5 }, (_, k) => `def f${k}(u):\n    return requests.get(u + "/${i}/${k}")\n`).join('\n');
    writeFileSync(join(folder, `mod${i}.py`), `import requests\n\n${calls}`);
  }
}

function baseline(row: Row, root: string): { added: number; resurrected: number; identical: string } {
  const dir = join(root, 'baseline');
  mkdirSync(dir);
  baselineCorpus(dir);
  const plain = timed(dir, ['--format', 'json']);
  const write = timed(dir, ['--format', 'json', '--write-baseline', 'baseline.json']);
  const count = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')).findings.length;
  const withBaseline = timed(dir, ['--format', 'json', '--baseline', 'baseline.json']);
  const added = (100 * (Math.max(write, withBaseline) - plain)) / plain;
  row(`lint, ${count.toLocaleString('en')} findings, no baseline (fingerprints included)`, ms(plain), '');
  row('  with --write-baseline', ms(write), `${(((write - plain) / plain) * 100).toFixed(1)}%`);
  row('  with --baseline (all known, none reported)', ms(withBaseline), `${(((withBaseline - plain) / plain) * 100).toFixed(1)}%`);
  const identical = (['json', 'sarif', 'text'] as const).map((f) => `${f} ${lint(dir, ['--format', f]).stdout === lint(dir, ['--format', f]).stdout ? 'yes' : 'NO'}`).join(', ');
  row(`  output identical across two runs: ${identical}`, '', '');
  for (let i = 0; i < 1000; i++) {
    const p = join(dir, `pkg${i % 20}`, `mod${i}.py`);
    writeFileSync(p, '# inserted line\n'.repeat(20) + readFileSync(p, 'utf8'));
  }
  const after = JSON.parse(lint(dir, ['--format', 'json', '--baseline', 'baseline.json']).stdout);
  const resurrected = after.summary.problems;
  row('  reported as new after 20 lines inserted atop every file (target 0)', String(resurrected), '');
  return { added, resurrected, identical };
}

export async function benchCi(row: Row): Promise<void> {
  if (process.env.BENCH_SKIP_CI) {
    console.log('\nLint in CI: skipped (BENCH_SKIP_CI is set)');
    return;
  }
  console.log('\nLint in CI (whole process, median of 3 after a warm-up run)');
  const root = mkdtempSync(join(tmpdir(), 'ba-bench-ci-'));
  try {
    const changed = changedSince(row, root);
    const b = baseline(row, root);
    console.log(`Targets: --changed-since <= 2000 ms (${changed.toFixed(0)}); baseline adds <= 10% (${b.added.toFixed(1)}%); 0 resurrected (${b.resurrected}); identical output (${b.identical}).`);
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  }
}
