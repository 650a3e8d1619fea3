// `npm run screenshots`: PNGs of the extension in a real VS Code (the VS Code server in headless chromium) on a copy
// of examples/shop, written to docs/: the Problems panel with squiggles, the quick-fix menu on a missing timeout,
// the chat panel with a streamed answer (from a local fake Messages API), an answer with a drawn Mermaid diagram, and the architecture map in a light and
// a dark theme, and the review document (Review Architecture Document's Markdown and preview, and the CLI's HTML in
// chromium). The scenes are set up inside VS Code by out/test/vscode/screenshots.js; this side takes the pictures.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  // Last: the review scene closes the side bar and leaves an unsaved untitled document (closing it would ask to save).
  { name: 'review', file: 'screenshot-review.png', layout: previewAtChecklist, viewport: { width: 1280, height: 1080 } },
  { name: 'reviewHtml', file: 'screenshot-review-html.png', shoot: shootHtmlReview },
];
// `npm run screenshots -- map` takes only the scenes whose name contains one of the arguments.
const ONLY = process.argv.slice(2).map((a) => a.toLowerCase());
/** Rendering after a scene is ready (fonts, the webview, the hover delay of the lightbulb menu). */
const SETTLE_MS = 2000;
const VIEWPORT = { width: 1280, height: 800 };
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
/** Once the Markdown preview has drawn the review, scrolls the source to the checklist (the preview follows). */
async function previewAtChecklist(page, director) {
  const preview = page.frameLocator('iframe.webview').frameLocator('#active-frame');
  await preview.getByRole('heading', { name: "The architect's checklist" }).waitFor({ timeout: 60_000 });
  await step(director, 'reviewChecklist');
}
/** `backend-architect review --format html` written into a copy of examples/shop, opened in chromium at its top. */
async function shootHtmlReview(browser, dir, path) {
  const folder = join(dir, 'html', 'shop');
  mkdirSync(join(dir, 'html'));
  cpSync(join(ROOT, 'examples/shop'), folder, { recursive: true });
  const args = [join(ROOT, 'dist/cli.js'), 'review', '.', '--format', 'html', '--output', 'architecture-review.html'];
  const r = spawnSync(process.execPath, args, { cwd: folder, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`backend-architect review exited with ${r.status}: ${r.stderr}`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 940 }, deviceScaleFactor: 1, colorScheme: 'light' });
  await page.goto(pathToFileURL(join(folder, 'architecture-review.html')).href);
  await page.screenshot({ path });
  await page.close();
}
/** Has the director set up a scene (or a step of one) and waits until it is ready. */
async function step(director, name) {
  const r = await fetch(`${director}/scene/${name}`, { method: 'POST' });
  if (!r.ok) throw new Error(`scene ${name} failed: ${await r.text()}`);
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
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
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
      if (scene.shoot) {
        await scene.shoot(browser, dir, join(OUT, scene.file));
        log(`docs/${scene.file}`);
        continue;
      }
      await page.setViewportSize(scene.viewport ?? VIEWPORT);
      await step(director, scene.name);
      await scene.layout?.(page, director);
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
