// `npm run test:vscode:server`: runs the VS Code suite (out/test/vscode) inside the VS Code server with the extension
// under development, on a temporary copy of examples/shop, driven by Debian's chromium. Exit code: the suite's.
// Options: --vsix FILE installs that package into the server instead of loading the working tree; --tests FILE
// loads another extensionTestsPath (the bench's activation probe); --keep keeps the temporary folder.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from './browser.mjs';
import { ensureInstalled } from './install.mjs';
import { clientUrl, remoteUri, startServer } from './server.mjs';
import { installVsix } from './vsix.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const TESTS = join(ROOT, 'out/test/vscode/index.js');
const RUN_TIMEOUT_MS = Number(process.env.BA_VSCODE_RUN_TIMEOUT_MS ?? 5 * 60_000);
const SUITE_LINE_PREFIX = '[ba-suite] ';
const log = (msg) => console.log(`[vscode-server] ${msg}`);

function parseArgs(argv) {
  const value = (flag) => (argv.includes(flag) ? resolve(argv[argv.indexOf(flag) + 1]) : undefined);
  return { vsix: value('--vsix'), tests: value('--tests'), keep: argv.includes('--keep') };
}

/** Extension host and test output reach the page console; print the suite's lines, not the workbench's chatter. */
const consoleErrors = [];
let summary;
function printConsole(msg) {
  if (process.env.BA_VSCODE_DEBUG) console.log(`  [console.${msg.type()}] ${msg.text()}`);
  const text = msg.text();
  if (msg.type() === 'error') consoleErrors.push(text.slice(0, 2000));
  const at = text.indexOf(SUITE_LINE_PREFIX);
  if (at < 0) return;
  const line = text.slice(at + SUITE_LINE_PREFIX.length);
  if (/^\d+ passed, \d+ failed/.test(line)) summary = line;
  else console.log(line);
}

function placeholderExtension(dir) {
  const path = join(dir, 'suite-host');
  mkdirSync(path, { recursive: true });
  const manifest = { name: 'suite-host', publisher: 'backend-architect-tests', version: '0.0.0', engines: { vscode: '*' } };
  writeFileSync(join(path, 'package.json'), JSON.stringify(manifest));
  return path;
}

export async function runSuite({ vsix, tests = TESTS, keep = false } = {}) {
  for (const f of vsix ? [tests, vsix] : [tests, join(ROOT, 'dist/extension.js'), join(ROOT, 'dist/server.js')]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run npm run build and node test/vscode/build.mjs first`);
  }
  ensureInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'ba-vscode-'));
  const workspace = join(dir, 'shop');
  cpSync(join(ROOT, 'examples/shop'), workspace, { recursive: true });
  if (vsix) installVsix(vsix, join(dir, 'extensions'));
  const server = await startServer({ dir, extraArgs: ['--enable-smoke-test-driver'], env: { BA_EXPECT_REMOTE: '1', BA_SUITE_LINE_PREFIX: '1', BA_EXPECT_INSTALLED: vsix ? '1' : '0', ...(process.env.BA_VSCODE_GREP ? { BA_VSCODE_GREP: process.env.BA_VSCODE_GREP } : {}) } });
  log(`server on ${server.base} (pid group ${server.pid}), workspace ${workspace}${vsix ? `, installed ${vsix}` : ''}`);
  let browser;
  const started = Date.now();
  try {
    // The web client runs extensionTestsPath only in extension development mode: with a .vsix installed, an empty
    // placeholder extension is the one under development and the installed package is loaded as users get it.
    const development = vsix ? placeholderExtension(dir) : ROOT;
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server, development)],
      ['extensionTestsPath', remoteUri(server, tests)],
    ];
    browser = await launchChromium();
    const page = await browser.newPage();
    page.on('console', printConsole);
    let timer;
    const code = await new Promise((resolveCode, reject) => {
      page.exposeFunction('codeAutomationExit', (c) => resolveCode(Number(c))).then(
        () => page.goto(clientUrl(server, workspace, payload)).catch(reject),
        reject,
      );
      server.exited.then(({ code: c, signal }) => reject(new Error(`the VS Code server exited (${c ?? signal}) during the run; see ${server.logPath}`)));
      page.on('crash', () => reject(new Error('the browser page crashed')));
      timer = setTimeout(() => reject(new Error(`no result after ${RUN_TIMEOUT_MS / 1000} s (window.codeAutomationExit was not called)`)), RUN_TIMEOUT_MS);
    }).finally(() => clearTimeout(timer));
    if (code !== 0 && consoleErrors.length) {
      log('errors in the browser console (the last 20; BA_VSCODE_DEBUG=1 prints all of it):');
      for (const line of consoleErrors.slice(-20)) console.log(`  ${line}`);
    }
    log(`suite finished with exit code ${code} in ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(`vscode-server: ${summary ?? `no test report (exit code ${code})`}`);
    return code;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    if (!keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  }
}

if (process.argv[1] === import.meta.filename) {
  runSuite(parseArgs(process.argv.slice(2))).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`[vscode-server] ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
