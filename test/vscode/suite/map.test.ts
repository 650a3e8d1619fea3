// The architecture map in a real VS Code on examples/shop: what its webview's DOM holds, clicks and Enter that open
// the right file and line, a compose edit that updates the drawing (zoom and selection kept), names kept as text,
// and webview messages the schema rejects.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { MapTestOp } from '../../../client/src/map/register';
import type { DomReport } from '../../../client/src/map/protocol';
import { extensionApi, fileUri, waitFor } from '../helpers';

const hook = <T>(op: MapTestOp) => vscode.commands.executeCommand<T>('backendArchitect.map.testHook', op);
const COMPOSE = 'docker-compose.yml';

/** A progress line in the runner's output (the VS Code server runner forwards only lines with the suite's prefix). */
const say = (line: string) => console.log(`${process.env.BA_SUITE_LINE_PREFIX ? '[ba-suite] ' : ''}${line}`);

/**
 * Probes the webview after each drawing (or every 5 s) until `ready` accepts what it holds (the mocha timeout bounds
 * the wait). `nudge` runs after 5 s without a drawing: a file event the server's watcher missed is sent again.
 */
async function domWhen(what: string, ready: (d: DomReport) => boolean, nudge?: () => Thenable<void>): Promise<DomReport> {
  let last: DomReport | undefined;
  for (let round = 0; ; round++) {
    const renders = await hook<number>({ kind: 'renders' });
    last = await step(`probing the map for ${what}`, hook<DomReport>({ kind: 'probe' }));
    if (ready(last)) return last;
    const drawn = await hook<unknown>({ kind: 'waitRender', after: renders, timeoutMs: 5000 });
    if (!drawn || round % 5 === 4) say(`still waiting for ${what} (${drawn ? 'drawn again' : 'no drawing for 5 s'}): ${last.state}, ${last.nodes.map((n) => n.id).join(' ')}; notice: ${last.notice}`);
    if (!drawn && nudge) await step(`nudging the file watcher for ${what}`, nudge());
  }
}

/** Awaits `work`, saying every 10 s which step is still running (a mocha timeout alone names no step). */
async function step<T>(what: string, work: Thenable<T>): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => say(`map test: still at "${what}" after ${Math.round((Date.now() - started) / 1000)} s`), 10_000);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

const volumesLine = (text: string) => text.split('\n').findIndex((l) => l === 'volumes:');

/** Inserts `lines` before the compose file's top-level volumes; returns a function that takes them out again. */
async function insertService(lines: string): Promise<() => Promise<void>> {
  const doc = await vscode.workspace.openTextDocument(fileUri(COMPOSE));
  const at = new vscode.Position(volumesLine(doc.getText()), 0);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, at, lines);
  assert.ok(await vscode.workspace.applyEdit(edit));
  return async () => {
    const undo = new vscode.WorkspaceEdit();
    undo.delete(doc.uri, new vscode.Range(at, new vscode.Position(at.line + lines.split('\n').length - 1, 0)));
    assert.ok(await vscode.workspace.applyEdit(undo));
    // save() is false when the web workbench's auto-save (on by default there) saved the edit first.
    await step('saving the compose file', doc.save());
    assert.ok(!doc.isDirty, 'the compose file is saved');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri)), doc.getText());
  };
}

function lineOf(text: string, needle: string): number {
  const at = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(at >= 0, `${needle} is in the file`);
  return at;
}

/** Acts on the map and waits for the compose file to be shown at `line` (the mocha timeout bounds the wait). */
async function openFromMap(action: 'click' | 'enter', target: 'node' | 'edge', id: string, line: number): Promise<vscode.TextEditor> {
  const opened = waitFor(`${COMPOSE} opened at line ${line + 1} from ${id}`, [vscode.window.onDidChangeActiveTextEditor, vscode.window.onDidChangeTextEditorSelection], () => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.uri.path.endsWith(`/${COMPOSE}`) && e.selection.active.line === line ? e : undefined;
  });
  await hook({ kind: 'act', action, target, id });
  return opened;
}

describe('architecture map', () => {
  let text = '';

  before(async () => {
    await extensionApi();
    // An earlier suite may leave a file edited and unsaved: closing it would wait on a save prompt.
    for (const d of vscode.workspace.textDocuments.filter((x) => x.isDirty)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    text = (await vscode.workspace.openTextDocument(fileUri(COMPOSE))).getText();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('backendArchitect.showArchitectureMap');
  });

  it('draws the services, datastores, external host and typed edges of examples/shop in its webview', async () => {
    const dom = await domWhen('the shop drawn', (d) => d.state === 'graph' && d.nodes.length >= 7 && d.edges.some((e) => e.id === 'users->redis'));
    assert.deepEqual(dom.nodes.map((n) => n.id).sort(), ['external:api.payprovider.example', 'gateway', 'orders', 'payments', 'postgres', 'redis', 'users']);
    for (const id of ['gateway->orders', 'orders->postgres', 'users->postgres', 'users->redis', 'payments->external:api.payprovider.example']) assert.ok(dom.edges.some((e) => e.id === id), id);
    assert.match(dom.nodes.find((n) => n.id === 'postgres')!.label, /postgres, datastore \(postgres: shop\), \d+ findings, worst warning; shared database/);
    assert.match(dom.edges.find((e) => e.id === 'users->redis')!.label, /users to redis, cache/);
    assert.match(dom.edges.find((e) => e.id === 'orders->postgres')!.label, /database: shop \(shared database\)/);
  });

  it('opens the compose file at a node\'s definition on click, and at an edge\'s connection on Enter', async () => {
    const editor = await openFromMap('click', 'node', 'payments', lineOf(text, '  payments:'));
    assert.equal(editor.selection.active.character, 2, 'at the service key');
    await openFromMap('enter', 'edge', 'users->redis', lineOf(text, 'REDIS_URL'));
    assert.equal((await hook<DomReport>({ kind: 'probe' })).selected, 'users->redis');
  });

  it('redraws after an edit of the compose file, keeping the zoom and the selection', async () => {
    await openFromMap('click', 'node', 'payments', lineOf(text, '  payments:'));
    const before = await hook<DomReport>({ kind: 'probe' });
    const undo = await insertService('  audit:\n    image: audit:1.0\n    environment:\n      ORDERS_URL: http://orders:8081\n\n');
    const after = await domWhen('the audit service drawn', (d) => d.nodes.some((n) => n.id === 'audit') && d.edges.some((e) => e.id === 'audit->orders'));
    assert.equal(after.selected, 'payments');
    assert.equal(after.zoom, before.zoom);
    await undo();
    await domWhen('the audit service gone', (d) => !d.nodes.some((n) => n.id === 'audit'));
  });

  it('keeps a service name with HTML in it as text', async () => {
    const undo = await insertService('  "<img src=x onerror=alert(1)>":\n    image: evil:1.0\n\n');
    const dom = await domWhen('the odd name drawn', (d) => d.nodes.some((n) => n.label.startsWith('<img')));
    assert.equal(dom.foreign, 0, 'no element was made from the name');
    await undo();
  });

  it('says so when a node\'s file was deleted while the map is open, and drops the node', async function () {
    // Each step waits on the VS Code server's file watcher and the language server's answer to it: on a loaded
    // machine the whole can outlast the suite's 60 s without any step hanging (each step logs what it waits for).
    this.timeout(150_000);
    const ghost = fileUri('ghost/docker-compose.yml');
    // A file written into a folder made the same instant can escape a recursive watcher (the folder's watch is not
    // set yet): the folder is made first, and the file is written again while the map has not drawn it.
    await step('making the ghost folder', vscode.workspace.fs.createDirectory(fileUri('ghost')));
    let writes = 0;
    const write = () => vscode.workspace.fs.writeFile(ghost, new TextEncoder().encode(`services:\n  ghost:\n    image: ghost:1.0\n# write ${++writes}\n`));
    await step('writing the ghost compose file', write());
    await domWhen('the ghost service drawn', (d) => d.nodes.some((n) => n.id.endsWith('ghost')), write);
    const id = (await hook<{ nodes: { id: string }[] }>({ kind: 'graph' })).nodes.find((n) => n.id.endsWith('ghost'))!.id;
    await step('deleting the ghost compose file', vscode.workspace.fs.delete(ghost));
    await step('opening the deleted node from the map', hook({ kind: 'receive', message: { type: 'open', target: 'node', id } }));
    // What the map said, from the host: the webview shows a notice only until its next drawing, which may come first.
    const notices = await hook<string[]>({ kind: 'notices' });
    assert.match(notices[notices.length - 1] ?? '', /ghost\/docker-compose\.yml no longer exists|no longer on the map/);
    // A deletion the watcher missed is sent again: the file is made and deleted once more.
    const deleteAgain = async () => {
      await vscode.workspace.fs.writeFile(ghost, new TextEncoder().encode('services: {}\n'));
      await vscode.workspace.fs.delete(ghost);
    };
    await domWhen('the ghost service gone', (d) => d.state === 'graph' && !d.nodes.some((n) => n.id === id), deleteAgain);
  });

  it('ignores webview messages its schema rejects: a path to open, unknown types, extra keys', async () => {
    const received = async () => (await hook<string[]>({ kind: 'received' })).filter((t) => t === 'invalid').length;
    const n = await received();
    await hook({ kind: 'receive', message: { type: 'open', target: 'node', id: 'payments', path: '/etc/passwd' } });
    await hook({ kind: 'receive', message: { type: 'openFile', path: '/etc/passwd' } });
    await hook({ kind: 'receive', message: { type: 'exportPng', base64: 'not base64 <script>' } });
    assert.equal(await received(), n + 3);
    assert.ok((await hook<string[]>({ kind: 'received' })).includes('ready'), 'the webview script ran under its CSP');
  });
});
