// Bundles the client, the language server and the CLI; copies the tree-sitter grammars. Exits non-zero on failure.
import { build, context } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const require = createRequire(import.meta.url);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  // Prefer ESM entry points: jsonc-parser's `main` is a UMD build whose internal requires esbuild cannot follow.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build reads import.meta.url, which is empty in a CommonJS bundle: use its CJS build.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};
const targets = [
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/lsp/main.ts', scanWorker: 'server/src/lsp/scanWorker.ts', analysisWorker: 'server/src/lsp/analysisWorker.ts' }, outdir: 'dist' },
  // The CLI: cli.js is a small loader (code cache), cliMain.js the commands, cliAsk.js `ask` and the chat SDK,
  // cliReviewHtml.js the HTML review page (markdown-it, the graph layout): lint never loads those two.
  { ...common, entryPoints: { cli: 'server/src/cli/bin.ts', cliAsk: 'server/src/cli/ask.ts', cliReviewHtml: 'server/src/core/review/html.ts' }, outdir: 'dist' },
  // Minified in every build: each run reads and loads about half the bytes (`node --enable-source-maps` maps traces).
  { ...common, entryPoints: { cliMain: 'server/src/cli/main.ts' }, outdir: 'dist', minify: true, supported: { 'dynamic-import': false }, plugins: [sibling('./ask', './cliAsk.js'), sibling('../core/review/html', './cliReviewHtml.js')] },
  // The chat webview's script: a browser bundle (markdown-it, highlight.js core), loaded under the panel's CSP.
  { ...common, platform: 'browser', format: 'iife', target: 'es2020', mainFields: ['browser', 'module', 'main'], alias: {}, entryPoints: { chat: 'client/src/chat/webview/main.js' }, outdir: 'dist/webview', minify: true },
  // The architecture map's webview script: a browser bundle, loaded by the panel under its CSP.
  { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { map: 'client/webview/map/main.ts' }, outdir: 'dist/webview', sourcemap: false, minify: true, logLevel: 'info' },
];

/** Leaves an import of `spec` out of the bundle, as a require of the sibling bundle `file` at run time. */
function sibling(spec, file) {
  return { name: `sibling ${file}`, setup: (b) => b.onResolve({ filter: new RegExp(`^${spec.replace(/[.]/g, '\\.')}$`) }, () => ({ path: file, external: true })) };
}

function copyGrammars() {
  const out = 'dist/grammars';
  mkdirSync(out, { recursive: true });
  cpSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), join(out, 'tree-sitter.wasm'));
  const wasmDir = join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  for (const lang of ['python', 'typescript', 'tsx', 'javascript', 'go', 'java']) {
    cpSync(join(wasmDir, `tree-sitter-${lang}.wasm`), join(out, `tree-sitter-${lang}.wasm`));
  }
}

try {
  if (!watch) rmSync('dist', { recursive: true, force: true });
  copyGrammars();
  if (watch) {
    for (const t of targets) await (await context(t)).watch();
    console.log('[watch] build finished, watching for changes');
  } else {
    await Promise.all(targets.map((t) => build(t)));
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
