import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';

describe('WorkspaceIndex', () => {
  it('starts empty', () => {
    const ws = new WorkspaceIndex();
    assert.equal(ws.size, 0);
    assert.equal(ws.get('/a.yaml'), undefined);
    assert.deepEqual(ws.ofKind('openapi'), []);
  });

  it('stores a file by path and replaces it on update', () => {
    const ws = new WorkspaceIndex();
    ws.update({ path: '/a.yaml', kind: 'openapi' });
    ws.update({ path: '/a.yaml', kind: 'compose' });
    assert.equal(ws.size, 1);
    assert.equal(ws.get('/a.yaml')?.kind, 'compose');
  });

  it('keeps a file\'s parsed root unless told not to (lint keeps only kinds)', () => {
    const root = { kind: 'scalar' as const, value: 'x', text: 'x', start: 0, end: 1 };
    const keeping = new WorkspaceIndex();
    keeping.update({ path: '/a.yaml', kind: 'openapi', data: root });
    assert.equal(keeping.get('/a.yaml')?.data, root);
    const lean = new WorkspaceIndex({ keepData: false });
    lean.update({ path: '/a.yaml', kind: 'openapi', data: root });
    assert.deepEqual(lean.get('/a.yaml'), { path: '/a.yaml', kind: 'openapi' });
    assert.deepEqual(lean.ofKind('openapi').map((f) => f.path), ['/a.yaml']);
  });

  it('looks for the service folder of code no compose service builds only inside the workspace folder', async () => {
    const server = 'const app = require("express")(); app.listen(3000);';
    const files = { '/top/package.json': '{}', '/top/server.js': server, '/top/ws/src/client.ts': 'fetch("http://orders:8080/x")' };
    const serviceDir = async (index: WorkspaceIndex) => (await index.outbound.refresh('/top/ws/src/client.ts', await index.model.model()))?.dir;
    assert.equal(await serviceDir(new WorkspaceIndex({ fs: memoryFs(files) })), '/top', 'unbounded, the manifest above is found');
    assert.equal(await serviceDir(new WorkspaceIndex({ fs: memoryFs(files), boundary: '/top/ws' })), undefined, 'not above the workspace folder');
    assert.equal(await serviceDir(new WorkspaceIndex({ fs: memoryFs(files), boundary: '/top/w' })), '/top', '/top/w does not hold /top/ws');
    const inside = { ...files, '/top/ws/package.json': '{}', '/top/ws/src/main.ts': server };
    assert.equal(await serviceDir(new WorkspaceIndex({ fs: memoryFs(inside), boundary: '/top/ws' })), '/top/ws', 'a service folder inside it');
  });

  it('checks no file again for a moved finding when nothing changed since the last check (code outside any service)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`/ws/lib/m${i}.ts`] = `export const f${i} = () => fetch("http://orders:8080/${i}");`;
    const index = new WorkspaceIndex({ fs: memoryFs(files), boundary: '/ws' });
    const model = await index.model.model();
    for (const path of Object.keys(files)) assert.equal(await index.outbound.reportsOn(path, model), false);
    await index.outbound.staleFiles(model);
    let refreshed = 0;
    const refresh = index.outbound.refresh.bind(index.outbound);
    index.outbound.refresh = (...args) => (refreshed++, refresh(...args));
    assert.deepEqual(await index.outbound.staleFiles(model), []);
    assert.equal(refreshed, 0, 'a workspace with no compose services used to look like its host names changed, every time');
  });

  it('reuses the model and a service summary when a file of a big folder that no summary read is analyzed', async () => {
    // A service built from a folder of 450 code files: the model and the summaries read its first 400 only.
    const files: Record<string, string> = {
      '/w/docker-compose.yml': 'services:\n  api:\n    build: .\n',
      '/w/main.py': 'import uvicorn\nuvicorn.run(app)\n',
    };
    for (let i = 0; i < 450; i++) files[`/w/pkg/m${String(i).padStart(3, '0')}.py`] = `import httpx\nhttpx.get("http://orders:8080/${i}")\n`;
    const ws = new WorkspaceIndex({ root: '/w', fs: memoryFs(files) });
    ws.model.fileChanged('/w/docker-compose.yml');
    const model = await ws.model.model();
    assert.equal(model.services[0]?.sourceDir, '/w');
    const first = await ws.outbound.refresh('/w/pkg/m000.py', model, files['/w/pkg/m000.py']);
    assert.equal(first?.calls.length, 399, 'main.py and the first 399 of pkg/');
    const version = ws.model.version;
    // Past the first 400 files: the same text as the disk's, read by nothing yet.
    ws.model.setText('/w/pkg/m449.py', files['/w/pkg/m449.py']);
    assert.equal(ws.model.version, version, 'a text nothing read changes no input');
    assert.equal(ws.model.stale, false);
    assert.equal(await ws.outbound.refresh('/w/pkg/m449.py', await ws.model.model(), files['/w/pkg/m449.py']), first, 'the summary is reused');
    // A file the summary read, now with another text: the model and the summary follow.
    const edited = 'import httpx\nhttpx.get("http://orders:8080/x", timeout=3)\n';
    ws.model.setText('/w/pkg/m001.py', edited);
    assert.notEqual(ws.model.version, version);
    const after = await ws.outbound.refresh('/w/pkg/m001.py', await ws.model.model(), edited);
    assert.notEqual(after, first, 'summed up again');
    assert.equal(after?.calls.length, first?.calls.length, 'the same calls, one of them edited');
  });

  it('lists the files of one kind', () => {
    const ws = new WorkspaceIndex();
    ws.update({ path: '/a.yaml', kind: 'openapi' });
    ws.update({ path: '/compose.yaml', kind: 'compose' });
    ws.update({ path: '/b.json', kind: 'openapi' });
    assert.deepEqual(ws.ofKind('openapi').map((f) => f.path).sort(), ['/a.yaml', '/b.json']);
    assert.deepEqual(ws.ofKind('python'), []);
  });

  it('forgets a removed file and ignores removing an unknown one', () => {
    const ws = new WorkspaceIndex();
    ws.update({ path: '/a.yaml', kind: 'openapi' });
    ws.remove('/a.yaml');
    ws.remove('/never.yaml');
    assert.equal(ws.size, 0);
    assert.equal(ws.get('/a.yaml'), undefined);
  });
});
