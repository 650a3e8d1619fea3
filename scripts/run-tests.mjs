// Runs every test file under test/ (except the VS Code suite) with node's test runner and tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'vscode') walk(p);
    } else if (name.endsWith('.test.ts')) files.push(p);
  }
})('test');
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
if (!selected.length) {
  // node --test with no file would fall back to its own discovery (the VS Code suite included).
  console.error(`run-tests: no test file path contains ${only.map((o) => `'${o}'`).join(' or ')}`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...selected.sort()], { stdio: 'inherit' });
process.exit(r.status ?? 1);
