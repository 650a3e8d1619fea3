// Runs every test file under test/ (except the VS Code suite) with node's test runner and tsx. The heavy
// reliability suite (test/reliability) runs only with --reliability (`npm run test:reliability`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const reliability = args.includes('--reliability');
const only = args.filter((a) => a !== '--reliability');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'vscode' && (name !== 'reliability' || reliability)) walk(p);
    } else if (name.endsWith('.test.ts')) files.push(p);
  }
})(reliability ? join('test', 'reliability') : 'test');
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
if (!selected.length) {
  // node --test with no file would fall back to its own discovery (the VS Code suite included).
  console.error(`run-tests: no test file path contains ${only.map((o) => `'${o}'`).join(' or ')}`);
  process.exit(2);
}
// The heavy files run one at a time so their figures are not measured against each other.
const concurrency = reliability ? ['--test-concurrency=1'] : [];
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...concurrency, '--test-reporter=spec', ...selected.sort()], { stdio: 'inherit' });
process.exit(r.status ?? 1);
