// `npm run bench` section for service code (issue 5): per language, on a 2,000-line file,
// (1) server time of a re-analysis after a one-character edit: incremental re-parse + every rule, in process;
// (2) a full parse + analysis for comparison; (3) keystroke -> diagnostics through the real language server.
// Skip with BENCH_SKIP_CODE=1.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EffectiveConfig } from '../server/src/core/config/effective';
import { DEFAULT_SETTINGS } from '../server/src/core/config/schema';
import type { CodeLanguage } from '../server/src/core/documents/classify';
import { makeSource } from '../server/src/core/documents/source';
import { analyzeSource } from '../server/src/core/engine';
import { WorkspaceIndex } from '../server/src/core/workspace/index';
import { TreeCache } from '../server/src/lsp/incremental';
import { pythonModule } from './corpus';
import { goModule, javaModule, tsModule } from './codeCorpus';
import { BenchClient } from './lspClient';

const SERVER = resolve('dist/server.js');
const EDITS = Number(process.env.BENCH_EDITS ?? 60);

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
const row = (...cols: string[]) => console.log(cols.map((c, i) => (i === 0 ? c.padEnd(54) : c.padStart(12))).join(''));

interface Corpus {
  lang: CodeLanguage;
  file: string;
  languageId: string;
  text: string;
  /** Where the bench types: just after the first occurrence of this past the middle. */
  needle: string;
}

export function corpora(): Corpus[] {
  return [
    { lang: 'python', file: 'svc.py', languageId: 'python', text: pythonModule(2000), needle: '"""Calls' },
    { lang: 'typescript', file: 'svc.ts', languageId: 'typescript', text: tsModule(2000), needle: '// Calls' },
    { lang: 'go', file: 'svc.go', languageId: 'go', text: goModule(2000), needle: '// Handler' },
    { lang: 'java', file: 'Svc.java', languageId: 'java', text: javaModule(2000), needle: '/** Calls' },
  ];
}

function typingOffset(c: Corpus): number {
  const at = c.text.indexOf(c.needle, Math.floor(c.text.length / 2));
  return at + c.needle.length;
}

/** Server time: what the language server does after a keystroke (edit the kept tree, re-parse, run every rule). */
async function inProcess(c: Corpus): Promise<{ incremental: number; full: number; findings: number }> {
  const config = new EffectiveConfig({ ...DEFAULT_SETTINGS });
  const workspace = new WorkspaceIndex();
  const at = typingOffset(c);
  const cache = new TreeCache();
  let text = c.text;
  const first = await analyzeSource({ source: makeSource(c.file, text, c.lang), config, workspace });
  cache.keep('u', text, c.lang, first.tree!);
  const inc: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    text = i % 2 === 0 ? c.text.slice(0, at) + 'x' + c.text.slice(at) : c.text;
    const t = performance.now();
    const source = makeSource(c.file, text, c.lang);
    const previousTree = cache.take('u', source.text, c.lang);
    const r = await analyzeSource({ source, config, workspace, previousTree });
    previousTree?.delete();
    cache.keep('u', source.text, c.lang, r.tree!);
    inc.push(performance.now() - t);
  }
  cache.dispose();
  const full: number[] = [];
  let findings = 0;
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const r = await analyzeSource({ source: makeSource(c.file, c.text, c.lang), config, workspace });
    r.tree?.delete();
    full.push(performance.now() - t);
    findings = r.findings.length;
  }
  return { incremental: pct(inc, 95), full: pct(full, 95), findings };
}

async function throughServer(dir: string, c: Corpus): Promise<number> {
  const path = join(dir, c.file);
  writeFileSync(path, c.text);
  const client = new BenchClient(SERVER, { debounceMs: 0, scanWorkspace: false });
  await client.initialize(dir);
  const times = await client.typeAt(pathToFileURL(path).href, c.languageId, c.text, typingOffset(c), EDITS);
  await client.close();
  return pct(times, 95);
}

export async function benchCode(): Promise<void> {
  if (process.env.BENCH_SKIP_CODE) {
    console.log('\nService code: skipped (BENCH_SKIP_CODE is set)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ba-bench-code-'));
  console.log(`\nService code, 2,000-line files, ${EDITS} one-character edits each (p95):`);
  row('language', 'server incr.', 'full parse', 'LSP e2e');
  const worst: string[] = [];
  for (const c of corpora()) {
    const r = await inProcess(c);
    const lsp = await throughServer(dir, c);
    row(`  ${c.lang} (${c.text.split('\n').length} lines, ${r.findings} findings)`, ms(r.incremental), ms(r.full), ms(lsp));
    worst.push(`${c.lang} ${r.incremental.toFixed(1)}`);
  }
  console.log(`Target: keystroke re-analysis p95 <= 20 ms server time per language (${worst.join(', ')}).`);
}

if (require.main === module) benchCode().catch((e) => { console.error(e); process.exit(1); });
