// `npm run screenshots`: PNGs of the extension in a real VS Code (the VS Code server in headless chromium) on a copy
// of examples/shop, written to docs/: the Problems panel with squiggles, the quick-fix menu on a missing timeout,
// the chat panel with a streamed answer (from a local fake Messages API), an answer with a drawn Mermaid diagram, and the architecture map in a light and
// a dark theme. The scenes are set up inside VS Code
// by out/test/vscode/screenshots.js; this side takes the pictures.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from './browser.mjs';
import { ensureInstalled } from './install.mjs';
import { clientUrl, remoteUri, startServer } from './server.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const DIRECTOR = join(ROOT, 'out/test/vscode/screenshots.js');
const OUT = join(ROOT, 'docs');
const SCENES = [
  { name: 'problems', file: 'screenshot-problems.png' },
  { name: 'quickfix', file: 'screenshot-quickfix.png' },
  { name: 'chat', file: 'screenshot-chat.png', layout: widenSideBar },
  { name: 'chatDiagram', file: 'screenshot-chat-diagram.png', layout: widenSideBar },
  { name: 'mapLight', file: 'screenshot-map-light.png' },
  { name: 'mapDark', file: 'screenshot-map-dark.png' },
];
// `npm run screenshots -- map` takes only the scenes whose name contains one of the arguments.
const ONLY = process.argv.slice(2).map((a) => a.toLowerCase());
/** Rendering after a scene is ready (fonts, the webview, the hover delay of the lightbulb menu). */
const SETTLE_MS = 2000;
/** What a user who trusts the folder and does not use the built-in AI features sees. */
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
};
/** Drags the side bar's edge to the right, as a user reading a chat answer would. */
async function widenSideBar(page) {
  const box = await page.locator('[id="workbench.parts.sidebar"]').boundingBox();
  if (!box) return;
  const x = box.x + box.width + 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 300, y, { steps: 10 });
  await page.mouse.move(620, y, { steps: 5 });
  await page.mouse.up();
}
const log = (msg) => console.log(`[screenshots] ${msg}`);

async function main() {
  if (!existsSync(DIRECTOR)) throw new Error(`${DIRECTOR} is missing: run npm run build:test-vscode`);
  ensureInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'ba-shots-'));
  const workspace = join(dir, 'shop');
  cpSync(join(ROOT, 'examples/shop'), workspace, { recursive: true });
  const server = await startServer({ dir, extraArgs: ['--enable-smoke-test-driver'], userSettings: USER_SETTINGS });
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    let exitCode;
    await page.exposeFunction('codeAutomationExit', (code) => {
      exitCode = Number(code);
    });
    const port = new Promise((resolvePort) => {
      page.on('console', (msg) => {
        const m = /\[ba-shot\] port (\d+)/.exec(msg.text());
        if (m) resolvePort(Number(m[1]));
      });
    });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server, ROOT)],
      ['extensionTestsPath', remoteUri(server, DIRECTOR)],
    ];
    await page.goto(clientUrl(server, workspace, payload));
    const director = `http://127.0.0.1:${await port}`;
    for (const scene of SCENES.filter((x) => !ONLY.length || ONLY.some((o) => x.name.toLowerCase().includes(o)))) {
      const r = await fetch(`${director}/scene/${scene.name}`, { method: 'POST' });
      if (!r.ok) throw new Error(`scene ${scene.name} failed: ${await r.text()}`);
      await scene.layout?.(page);
      await page.waitForTimeout(SETTLE_MS);
      await page.screenshot({ path: join(OUT, scene.file) });
      log(`docs/${scene.file}`);
    }
    await fetch(`${director}/done`, { method: 'POST' });
    if (exitCode) throw new Error(`the director exited with ${exitCode}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`[screenshots] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
