// `npm run lint:example`: runs the CLI on the bundled example workspace (the CLI-only demo; `npm start` opens VS Code).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const example = resolve('examples/shop');
console.log(`Backend Architect on ${example}\n`);
const r = spawnSync(process.execPath, [resolve('dist/cli.js'), 'lint', '.'], { cwd: example, stdio: 'inherit' });
if (r.error) {
  console.error(`Could not run the CLI: ${r.error.message}`);
  process.exit(2);
}
console.log(`
To see the same findings inline, with quick fixes, in VS Code with the extension loaded: npm start
(desktop VS Code when \`code\` is on PATH, otherwise VS Code in the browser).`);
process.exit(r.status === 1 ? 0 : (r.status ?? 0));
