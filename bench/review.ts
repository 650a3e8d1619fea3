// `npm run bench` section for `backend-architect review` (issue 15): the whole CLI process on examples/shop
// (target <= 1 s) and on the generated 500-file repository with 10 compose projects (target <= 3 s), Markdown and
// HTML. Median of 3 runs after a warm-up run (code cache, page cache). Skip with BENCH_SKIP_REVIEW=1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fiveHundredFiles } from './composeCorpus';

const CLI = resolve('dist/cli.js');
const RUNS = 3;

type Row = (...cols: string[]) => void;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Prints the process's CPU time (user + system) on stderr as it exits: on a busy machine wall time overstates it. */
const CPU_PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\ncpu-ms '+Math.round((u.userCPUTime+u.systemCPUTime)/1000)+'\\n')})`;

function review(dir: string, args: string[]): { ms: number; cpuMs: number; bytes: number; code: number | null } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', CPU_PROBE, CLI, 'review', dir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - t, cpuMs: Number(/cpu-ms (\d+)/.exec(r.stderr)?.[1] ?? NaN), bytes: r.stdout.length, code: r.status };
}

function timed(dir: string, args: string[]): ReturnType<typeof review> {
  review(dir, args);
  const runs = Array.from({ length: RUNS }, () => review(dir, args));
  return { ...runs[0], ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)) };
}

export async function benchReview(row: Row): Promise<{ shop: number; repo: number } | undefined> {
  if (process.env.BENCH_SKIP_REVIEW) {
    console.log('\nReview document: skipped (BENCH_SKIP_REVIEW is set)');
    return undefined;
  }
  console.log('\nReview document (`backend-architect review`, whole process, median of 3: wall time, and CPU time of the process)');
  const shop = timed(resolve('examples/shop'), []);
  row(`review examples/shop, Markdown (${(shop.bytes / 1024).toFixed(0)} KB, exit ${shop.code})`, `${shop.ms.toFixed(0)} ms`, `cpu ${shop.cpuMs} ms`);
  const shopHtml = timed(resolve('examples/shop'), ['--format', 'html']);
  row(`review examples/shop, HTML with the SVG map`, `${shopHtml.ms.toFixed(0)} ms`, `cpu ${shopHtml.cpuMs} ms`);
  const root = mkdtempSync(join(tmpdir(), 'ba-bench-review-'));
  try {
    const { files } = fiveHundredFiles(root);
    const repo = timed(root, []);
    row(`review, ${files} files with 10 compose projects, Markdown (${(repo.bytes / 1024).toFixed(0)} KB)`, `${repo.ms.toFixed(0)} ms`, `cpu ${repo.cpuMs} ms`);
    const repoHtml = timed(root, ['--format', 'html']);
    row(`review, ${files} files, HTML`, `${repoHtml.ms.toFixed(0)} ms`, `cpu ${repoHtml.cpuMs} ms`);
    const worst = { shop: Math.max(shop.ms, shopHtml.ms), repo: Math.max(repo.ms, repoHtml.ms) };
    console.log(`Targets: review of examples/shop <= 1000 ms (${worst.shop.toFixed(0)}); of the 500-file repository <= 3000 ms (${worst.repo.toFixed(0)}).`);
    return worst;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `node --import tsx bench/review.ts`: this section alone. */
if (require.main === module) {
  const row: Row = (...cols) => console.log(cols.map((c, i) => (i === 0 ? c.padEnd(62) : c.padStart(12))).join(''));
  void benchReview(row);
}
