// Bundles the VS Code suite into out/test/vscode: index.js (extensionTestsPath) and suite.js (the tests).
// `vscode` is provided by the extension host; mocha is loaded from node_modules so the runner and the tests share it.
import { build } from 'esbuild';

try {
  await build({
    entryPoints: { index: 'test/vscode/index.ts', suite: 'test/vscode/suite.ts', bench: 'test/vscode/bench.ts', screenshots: 'test/vscode/screenshots.ts' },
    outdir: 'out/test/vscode',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
