// Bench-only Kubernetes linters for bench/kubernetes.ts, installed on first use (never into package.json):
//  - @monokle/validation (npm), Monokle's validation library, into .bench-cache/kubernetes, driven by a small runner
//    written there (its CLI, @monokle/cli, is not on the npm registry). Offline it runs its core plugins that need
//    no download: practices (KBP rules, all enabled), pod-security-standards, resource-links, yaml-syntax. Its
//    kubernetes-schema plugin fetches schemas and its open-policy-agent plugin a WASM bundle from a CDN at run time,
//    which this machine cannot reach: both are off;
//  - yamllint (Debian package), a syntax-only baseline, installed with apt-get when missing and run as root.
// Not installable here, looked up: kubeconform, kube-score, kube-linter, kubeval, kubesec (npm 404, no Debian
// package), @monokle/cli (npm 404); checkov is on PyPI only, datree is a Go binary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const K8S_CACHE = resolve(process.env.BENCH_CACHE_KUBERNETES ?? '.bench-cache/kubernetes');
export const MONOKLE_VERSION = '0.33.0';
export const MONOKLE_RUNNER = join(K8S_CACHE, 'monokle-lint.mjs');
const MONOKLE_PKG = join(K8S_CACHE, 'node_modules', '@monokle', 'validation', 'package.json');

export const LOOKED_UP = 'npm: kubeconform, kube-score, kube-linter, kubeval, kubesec, @monokle/cli (all 404); Debian: no kubeconform/kubeval/kube-score/kube-linter package';

/** The runner: walks a folder's YAML files, makes Monokle resources of their documents, validates, prints a JSON summary. */
const RUNNER = `// Written by bench/kubernetesTools.ts: lints a folder with @monokle/validation's offline core plugins.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { createDefaultMonokleValidator, processRefs, ResourceParser } from '@monokle/validation';

function yamlFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

const root = process.argv[2];
// A workload document without a pod template is a Kustomize strategic-merge patch (it cannot be applied alone):
// Monokle's pod rules throw on it, and a rule that throws reports nothing for the whole run. Left out unless
// --keep-patches.
const keepPatches = process.argv.includes('--keep-patches');
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);
const resources = [];
let documents = 0;
let patches = 0;
for (const path of yamlFiles(root)) {
  const text = readFileSync(path, 'utf8');
  const lines = new LineCounter();
  const rel = relative(root, path);
  parseAllDocuments(text, { lineCounter: lines }).forEach((doc, i) => {
    documents++;
    const content = doc.toJS();
    if (doc.errors.length || !content || typeof content.kind !== 'string' || typeof content.apiVersion !== 'string') return;
    if (WORKLOADS.has(content.kind) && !content.spec?.template && !keepPatches) return void patches++;
    const line = lines.linePos(doc.range[0]).line;
    const name = content.metadata?.name ?? rel;
    resources.push({
      id: rel + '@' + i, fileId: rel, filePath: rel, fileOffset: line === 1 ? 0 : line, name,
      apiVersion: content.apiVersion, kind: content.kind, namespace: content.metadata?.namespace, content,
      text: doc.toString({ directives: false }),
    });
  });
}
// Rules that throw are only logged with settings.debug: count them instead of printing.
let ruleFailures = 0;
const error = console.error;
console.error = (...args) => (args[0] === 'rule_failed' ? ruleFailures++ : error(...args));
const validator = createDefaultMonokleValidator();
const plugins = { practices: true, 'pod-security-standards': true, 'resource-links': true, 'yaml-syntax': true, 'kubernetes-schema': false, 'open-policy-agent': false, metadata: false };
const settings = { debug: true };
await validator.preload({ plugins, settings });
// Every practices rule on, also those off by default (resource requests/limits, secrets in env, exposed services).
const rules = {};
for (const r of validator.rules.practices ?? []) rules['practices/' + r.name] = 'warn';
await validator.preload({ plugins, rules, settings });
processRefs(resources, new ResourceParser());
const response = await validator.validate({ resources });
const byRule = {};
let total = 0;
for (const run of response.runs) {
  const names = {};
  for (const ext of run.tool.extensions ?? []) for (const r of ext.rules ?? []) names[ext.name + '/' + r.id] = ext.name + '/' + r.name;
  for (const res of run.results) {
    const plugin = res.rule?.toolComponent?.name ?? '?';
    const key = names[plugin + '/' + res.ruleId] ?? plugin + '/' + res.ruleId;
    byRule[key] = (byRule[key] ?? 0) + 1;
    total++;
  }
}
process.stdout.write(JSON.stringify({ documents, resources: resources.length, patches, ruleFailures, total, byRule }) + '\\n');
`;

/** Installs @monokle/validation once (npm, into the cache directory) and writes the runner; a reason when that fails. */
export function ensureMonokle(): string | undefined {
  if (process.env.BENCH_MONOKLE === '0') return 'BENCH_MONOKLE=0';
  if (!existsSync(MONOKLE_PKG)) {
    mkdirSync(K8S_CACHE, { recursive: true });
    if (!existsSync(join(K8S_CACHE, 'package.json'))) writeFileSync(join(K8S_CACHE, 'package.json'), '{"name":"bench-kubernetes","private":true}\n');
    console.log(`Installing @monokle/validation@${MONOKLE_VERSION} into ${K8S_CACHE} (once)...`);
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `@monokle/validation@${MONOKLE_VERSION}`], { cwd: K8S_CACHE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0 || !existsSync(MONOKLE_PKG)) return `npm install @monokle/validation failed: ${(r.stderr || r.error?.message || '').split('\n').slice(-3).join(' ')}`;
  }
  writeFileSync(MONOKLE_RUNNER, RUNNER);
  return undefined;
}

/** yamllint's version line, installing the Debian package when missing (as root, unless BENCH_NO_INSTALL). */
export function ensureYamllint(): { version?: string; why?: string } {
  if (process.env.BENCH_YAMLLINT === '0') return { why: 'BENCH_YAMLLINT=0' };
  const probe = () => spawnSync('yamllint', ['--version'], { encoding: 'utf8' });
  let p = probe();
  if (p.status === 0) return { version: p.stdout.trim() };
  if (process.env.BENCH_NO_INSTALL || process.getuid?.() !== 0) return { why: 'not installed (apt-get install yamllint)' };
  console.log('Installing yamllint (Debian) with apt-get (once)...');
  spawnSync('sh', ['-c', 'apt-get install -y -qq yamllint >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq yamllint >/dev/null 2>&1)'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  p = probe();
  return p.status === 0 ? { version: p.stdout.trim() } : { why: 'apt-get install yamllint failed' };
}
