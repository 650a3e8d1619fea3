import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';

const lines = (...l: string[]) => l.join('\n') + '\n';
const MANIFEST = lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: orders',
  'spec:',
  '  replicas: 1',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: orders',
  '          image: acme/orders:latest',
  '          env:',
  '            - name: PAYMENTS_URL',
  '              value: http://payments:8080',
);
const COMPOSE = lines('services:', '  api:', '    image: acme/api:1.0', '    depends_on: [db]', '  db:', '    image: postgres:16');

/** An index as the CLI makes it: the files given to the model first, then analyzed one by one. */
async function cliIndex(path: string, kind: 'kubernetes' | 'compose', text: string): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex({ root: '/w', fs: memoryFs({ [path]: text }) });
  index.model.setSource(kind, path, text);
  await index.model.model();
  return index;
}

const plain = (fs: { ruleId: string; message: string; range: unknown; fix?: unknown }[]) => fs.map((f) => [f.ruleId, f.message, f.range, f.fix]);

describe('a tree the model parsed, reused by the engine', () => {
  for (const [kind, path, text] of [['kubernetes', '/w/k8s/orders.yaml', MANIFEST], ['compose', '/w/compose.yaml', COMPOSE]] as const) {
    it(`gives the ${kind} file the findings of a fresh parse, and keeps no tree for patching`, async () => {
      const config = new EffectiveConfig(DEFAULT_SETTINGS);
      const index = await cliIndex(path, kind, text);
      const tree = index.model.parsedTree(kind, path, text);
      assert.ok(tree, 'the model parsed the file');
      const reused = await analyzeSource({ source: makeSource(path, text, kind), config, workspace: index });
      assert.equal(reused.data, tree, 'the engine took the model tree');
      assert.equal(reused.editable, undefined);
      const fresh = await analyzeSource({ source: makeSource(path, text, kind), config, workspace: new WorkspaceIndex({ root: '/w', fs: memoryFs({ [path]: text }) }) });
      assert.notEqual(fresh.data, tree);
      assert.ok(fresh.findings.length > 0);
      assert.deepEqual(plain(reused.findings), plain(fresh.findings));
    });
  }

  it('is not offered for another text, a file with a parse problem, or a tree the engine handed in', async () => {
    const index = await cliIndex('/w/k8s/orders.yaml', 'kubernetes', MANIFEST);
    assert.equal(index.model.parsedTree('kubernetes', '/w/k8s/orders.yaml', MANIFEST + '# edited\n'), undefined);
    assert.equal(index.model.parsedTree('compose', '/w/k8s/orders.yaml', MANIFEST), undefined);

    const repeated = MANIFEST.replace('  replicas: 1\n', '  replicas: 1\n  replicas: 2\n');
    const withRepeat = await cliIndex('/w/k8s/orders.yaml', 'kubernetes', repeated);
    assert.equal(withRepeat.model.parsedTree('kubernetes', '/w/k8s/orders.yaml', repeated), undefined);
    const config = new EffectiveConfig(DEFAULT_SETTINGS);
    const result = await analyzeSource({ source: makeSource('/w/k8s/orders.yaml', repeated, 'kubernetes'), config, workspace: withRepeat });
    assert.match(result.findings.find((f) => f.ruleId === 'parse-error')?.message ?? '', /Duplicate key "replicas"/);

    const open = new WorkspaceIndex({ root: '/w', fs: memoryFs({}) });
    const analyzed = await analyzeSource({ source: makeSource('/w/k8s/orders.yaml', MANIFEST, 'kubernetes', 1), config, workspace: open });
    assert.ok(analyzed.editable, 'an open document keeps its tree for patching');
    assert.equal(open.model.parsedTree('kubernetes', '/w/k8s/orders.yaml', MANIFEST), undefined);
  });
});
