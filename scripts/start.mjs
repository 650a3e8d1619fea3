// `npm start` (after the build): examples/shop in VS Code with the extension under development loaded. Desktop VS
// Code when `code` is on PATH; otherwise the VS Code server on 127.0.0.1, opened in a browser at the printed URL
// (installed into a cache directory on first run, with progress). `--browser` forces the browser; `--port N`.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureInstalled } from './vscode-server/install.mjs';
import { CACHE_DIR } from './vscode-server/paths.mjs';
import { clientUrl, remoteUri, startServer } from './vscode-server/server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const EXAMPLE = join(ROOT, 'examples/shop');
const args = process.argv.slice(2);

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function desktop() {
  console.log(`Opening ${EXAMPLE} in VS Code with the extension from ${ROOT} ("Extension Development Host").`);
  const r = spawnSync('code', ['--extensionDevelopmentPath', ROOT, EXAMPLE], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

async function browser() {
  console.log('No `code` on PATH: starting VS Code in the browser (the VS Code server from code-server, on 127.0.0.1).');
  try {
    ensureInstalled();
  } catch (error) {
    console.error(`Could not install the VS Code server into ${CACHE_DIR}: ${error.message}`);
    console.error('The CLI demo still works: npm run lint:example');
    process.exit(1);
  }
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : undefined;
  const dir = join(CACHE_DIR, 'start');
  // The smoke-test driver makes the web client honour the payload that loads the extension under development.
  const server = await startServer({ dir, port, extraArgs: ['--enable-smoke-test-driver'] });
  const url = clientUrl(server, EXAMPLE, [['extensionDevelopmentPath', remoteUri(server, ROOT)]]);
  console.log(`
Backend Architect on examples/shop, in VS Code in the browser. Open:

  ${url}

The Problems panel lists the findings; open openapi/shop.yaml, docker-compose.yml or orders/app.py for the
squiggles and quick fixes (Ctrl+.). Server log: ${server.logPath}. Ctrl+C stops the server.`);
  const { code, signal } = await server.exited;
  if (server.stopping) return;
  console.error(`The VS Code server exited (${code ?? signal}); see ${server.logPath}`);
  process.exit(1);
}

if (!args.includes('--browser') && onPath('code')) desktop();
else await browser();

