// An edited spec (the same configuration throughout, as in an editor session) is mapped again when its title
// changes, and not on an edit that leaves the mapping's inputs alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { classify } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { consistencyOf } from '../../../server/src/core/workspace/specs/attach';
import { specFacts, summarizeSpec } from '../../../server/src/core/workspace/specs/spec';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { readFileSync } from 'node:fs';

const SPEC = "openapi: 3.0.3\ninfo:\n  title: Orders\n  version: '1'\npaths:\n  /orders:\n    get:\n      description: ok\n      responses:\n        '200':\n          description: OK\n";
const app = (...routes: string[]) => `const express = require('express');\nconst app = express();\n${routes.map((r) => `app.get('${r}', (req, res) => res.json([]));\n`).join('')}app.listen(3000);\n`;
const FILES: Record<string, string> = {
  '/w/compose.yaml': 'services:\n  orders:\n    build: ./orders\n  billing:\n    build: ./billing\n',
  '/w/orders/package.json': '{}',
  '/w/orders/app.js': app('/orders', '/orders/:id'),
  '/w/billing/package.json': '{}',
  '/w/billing/app.js': app('/orders', '/invoices'),
  '/w/specs/api.yaml': SPEC,
};

async function session() {
  const workspace = new WorkspaceIndex({ root: '/w', fs: memoryFs(FILES), listFiles: async () => Object.keys(FILES).sort() });
  workspace.model.fileChanged('/w/compose.yaml');
  const config = new EffectiveConfig(DEFAULT_SETTINGS);
  const analyze = async (path: string, text = FILES[path]) => (await analyzeSource({ source: makeSource(path, text, classify(path, text)!), config, workspace })).findings;
  for (const path of Object.keys(FILES).sort()) if (classify(path, FILES[path]) && !path.endsWith('compose.yaml')) await analyze(path);
  const undocumented = async (path: string) => (await analyze(path)).filter((f) => f.ruleId === 'undocumented-route').map((f) => f.message.split(' ').slice(0, 2).join(' '));
  return { analyze, undocumented, workspace, index: consistencyOf(workspace) };
}

describe('a spec edited in place', () => {
  it('is given to the service its new title names', async () => {
    const s = await session();
    assert.deepEqual(await s.undocumented('/w/orders/app.js'), ['GET /orders/:id']);
    assert.deepEqual(await s.undocumented('/w/billing/app.js'), []);
    await s.analyze('/w/specs/api.yaml', SPEC.replace('title: Orders', 'title: Billing'));
    assert.deepEqual(await s.undocumented('/w/billing/app.js'), ['GET /invoices']);
    assert.deepEqual(await s.undocumented('/w/orders/app.js'), []);
  });

  it('keeps its mapping, and compares the edited operations, when the title stays', async () => {
    const s = await session();
    const mappings = async () => (await s.index.overview(await s.workspace.model.model())).mappings;
    const before = await mappings();
    await s.analyze('/w/specs/api.yaml', SPEC.replace('description: ok', 'description: okay'));
    assert.equal(await mappings(), before, 'an edit that leaves the title and the operations alone maps nothing again');
    const withId = SPEC.replace('paths:\n', "paths:\n  /orders/{id}:\n    get:\n      responses:\n        '200':\n          description: OK\n");
    await s.analyze('/w/specs/api.yaml', withId);
    assert.equal(await mappings(), before);
    assert.deepEqual(await s.undocumented('/w/orders/app.js'), []);
    await s.analyze('/w/specs/api.yaml', withId.replace('title: Orders', 'title: Billing'));
    assert.notEqual(await mappings(), before);
  });

  it('reads the same facts for the mapping as the summary gives (title, whether there is an operation, whether it is a spec)', () => {
    const texts = [
      SPEC,
      readFileSync('examples/shop/openapi/shop.yaml', 'utf8'),
      "swagger: '2.0'\ninfo:\n  title: Old\npaths:\n  /a:\n    GET:\n      responses: {}\n",
      "openapi: 3.1.0\ninfo:\n  title: Parts\npaths:\n  /a:\n    $ref: './a.yaml'\n",
      "openapi: 3.0.0\ninfo:\n  version: '1'\npaths:\n  /a:\n    parameters: []\n    get: broken\n",
      "openapi: 3.0.0\ninfo:\n  title: Empty\n",
      'info:\n  title: Not a spec\npaths: {}\n',
      '- just\n- a list\n',
    ];
    for (const text of texts) {
      const root = parseYaml(text).root;
      const summary = summarizeSpec(makeSource('/w/s.yaml', text, 'openapi'), root);
      assert.equal(specFacts(root), summary ? `${summary.title ?? ''}\0${summary.ops.length > 0}` : '', text.slice(0, 40));
    }
  });
});
