// `npm start`: runs the analyzer on the bundled example workspace and says how to open it in VS Code.
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
To see the same findings inline, with quick fixes, open the example in VS Code with the extension loaded:
  code --extensionDevelopmentPath="${resolve('.')}" "${example}"
(or open this folder in VS Code and press F5: "Run Extension").`);
process.exit(r.status === 1 ? 0 : (r.status ?? 0));
