// Helm files through the engine, as the editor and `lint` analyze them: classified, (not) parsed, every rule run.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { classify } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/findings';
import { WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { CHART_YAML, DEPLOYMENT, HELPERS, lines, onDisk, VALUES } from './charts';

async function analyze(path: string, text: string, rules: Record<string, 'off' | 'error'> = {}): Promise<Finding[]> {
  const kind = classify(path, text);
  assert.equal(kind, 'helm', `${path} is classified as a Helm file`);
  const config = new EffectiveConfig({ ...DEFAULT_SETTINGS, rules });
  return (await analyzeSource({ source: makeSource(path, text, kind!), config, workspace: new WorkspaceIndex() })).findings;
}

const summary = (fs: Finding[]) => fs.map((f) => `${f.ruleId}:${f.severity}:${f.range.start.line + 1}`);

/** A template YAML would refuse: unquoted actions as keys and values, blocks at any indentation, a document per branch. */
const TRICKY = lines(
  '{{- if .Values.worker.enabled }}',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ include "shop.fullname" . }}-worker',
  '  labels: {{- include "shop.labels" . | nindent 4 }}',
  'spec:',
  '  template:',
  '    spec:',
  '      {{ if .Values.psp.enabled }}',
  '      serviceAccountName: robot-shop',
  '      {{ end }}',
  '      containers:',
  '      - name: worker',
  '        image: {{ .Values.image.repository }}:{{ .Values.image.tag }}',
  '        {{- range $k, $v := .Values.env }}',
  '        - {{ $k }}: {{ $v | quote }}',
  '        {{- end }}',
  '        resources: {{ toYaml .Values.resources | nindent 10 }}',
  '        readinessProbe: {{- toYaml .Values.readinessProbe | nindent 10 }}',
  '        livenessProbe: {{- toYaml .Values.livenessProbe | nindent 10 }}',
  '---',
  '{{- end }}',
  '{{ .Files.Get "extra.yaml" }}',
);

describe('helm files through the engine', () => {
  it('gives no parse-error (and no finding) for a typical template with include | nindent, .Values and if/with/range blocks', async () => {
    const f = await analyze('shop/templates/deployment.yaml', DEPLOYMENT);
    assert.deepEqual(f, []);
  });

  it('gives no parse-error for a template YAML cannot read at all', async () => {
    const f = await analyze('shop/templates/worker.yaml', TRICKY);
    assert.deepEqual(f.filter((x) => x.ruleId === 'parse-error' || x.ruleId === 'internal-error'), []);
  });

  it('reports tag: latest in a values.yaml (an unsaved one, without its chart: the {repository, tag} pattern)', async () => {
    const values = VALUES.replace('  tag: ""', '  tag: latest');
    const f = await analyze('shop/values.yaml', values);
    assert.deepEqual(summary(f), ['unpinned-image:warning:6']);
    assert.match(f[0].message, /^'image\.tag' sets the moving tag 'latest' for image 'ghcr\.io\/acme\/shop'/);
  });

  it('gives one parse-error and nothing else for a malformed values.yaml', async () => {
    const f = await analyze('shop/values.yaml', 'image:\n  repository: x\n  tag: latest\n tag2: [\n');
    assert.deepEqual(f.map((x) => x.ruleId), ['parse-error']);
  });

  it('honours rule settings and suppression comments on Helm files', async () => {
    const values = VALUES.replace('  tag: ""', '  tag: latest');
    assert.deepEqual(await analyze('shop/values.yaml', values, { 'unpinned-image': 'off' }), []);
    assert.deepEqual(summary(await analyze('shop/values.yaml', values, { 'unpinned-image': 'error' })), ['unpinned-image:error:6']);
    assert.deepEqual(await analyze('shop/values.yaml', values.replace('  tag: latest', '  # backend-architect-ignore unpinned-image\n  tag: latest')), []);
  });

  it('reads the chart from disk for a saved values.yaml: resources: {} read by a template, a probe switched off', async (t) => {
    const values = VALUES.replace(/resources:\n(  .*\n)+/, 'resources: {}\n') + 'readinessProbe:\n  enabled: false\n';
    const root = onDisk({
      'shop/Chart.yaml': CHART_YAML,
      'shop/values.yaml': values,
      'shop/templates/deployment.yaml': DEPLOYMENT.replace('          readinessProbe:', '          {{- if .Values.readinessProbe.enabled }}\n          readinessProbe:'),
      'shop/templates/_helpers.tpl': HELPERS,
      'shop/templates/favicon.yaml': new Uint8Array([0, 1, 2, 3, 0xff, 0xfe, 0, 0]),
    });
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const f = await analyze(join(root, 'shop/values.yaml'), values);
    assert.deepEqual(summary(f), ['missing-resource-limits:information:9', 'missing-healthcheck:warning:13']);
    assert.match(f[0].message, /^'resources' gives the containers of deployment\.yaml no memory limit and no resource requests/);
    assert.match(f[1].message, /^'readinessProbe\.enabled' is false: the containers of deployment\.yaml get no readinessProbe/);
  });

  it('finds nothing in a Chart.yaml without templates, a helper .tpl file, or a values file of a chart without templates', async (t) => {
    const root = onDisk({ 'lib/Chart.yaml': 'apiVersion: v2\nname: lib\ntype: library\nversion: 1.0.0\n', 'lib/values.yaml': 'resources: {}\n' });
    t.after(() => rmSync(root, { recursive: true, force: true }));
    assert.deepEqual(await analyze(join(root, 'lib/Chart.yaml'), 'apiVersion: v2\nname: lib\ntype: library\nversion: 1.0.0\n'), []);
    assert.deepEqual(await analyze(join(root, 'lib/values.yaml'), 'resources: {}\n'), []);
    assert.deepEqual(await analyze('shop/templates/_helpers.tpl', HELPERS), []);
  });

  it('reports a served template without probes at its containers: line through the engine', async () => {
    const text = DEPLOYMENT.replace(/          livenessProbe:\n.*\n          readinessProbe:\n.*\n/, '');
    const f = await analyze('shop/templates/deployment.yaml', text);
    assert.deepEqual(summary(f), ['missing-healthcheck:warning:23']);
  });
});
