// Typing in an open manifest: the engine patches the kept tree of the stream (documents/yamlEdit.ts) and the model
// store keeps its caches; the findings must always equal those of a fresh analysis of the same text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import type { EditableYaml } from '../../../server/src/core/documents/yamlEdit';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/findings';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { deployment, service, yaml } from './helpers';

const PATH = '/w/k8s/bundle.yaml';
const config = new EffectiveConfig(DEFAULT_SETTINGS);
const shown = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message}`);

/** One open manifest, analyzed after each edit as the language server does: the previous tree is handed back. */
class Editor {
  readonly workspace: WorkspaceIndex;
  private kept: EditableYaml | undefined;
  lastRoot: unknown;

  constructor(
    public text: string,
    private readonly files: Record<string, string> = {},
  ) {
    this.workspace = new WorkspaceIndex({ root: '/w', fs: memoryFs({ ...files, [PATH]: text }) });
  }

  async analyze(): Promise<Finding[]> {
    const r = await analyzeSource({ source: makeSource(PATH, this.text, 'kubernetes'), config, workspace: this.workspace, previousYaml: this.kept });
    this.kept = r.editable;
    this.lastRoot = r.editable?.root.kind === 'seq' ? r.editable.root.items[0] : undefined;
    return r.findings;
  }

  async replace(from: string, to: string): Promise<Finding[]> {
    assert.ok(this.text.includes(from), `the text has ${from}`);
    this.text = this.text.replace(from, to);
    return this.analyze();
  }

  /** The findings of the same text in a workspace that never saw an earlier version. */
  fresh(): Promise<Finding[]> {
    return new Editor(this.text, this.files).analyze();
  }
}

const bundle = yaml(
  deployment('orders', { replicas: 1, resources: true, env: ['- name: LOG_LEVEL', '  value: info', '- name: DATABASE_URL', '  value: postgres://orders-db:5432/orders'] }),
  service('orders'),
  deployment('orders-db', { kind: 'StatefulSet', image: 'postgres:16.4', ports: [5432], probes: true, resources: true }),
  service('orders-db', { port: 5432 }),
  ['# the billing workload', ...deployment('billing', { replicas: 3, probes: true, resources: true, env: ['- name: DATABASE_URL', '  value: postgres://orders-db:5432/orders'] })],
  service('billing'),
);

describe('editing an open Kubernetes manifest', () => {
  it('patches the kept tree for a value edit that does not matter, and the findings stay those of a fresh analysis', async () => {
    const editor = new Editor(bundle);
    const before = await editor.analyze();
    const firstDoc = editor.lastRoot;
    const after = await editor.replace('value: info', 'value: infox');
    assert.equal(editor.lastRoot, firstDoc, 'the stream was patched, not parsed again');
    assert.deepEqual(shown(after), shown(await editor.fresh()));
    assert.deepEqual(shown(after), shown(before), 'no finding moved: the edit is on a line of its own');
    assert.ok(after.some((f) => f.ruleId === 'shared-database'), 'the model was read: orders and billing share a database');
  });

  it('an edit inside a comment changes no finding', async () => {
    const editor = new Editor(bundle);
    const before = await editor.analyze();
    const after = await editor.replace('# the billing workload', '# the billing workload, owned by the payments team');
    assert.deepEqual(shown(after), shown(before));
    assert.deepEqual(shown(after), shown(await editor.fresh()));
  });

  it('a value edit that changes an object changes its findings and the model: replicas, image tag, database URL', async () => {
    const editor = new Editor(bundle);
    const first = await editor.analyze();
    const single = (fs: Finding[]) => fs.some((f) => f.ruleId === 'single-replica' && f.message.includes("'orders'") && f.message.includes('single replica'));
    assert.ok(single(first));
    const scaled = await editor.replace('replicas: 1', 'replicas: 2');
    assert.ok(!single(scaled), 'the single replica finding is gone');
    assert.deepEqual(shown(scaled), shown(await editor.fresh()));
    const latest = await editor.replace('acme/orders:1.0.0', 'acme/orders:latest');
    assert.ok(latest.some((f) => f.ruleId === 'unpinned-image'));
    assert.deepEqual(shown(latest), shown(await editor.fresh()));
    const own = await editor.replace('postgres://orders-db:5432/orders\n', 'postgres://orders-db:5432/orders_own\n');
    assert.ok(own.some((f) => f.ruleId === 'shared-database' && f.message.includes("'orders' (orders_own)")), 'the model reads the new database name');
    assert.deepEqual(shown(own), shown(await editor.fresh()));
  });

  it('an edit that adds a probe clears missing-healthcheck on the next analysis', async () => {
    const editor = new Editor(bundle);
    const first = await editor.analyze();
    assert.ok(first.some((f) => f.ruleId === 'missing-healthcheck' && f.message.includes("'orders'")));
    const probed = await editor.replace('          image: acme/orders:1.0.0\n', '          image: acme/orders:1.0.0\n          readinessProbe: {tcpSocket: {port: 8080}}\n          livenessProbe: {tcpSocket: {port: 8080}}\n');
    assert.ok(!probed.some((f) => f.ruleId === 'missing-healthcheck'));
    assert.deepEqual(shown(probed), shown(await editor.fresh()));
  });

  it('a rebuild after an edit lists no folder; a file event lets it find a code folder made since', async () => {
    const files: Record<string, string> = { '/w/src/readme.md': 'docs\n' };
    let listed = 0;
    const fs = memoryFs(files);
    const workspace = new WorkspaceIndex({ root: '/w', fs: { read: fs.read, list: (d) => (listed++, fs.list(d)) } });
    const text = yaml(deployment('orders', { replicas: 2, probes: true, resources: true }), service('orders'));
    workspace.model.setSource('kubernetes', PATH, text);
    assert.equal((await workspace.model.model()).services[0].sourceDir, undefined);
    listed = 0;
    workspace.model.setSource('kubernetes', PATH, text.replace('replicas: 2', 'replicas: 3'));
    await workspace.model.model();
    assert.equal(listed, 0, 'the listings of the first build served');
    files['/w/src/orders/main.go'] = 'package main\n';
    workspace.model.fileChanged('/w/src/orders/main.go');
    workspace.model.setSource('kubernetes', PATH, text);
    assert.equal((await workspace.model.model()).services[0].sourceDir, '/w/src/orders');
  });
});
