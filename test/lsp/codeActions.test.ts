// Quick fixes and edits over a real LSP connection: a fix applies and its finding goes, an edit re-diagnoses,
// a fix computed for an older version is not offered, fixes built on request, suppression comments, stale results
// never published.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { codes, editsFor, fullCapabilities, makeWorkspace, uriOf, withServer } from './client';
import { COMPOSE, OPENAPI, OPENAPI_JSON, PYTHON, SAMPLE_SETTINGS, onlyRules } from './samples';

/** The sample rules only, and no workspace scan: each test opens the files it looks at. */
const noScan = { ...SAMPLE_SETTINGS, scanWorkspace: false };

/** A GET returning an array, with an unbounded query parameter and no error or 429 response: rules whose fixes are built on request. */
const LISTING = `openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /v1/orders:
    get:
      parameters:
        - name: q
          in: query
          schema:
            type: string
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items:
                  type: string
`;

describe('language server quick fixes', () => {
  for (const [file, text, rule] of [
    ['client.py', PYTHON, 'missing-timeout'],
    ['openapi.yaml', OPENAPI, 'missing-auth'],
    ['docker-compose.yml', COMPOSE, 'missing-healthcheck'],
    ['openapi.yaml', LISTING, 'unbounded-input'],
    ['openapi.yaml', LISTING, 'missing-pagination'],
    ['openapi.yaml', LISTING, 'missing-error-responses'],
    ['openapi.yaml', LISTING, 'missing-rate-limit'],
  ] as const) {
    test(`applies the ${rule} quick fix and the finding disappears`, async () => {
      const root = makeWorkspace({ [file]: text });
      const path = join(root, file);
      // Only this rule runs, so the file is clean once its fix is applied.
      await withServer({ root, settings: { scanWorkspace: false, rules: onlyRules(rule) } }, async (c) => {
        const diags = await c.open(path);
        assert.deepEqual(codes(diags), [rule]);
        const actions = await c.codeActions(path, diags);
        const fix = actions.find((a) => a.isPreferred);
        assert.ok(fix?.edit, `a preferred quick fix among ${actions.map((a) => a.title).join(', ')}`);
        assert.equal(fix.kind, 'quickfix');
        assert.deepEqual(fix.diagnostics?.map((d) => d.code), [rule]);
        const version = await c.applyWorkspaceEdit(path, fix.edit);
        assert.deepEqual(await c.waitForDiagnostics(path, () => true, version), []);
      });
    });
  }

  test('publishes only the id of a fix built on request, builds it when asked, and not for an older version', async () => {
    const root = makeWorkspace({ 'openapi.yaml': LISTING });
    const path = join(root, 'openapi.yaml');
    await withServer({ root, settings: { scanWorkspace: false, debounceMs: 2000, rules: onlyRules('unbounded-input') } }, async (c) => {
      const diags = await c.open(path);
      const data = diags[0].data as { fix?: unknown; fixId?: unknown };
      assert.equal(data.fix, undefined, 'no edits in the published diagnostic');
      assert.equal(typeof data.fixId, 'number');
      const [fix] = await c.codeActions(path, diags);
      assert.deepEqual(editsFor(fix.edit, uriOf(path)).map((e) => e.newText.trim()), ['maxLength: 255']);
      const bare = { ...diags[0], data: undefined };
      assert.equal((await c.codeActions(path, [bare]))[0]?.title, fix.title, 'found from what was published when the client drops data');
      await c.change(path, `${LISTING}\n`);
      assert.deepEqual(await c.codeActions(path, diags), []);
    });
  });

  test('sends versioned documentChanges when the client supports them, plain changes otherwise', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON });
    const path = join(root, 'client.py');
    await withServer({ root, settings: noScan }, async (c) => {
      const [fix] = await c.codeActions(path, await c.open(path));
      assert.deepEqual((fix.edit!.documentChanges![0] as any).textDocument, { uri: uriOf(path), version: 1 });
    });
    const caps = fullCapabilities();
    caps.workspace!.workspaceEdit = {};
    await withServer({ root: makeWorkspace({ 'client.py': PYTHON }), capabilities: caps, settings: noScan }, async (c) => {
      const p = join(c.root!, 'client.py');
      const [fix] = await c.codeActions(p, await c.open(p));
      assert.deepEqual(editsFor(fix.edit, uriOf(p)).map((e) => e.newText), [', timeout=10']);
      assert.equal(fix.edit!.documentChanges, undefined);
    });
  });

  test('re-diagnoses a document after an edit', async () => {
    const root = makeWorkspace({ 'client.py': 'import requests\n' });
    const path = join(root, 'client.py');
    await withServer({ root, settings: noScan }, async (c) => {
      assert.deepEqual(await c.open(path), []);
      const v2 = await c.change(path, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'requests.post("http://x")\n' }]);
      const diags = await c.waitForDiagnostics(path, () => true, v2);
      assert.deepEqual(codes(diags), ['missing-timeout']);
      assert.equal(diags[0].range.start.line, 1);
      const v3 = await c.change(path, 'import requests\nrequests.post("http://x", timeout=3)\n');
      assert.deepEqual(await c.waitForDiagnostics(path, () => true, v3), []);
    });
  });

  test('does not offer a fix computed for an older version of the document', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON });
    const path = join(root, 'client.py');
    await withServer({ root, settings: { ...noScan, debounceMs: 2000 } }, async (c) => {
      const stale = await c.open(path);
      assert.ok((await c.codeActions(path, stale)).length > 0);
      // The edit leaves the finding where it was, but its fix was computed for version 1.
      await c.change(path, `${PYTHON}\n`);
      assert.deepEqual(await c.codeActions(path, stale), []);
    });
  });

  test('offers fixes only for quickfix requests and only for its own diagnostics', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON });
    const path = join(root, 'client.py');
    await withServer({ root, settings: noScan }, async (c) => {
      const diags = await c.open(path);
      assert.deepEqual(await c.codeActions(path, diags, ['refactor']), []);
      const foreign = { ...diags[0], source: 'other-linter' };
      assert.deepEqual(await c.codeActions(path, [foreign]), []);
      // A client that drops `data` still gets the fix: the server matches code and range to what it published.
      const bare = { ...diags[0], data: undefined };
      assert.equal((await c.codeActions(path, [bare])).length, 2);
    });
  });

  test('suppresses a finding with a comment on the line above, in the file type\'s comment syntax', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON, 'docker-compose.yml': COMPOSE, 'openapi.json': OPENAPI_JSON });
    await withServer({ root, settings: noScan }, async (c) => {
      const py = join(root, 'client.py');
      const suppress = (await c.codeActions(py, await c.open(py))).find((a) => a.title === 'Suppress missing-timeout on this line');
      assert.ok(suppress);
      assert.deepEqual(editsFor(suppress.edit, uriOf(py)).map((e) => e.newText), ['    # backend-architect-ignore missing-timeout\n']);
      const v = await c.applyWorkspaceEdit(py, suppress.edit);
      assert.deepEqual(await c.waitForDiagnostics(py, () => true, v), []);

      const compose = join(root, 'docker-compose.yml');
      const titles = (await c.codeActions(compose, await c.open(compose))).map((a) => a.title);
      assert.ok(titles.includes('Suppress missing-healthcheck on this line'));

      const json = join(root, 'openapi.json');
      const jsonDiags = await c.open(json);
      assert.deepEqual(codes(jsonDiags), ['missing-auth']);
      const jsonTitles = (await c.codeActions(json, jsonDiags)).map((a) => a.title);
      assert.ok(!jsonTitles.some((t) => t.startsWith('Suppress')), 'JSON has no comments');
      assert.equal(jsonTitles.length, 1);
    });
  });

  test('never publishes results for a version older than the latest edit', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON });
    const path = join(root, 'client.py');
    await withServer({ root, settings: { ...noScan, debounceMs: 50 } }, async (c) => {
      await c.open(path);
      const from = c.mark();
      let last = 1;
      for (let i = 0; i < 20; i++) last = await c.change(path, `${PYTHON}${'\n'.repeat(i + 1)}`);
      await c.waitForDiagnostics(path, () => true, last);
      const versions = c.messages('textDocument/publishDiagnostics', from).filter((p) => p.uri === uriOf(path)).map((p) => p.version);
      assert.deepEqual(versions, [last], `published versions ${versions}`);
    });
  });

  test('publishes only increasing versions ending with the latest when edits arrive faster than analysis', async () => {
    const root = makeWorkspace({ 'client.py': PYTHON });
    const path = join(root, 'client.py');
    await withServer({ root, settings: { ...noScan, debounceMs: 0 } }, async (c) => {
      const from = c.mark();
      await c.sendOpen(path, PYTHON);
      let last = 1;
      for (let i = 0; i < 30; i++) last = await c.change(path, `${PYTHON}${'\n'.repeat(i + 1)}`);
      await c.waitForDiagnostics(path, () => true, last);
      const versions = c.messages('textDocument/publishDiagnostics', from).filter((p) => p.uri === uriOf(path)).map((p) => p.version as number);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions ${versions}`);
      assert.equal(new Set(versions).size, versions.length, `published versions ${versions}`);
      assert.equal(versions.at(-1), last);
    });
  });
});
