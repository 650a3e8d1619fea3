// `npm run bench` section for Kubernetes manifests and Kustomize as a source of the workspace model:
//  1. `lint` of a generated repository of 500 manifest files (a Kustomize base and three overlays among them), the
//     whole CLI process: median of BENCH_K8S_REPEAT runs (5) and peak RSS (/usr/bin/time);
//  2. keystroke to diagnostics in one 2,000-line multi-document bundle, through the real language server;
//  3. model rebuild after a manifest edit in a 30-workload system, in process (analyzeSource with one WorkspaceIndex,
//     and WorkspaceModelStore.model() alone);
//  4. side by side on the same 500 files: Monokle's validation library (npm) and yamllint (Debian, syntax only), see
//     bench/kubernetesTools.ts; whole-process times, ratios, and which of our concerns each covers.
// Each part reports an error in its row instead of stopping the bench. Skip it all with BENCH_SKIP_KUBERNETES=1;
// the tools alone with BENCH_MONOKLE=0 / BENCH_YAMLLINT=0. Alone: `npm run build && node --import tsx bench/kubernetes.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EffectiveConfig } from '../server/src/core/config/effective';
import { DEFAULT_SETTINGS } from '../server/src/core/config/schema';
import { classify, type FileKind } from '../server/src/core/documents/classify';
import { makeSource } from '../server/src/core/documents/source';
import { parseYamlStream } from '../server/src/core/documents/yaml';
import type { EditableYaml } from '../server/src/core/documents/yamlEdit';
import { analyzeSource } from '../server/src/core/engine';
import { WorkspaceIndex } from '../server/src/core/workspace/index';
import { typingPoint } from './corpus';
import { manifestBundle, manifestRepo, thirtyWorkloads } from './kubernetesCorpus';
import { LOOKED_UP, MONOKLE_RUNNER, MONOKLE_VERSION, ensureMonokle, ensureYamllint } from './kubernetesTools';
import { BenchClient } from './lspClient';

type Row = (...cols: string[]) => void;
const SERVER = resolve('dist/server.js');
const CLI = resolve('dist/cli.js');
const EDITS = Number(process.env.BENCH_EDITS ?? 60);
const REPEAT = Number(process.env.BENCH_K8S_REPEAT ?? 5);
const TOOL_REPEAT = Number(process.env.BENCH_K8S_TOOL_REPEAT ?? 3);
/** Until classify() knows manifests it returns undefined for them: analyze them as this kind all the same. */
const KUBERNETES = 'kubernetes' as FileKind;

const ms = (x: number) => `${x.toFixed(1)} ms`;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const why = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 100);

function withTimeout<T>(p: Promise<T>, msTimeout: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${msTimeout / 1000} s`)), msTimeout)))]).finally(() => clearTimeout(timer));
}

interface Run {
  ok: boolean;
  ms: number;
  rssMb: number;
  /** User + system CPU time (ms), from /usr/bin/time: steadier than the wall time on a busy machine. */
  cpuMs: number;
  stdout: string;
  note?: string;
}

/**
 * One process: wall time from this clock, peak RSS from /usr/bin/time when present. Exit 0 and 1 are both fine
 * when `valid` accepts the output (a CLI missing from dist/ also exits 1).
 */
function timed(cmd: string[], valid: (stdout: string) => boolean = () => true): Run {
  const time = existsSync('/usr/bin/time');
  const args = time ? ['-f', '%e %M %U %S', ...cmd] : cmd.slice(1);
  const t = performance.now();
  const r = spawnSync(time ? '/usr/bin/time' : cmd[0], args, { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 300_000 });
  const wall = performance.now() - t;
  const m = /([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  const ok = !r.error && (r.status === 0 || r.status === 1) && valid(r.stdout ?? '');
  const note = ok ? undefined : r.error?.message ?? (r.stderr ?? '').split('\n').find((l) => /error/i.test(l))?.trim().slice(0, 80) ?? `exit ${r.status}, unreadable output`;
  return { ok, ms: wall, rssMb: m ? Number(m[2]) / 1024 : NaN, cpuMs: m ? (Number(m[3]) + Number(m[4])) * 1000 : NaN, stdout: r.stdout ?? '', note };
}

/** The run with the median wall time of `n`. */
function median(cmd: string[], n: number, valid?: (stdout: string) => boolean): Run & { maxRssMb: number } {
  const runs = Array.from({ length: n }, () => timed(cmd, valid)).sort((a, b) => a.ms - b.ms);
  const failed = runs.find((r) => !r.ok);
  return { ...(failed ?? runs[Math.floor(n / 2)]), maxRssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

/** Our JSON report: findings by rule id. */
function ourFindings(stdout: string): { checked: number; byRule: Record<string, number> } | undefined {
  try {
    const j = JSON.parse(stdout) as { files: { findings: { ruleId: string }[] }[]; summary?: { files: number } };
    const byRule: Record<string, number> = {};
    for (const f of j.files) for (const x of f.findings) byRule[x.ruleId] = (byRule[x.ruleId] ?? 0) + 1;
    return { checked: j.summary?.files ?? NaN, byRule };
  } catch {
    return undefined;
  }
}
const total = (byRule: Record<string, number>) => Object.values(byRule).reduce((a, b) => a + b, 0);
const top = (byRule: Record<string, number>, n = 8) =>
  Object.entries(byRule)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** 1. The whole CLI process on the 500-file repository. */
function lint500(row: Row, dir: string): Run | undefined {
  timed(['node', CLI, 'lint', dir, '--format', 'json']); // the first run after a build fills the CLI's code cache
  const r = median(['node', CLI, 'lint', dir, '--format', 'json'], REPEAT, (out) => ourFindings(out) !== undefined);
  if (!r.ok) {
    row('CLI lint, 500 manifest files', `error: ${r.note}`);
    return undefined;
  }
  const found = ourFindings(r.stdout);
  row(`CLI lint, 500 manifest files (median of ${REPEAT}, peak RSS)`, ms(r.ms), `${r.rssMb.toFixed(0)} MB`);
  row(`  CPU time (user + system) of that run`, ms(r.cpuMs), '');
  row(`  files checked ${found?.checked ?? '?'}, findings ${found ? total(found.byRule) : '?'}${found && total(found.byRule) ? `: ${top(found.byRule, 5)}` : ''}`, '', '');
  return r;
}

/** 2. Keystrokes inside a value of a 2,000-line bundle, through the language server. */
async function keystroke(row: Row, dir: string): Promise<number | undefined> {
  const text = manifestBundle(2000);
  const path = join(dir, 'bundle.yaml');
  writeFileSync(path, text);
  const label = `LSP keystroke -> diagnostics, ${text.split('\n').length}-line bundle`;
  const client = new BenchClient(SERVER, { debounceMs: 0, scanWorkspace: false });
  try {
    await withTimeout(client.initialize(dir), 30_000, 'initialize');
    const uri = pathToFileURL(path).href;
    const times = await withTimeout(client.typeAt(uri, 'yaml', text, typingPoint(text, 'value: info'), EDITS), 120_000, 'typing');
    row(label, ms(pct(times, 50)), ms(pct(times, 95)));
    const kind = classify(path, text);
    const n = client.published.get(uri)?.diagnostics.length ?? 0;
    row(`  (${text.split('---\n').length} documents; classify(): ${kind ?? 'undefined, so not analyzed'}; ${n} diagnostics)`, '', '');
    // Where the time goes, in process: the parse of the whole stream, then parse + model + rules.
    const at = typingPoint(text, 'value: info');
    const parse: number[] = [];
    const analyze: number[] = [];
    const patched: number[] = [];
    const config = new EffectiveConfig(DEFAULT_SETTINGS);
    const index = new WorkspaceIndex({ root: dir });
    const served = new WorkspaceIndex({ root: dir });
    let previousYaml: EditableYaml | undefined;
    for (let i = -10; i < 30; i++) {
      const edited = text.slice(0, at) + 'x'.repeat(i + 11) + text.slice(at);
      let t = performance.now();
      parseYamlStream(edited);
      if (i >= 0) parse.push(performance.now() - t);
      t = performance.now();
      await analyzeSource({ source: makeSource(path, edited, kind ?? KUBERNETES), config, workspace: index });
      if (i >= 0) analyze.push(performance.now() - t);
      // As the language server does: the previous tree handed back, patched when the edit stays inside a value.
      t = performance.now();
      previousYaml = (await analyzeSource({ source: makeSource(path, edited, kind ?? KUBERNETES), config, workspace: served, previousYaml })).editable;
      if (i >= 0) patched.push(performance.now() - t);
    }
    row('  in process: parseYamlStream of the bundle', ms(pct(parse, 50)), ms(pct(parse, 95)));
    row('  in process: analyzeSource of the bundle (parse, model, rules)', ms(pct(analyze, 50)), ms(pct(analyze, 95)));
    row('  in process: the same with the previous tree (as the server)', ms(pct(patched, 50)), ms(pct(patched, 95)));
    return pct(times, 95);
  } catch (e) {
    row(label, `error: ${why(e)}`);
    return undefined;
  } finally {
    await client.close();
  }
}

/** 3. The 30-workload system: analyzeSource of an edited manifest, and the model rebuild alone. */
async function modelRebuild(row: Row, dir: string): Promise<number | undefined> {
  const label = 'analyze an edited manifest, 30 workloads (model rebuild)';
  try {
    const { files, edited } = thirtyWorkloads(dir);
    const config = new EffectiveConfig(DEFAULT_SETTINGS);
    const index = new WorkspaceIndex({ root: dir });
    const kinds = new Map<string, FileKind>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const kind = classify(f, text) ?? KUBERNETES;
      kinds.set(f, kind);
      const r = await analyzeSource({ source: makeSource(f, text, kind), config, workspace: index });
      index.update({ path: f, kind, data: r.data });
    }
    const base = readFileSync(edited, 'utf8');
    const kind = kinds.get(edited)!;
    const edit = (i: number) => base.replace(/replicas: \d+/, `replicas: ${2 + (i % 5)}`).replace('redis://cache:6379/0', `redis://cache:6379/${i % 16}`);
    const whole: number[] = [];
    let findings = 0;
    for (let i = -20; i < EDITS; i++) {
      const t = performance.now();
      const r = await analyzeSource({ source: makeSource(edited, edit(i), kind), config, workspace: index });
      if (i >= 0) whole.push(performance.now() - t); // the first 20 edits warm the JIT up
      findings = r.findings.length;
    }
    const model = await index.model.model();
    row(label, ms(pct(whole, 50)), ms(pct(whole, 95)));
    const tookEdit = (() => {
      index.model.setText(edited, edit(1000) + '# probe\n');
      return index.model.stale;
    })();
    const rebuild: number[] = [];
    for (let i = -20; i < EDITS; i++) {
      index.model.setText(edited, edit(i) + `# ${i}\n`);
      const t = performance.now();
      await index.model.model();
      if (i >= 0) rebuild.push(performance.now() - t);
    }
    row('  model() alone after setText(edited manifest)', ms(pct(rebuild, 50)), ms(pct(rebuild, 95)));
    const known = [...kinds.values()].filter((k) => k === 'kubernetes').length;
    row(`  (classify(): ${known}/${files.length} files kubernetes; model: ${model.services.length} services, ${model.edges.length} edges; ${findings} findings on the edited file${tookEdit ? '' : '; setText left the model fresh: it does not read manifests yet'})`, '', '');
    return pct(whole, 95);
  } catch (e) {
    row(label, `error: ${why(e)}`);
    return undefined;
  }
}

/** Our concerns; the rule ids of ours that may report each; Monokle's rules for it and how far they go. */
const CONCERNS: { concern: string; ours: string[]; monokle: string[]; note: string }[] = [
  { concern: 'missing probes', ours: ['missing-healthcheck', 'missing-probes'], monokle: [], note: 'no: no probe rule in practices or pod-security-standards' },
  { concern: 'resource limits', ours: ['missing-resource-limits'], monokle: ['practices/cpu-limit', 'practices/memory-limit', 'practices/cpu-request', 'practices/memory-request'], note: 'yes: cpu/memory limit and request (off by default; on here)' },
  { concern: 'unpinned image', ours: ['unpinned-image'], monokle: ['practices/no-latest-image', 'practices/image-tagged'], note: 'yes: no-latest-image, image-tagged (no Kustomize images overrides)' },
  { concern: 'hardcoded secret', ours: ['hardcoded-secret'], monokle: ['practices/no-secret-env'], note: 'partly: env names containing SECRET, never values' },
  { concern: 'exposed datastore', ours: ['exposed-database-port', 'exposed-datastore'], monokle: ['practices/no-exposed-service'], note: 'partly: every non-ClusterIP Service, datastore or not' },
  { concern: 'shared database', ours: ['shared-database'], monokle: [], note: 'no: no model of connections between workloads' },
  { concern: 'stateful app', ours: ['stateful-service'], monokle: [], note: 'no' },
  { concern: 'single replica', ours: ['single-replica', 'missing-replicas'], monokle: [], note: 'no' },
];

/** 4. Monokle and yamllint on the same 500 files, beside our run from part 1. */
function sideBySide(row: Row, dir: string, ours: Run | undefined, planted: Record<string, number>): void {
  console.log('\nKubernetes linting, whole process on the same 500 files');
  const head = (...c: string[]) => console.log(`  ${c[0].padEnd(46)}${c[1].padStart(11)}${(c[5] ?? '').padStart(11)}${c[2].padStart(9)}${c[3].padStart(10)}${c[4].padStart(14)}`);
  head('tool', 'wall', 'RSS', 'findings', 'wall vs ours', 'CPU');
  const oursFound = ours ? ourFindings(ours.stdout) : undefined;
  const line = (name: string, r: Run | undefined, findings: number | string) =>
    r?.ok ? head(name, ms(r.ms), `${r.rssMb.toFixed(0)} MB`, String(findings), ours ? `${(r.ms / ours.ms).toFixed(2)}x` : '-', ms(r.cpuMs)) : head(name, r?.note ?? 'skipped', '', '', '');
  line('backend-architect lint --format json', ours, oursFound ? total(oursFound.byRule) : '?');
  const bare = median(['node', '-e', '0'], 3);
  line('(an empty Node process, node -e 0)', bare, '-');
  const monokleWhy = ensureMonokle();
  let monokle: { byRule: Record<string, number>; resources: number; patches: number } | undefined;
  if (monokleWhy) head(`@monokle/validation ${MONOKLE_VERSION}`, `skipped: ${monokleWhy}`, '', '', '');
  else {
    const r = median(['node', MONOKLE_RUNNER, dir], TOOL_REPEAT, (out) => out.startsWith('{'));
    try {
      monokle = JSON.parse(r.stdout);
    } catch {
      monokle = undefined;
    }
    line(`@monokle/validation ${MONOKLE_VERSION} (median of ${TOOL_REPEAT})`, r, monokle ? total(monokle.byRule) : '?');
    // As a plain reading of the repository would give them: the Kustomize patches as resources.
    const asIs = timed(['node', MONOKLE_RUNNER, dir, '--keep-patches']);
    try {
      const j = JSON.parse(asIs.stdout) as { ruleFailures: number; total: number };
      console.log(`    (patch documents left out: ${monokle?.patches}; with them, ${j.ruleFailures} rule runs throw and report nothing: ${j.total} findings)`);
    } catch {
      console.log(`    (run with the patch documents: ${asIs.note ?? 'no output'})`);
    }
  }
  const yl = ensureYamllint();
  if (!yl.version) head('yamllint (syntax only)', `skipped: ${yl.why}`, '', '', '');
  else {
    const r = median(['yamllint', '-f', 'parsable', '-d', '{rules: {}}', dir], TOOL_REPEAT);
    line(`${yl.version} -d '{rules: {}}' (syntax only)`, r, r.stdout.split('\n').filter(Boolean).length);
  }
  console.log(`  Not installable here (looked up): ${LOOKED_UP}.`);
  console.log('\nOur concerns on the 500 files: planted in the corpus, found by us, by Monokle (practices, all rules on); yamllint: none (syntax only)');
  const cols = (...c: string[]) => console.log(`  ${c[0].padEnd(20)}${c[1].padStart(8)}${c[2].padStart(7)}${c[3].padStart(9)}  ${c[4]}`);
  cols('concern', 'planted', 'ours', 'Monokle', 'Monokle covers it');
  const count = (byRule: Record<string, number> | undefined, ids: string[]) => (byRule ? String(ids.reduce((a, id) => a + (byRule[id] ?? 0), 0)) : '?');
  for (const c of CONCERNS) cols(c.concern, String(planted[c.concern] ?? '-'), count(oursFound?.byRule, c.ours), c.monokle.length ? count(monokle?.byRule, c.monokle) : '-', c.note);
  const mapped = new Set(CONCERNS.flatMap((c) => c.ours));
  const other = Object.entries(oursFound?.byRule ?? {}).filter(([id]) => !mapped.has(id));
  if (other.length) console.log(`  our other findings: ${other.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const mappedMonokle = new Set(CONCERNS.flatMap((c) => c.monokle));
  const otherMonokle = Object.entries(monokle?.byRule ?? {}).filter(([id]) => !mappedMonokle.has(id));
  if (otherMonokle.length) console.log(`  Monokle's other findings (pod hardening, links): ${otherMonokle.map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

export async function benchKubernetes(row: Row): Promise<void> {
  if (process.env.BENCH_SKIP_KUBERNETES === '1') {
    console.log('\n(Kubernetes bench skipped: BENCH_SKIP_KUBERNETES=1)');
    return;
  }
  const load = loadavg()[0];
  console.log(`\nKubernetes manifests and Kustomize in the workspace model (load average ${load.toFixed(1)} on ${availableParallelism()} cores${load > 1 ? ': other processes run, times are inflated' : ''})`);
  row('measure', 'p50', 'p95 / max');
  const dirs = ['k8s500', 'k8sbundle', 'k8s30'].map((n) => mkdtempSync(join(tmpdir(), `ba-bench-${n}-`)));
  try {
    await sections(row, dirs[0], dirs[1], dirs[2]);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

async function sections(row: Row, repo: string, bundleDir: string, thirtyDir: string): Promise<void> {
  const { files, kinds, kustomizeFiles, planted } = manifestRepo(repo);
  console.log(`  (${files} files: ${Object.entries(kinds).map(([k, v]) => `${v} ${k}`).join(', ')}; ${kustomizeFiles} of them a Kustomize base and 3 overlays)`);
  const ours = lint500(row, repo);
  const keyP95 = await keystroke(row, bundleDir);
  const modelP95 = await modelRebuild(row, thirtyDir);
  const f = (x: number | undefined, d = 1) => (x === undefined ? 'error' : x.toFixed(d));
  console.log(`Targets: lint of 500 manifests <= 1000 ms (${f(ours?.ms, 0)}); keystroke in the bundle p95 <= 20 ms (${f(keyP95)}); analyze after a manifest edit p95 <= 20 ms (${f(modelP95)}).`);
  try {
    sideBySide(row, repo, ours, planted);
  } catch (e) {
    console.log(`  (side by side failed: ${why(e)})`);
  }
}

if (require.main === module) {
  const row: Row = (...cols) => console.log(cols.map((c, i) => (i === 0 ? c.padEnd(60) : c.padStart(12))).join(''));
  benchKubernetes(row).then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
