// The review document request (backendArchitect/reviewDocument) over a real LSP connection: the same document as the CLI.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REVIEW_DOCUMENT_REQUEST, type ReviewDocumentResult } from '../../server/src/lsp/protocol';
import { makeWorkspace, uriOf, withServer } from './client';

const COMPOSE = ['services:', '  orders:', '    build: ./orders', '    environment:', '      DATABASE_URL: postgres://db:5432/shop', '  users:', '    build: ./users', '    environment:', '      DATABASE_URL: postgres://db:5432/shop', '  db:', '    image: postgres:16', ''].join('\n');

describe('review document request', () => {
  test('returns the review of the workspace folder with the checklist, links relative to the folder', async () => {
    const root = makeWorkspace({ 'docker-compose.yml': COMPOSE });
    await withServer({ root, settings: { scanWorkspace: false } }, async (c) => {
      const r = await c.connection.sendRequest<ReviewDocumentResult>(REVIEW_DOCUMENT_REQUEST, { folderUri: uriOf(root) });
      assert.equal(r.root, root);
      assert.match(r.markdown, /^# Architecture review: /);
      assert.match(r.markdown, /\| 2 \| Service boundaries follow DDD \| \*\*not met\*\* \| .*shared-database/);
      assert.match(r.markdown, /\[docker-compose\.yml:10\]\(docker-compose\.yml#L10\) shared-database/);
      assert.match(r.markdown, /```mermaid\nflowchart LR/);
    });
  });

  test('answers an unknown folder with an error, not a document', async () => {
    const root = makeWorkspace({ 'docker-compose.yml': COMPOSE });
    await withServer({ root, settings: { scanWorkspace: false } }, async (c) => {
      await assert.rejects(c.connection.sendRequest(REVIEW_DOCUMENT_REQUEST, { folderUri: uriOf(join(root, 'elsewhere')) }), /Not a workspace folder/);
    });
  });
});
