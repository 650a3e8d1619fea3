// `npm run package`: a .vsix with @vscode/vsce (its prepublish step makes the minified build); .vscodeignore is an
// allow-list. Fails when the package is larger than 8 MB. Prints the path and the size.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const LIMIT_BYTES = 8 * 1024 * 1024;
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = resolve(process.argv[2] ?? `${name}-${version}.vsix`);
mkdirSync(dirname(out), { recursive: true });
const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`vsce package failed (${r.status ?? r.signal})`);
  process.exit(1);
}
const size = statSync(out).size;
console.log(`${out}: ${(size / 1024 / 1024).toFixed(2)} MB (limit 8 MB)`);
if (size > LIMIT_BYTES) {
  console.error('the package is larger than 8 MB: check .vscodeignore');
  process.exit(1);
}
