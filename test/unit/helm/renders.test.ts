// The render cache (one render per chart and state of its files, one at a time) and how rendered lines map back.
import assert from 'node:assert/strict';
import { rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { templateSpanOf } from '../../../server/src/core/helm/mapBack';
import type { RenderResult } from '../../../server/src/core/helm/render';
import { ChartRenders } from '../../../server/src/core/helm/renders';
import { CHART_YAML, lines, onDisk } from './charts';

const req = { helmPath: '/usr/bin/helm', timeoutMs: 1000 };

/** A render function that answers when `release()` is called, counting calls and the most running at once. */
function slowRender() {
  const calls = { started: 0, running: 0, most: 0 };
  const waiting: (() => void)[] = [];
  const run = async (): Promise<RenderResult> => {
    calls.started++;
    calls.most = Math.max(calls.most, ++calls.running);
    await new Promise<void>((r) => waiting.push(r));
    calls.running--;
    return { ok: true, text: `render ${calls.started}` };
  };
  const release = () => waiting.splice(0).forEach((r) => r());
  return { calls, run, release };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('chart renders', () => {
  it('runs one render per chart at a time, skips a queued one that a newer state replaced, and says when one finished', async (t) => {
    const root = onDisk({ 'shop/Chart.yaml': CHART_YAML, 'shop/templates/a.yaml': 'kind: ConfigMap\n' });
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const dir = join(root, 'shop');
    const fake = slowRender();
    const finished: string[] = [];
    const renders = new ChartRenders({ run: fake.run, onRendered: (d) => finished.push(d) });
    assert.equal(await renders.render(dir, req, false), undefined, 'nothing finished yet: no render to answer with');
    await tick();
    const touch = (n: number) => utimesSync(join(dir, 'templates/a.yaml'), new Date(n), new Date(n));
    touch(1_000_000);
    await renders.render(dir, req, false); // queued behind the first
    touch(2_000_000);
    const newest = renders.render(dir, req, true); // replaces the queued one
    await tick();
    fake.release();
    await tick();
    fake.release();
    const r = await newest;
    assert.deepEqual(r?.result, { ok: true, text: 'render 2' });
    assert.deepEqual([fake.calls.started, fake.calls.most], [2, 1], 'the middle state was never rendered; never two at once');
    assert.deepEqual(finished, [dir, dir]);
    assert.equal(await renders.render(dir, req, true), r, 'unchanged files: the same render');
    assert.deepEqual(renders.filesOf(dir), [join(dir, 'Chart.yaml'), join(dir, 'templates/a.yaml')]);
    assert.deepEqual(renders.chartsHolding(join(dir, 'templates/a.yaml')), [dir]);
    assert.deepEqual(renders.chartsHolding(`${dir}-other/Chart.yaml`), []);
  });

  it('answers with the last finished render while a newer one runs', async (t) => {
    const root = onDisk({ 'shop/Chart.yaml': CHART_YAML });
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const dir = join(root, 'shop');
    const fake = slowRender();
    const renders = new ChartRenders({ run: fake.run });
    const first = renders.render(dir, req, true);
    await tick();
    fake.release();
    const done = await first;
    assert.equal(await renders.render(dir, { ...req, timeoutMs: 2000 }, false), done, 'another time limit renders again; the old render answers meanwhile');
    assert.equal(fake.calls.started, 2);
    fake.release();
  });
});

describe('mapping rendered findings back to template lines', () => {
  const template = lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  containers:',
    '    - name: {{ .Chart.Name }}',
    '      image: {{ .Values.a }}',
    '    - name: sidecar',
    '      image: "{{ .Values.b }}"',
    '---',
    'kind: Service',
  );
  const rendered = lines(
    '# Source: c/templates/x.yaml',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  containers:',
    '    - name: c',
    '      image: a:1',
    '    - name: sidecar',
    '      image: b:latest',
    '      env:',
    '        - {name: X, value: "1"}',
    '---',
    '# Source: c/templates/x.yaml',
    'kind: Service',
    'metadata: {name: s}',
  );
  const at = (needle: string) => ({ text: rendered, start: rendered.indexOf(needle), end: rendered.indexOf(needle) + needle.length });
  const placed = (span: { start: number; end: number }) => template.slice(span.start, span.end);

  it('finds the same key by its occurrence: the 2nd rendered image: is the template\'s 2nd image: line', () => {
    assert.equal(placed(templateSpanOf(template, at('b:latest'))), 'image: "{{ .Values.b }}"');
    assert.equal(placed(templateSpanOf(template, at('name: sidecar'))), 'name: sidecar');
    assert.equal(placed(templateSpanOf(template, at('containers'))), 'containers:');
  });

  it("falls back to the kind: line of the finding's document, then to the first line", () => {
    assert.equal(placed(templateSpanOf(template, at('env'))), 'kind: Deployment', 'no env: line in the template');
    assert.equal(placed(templateSpanOf(template, at('metadata: {name: s}'))), 'kind: Service', 'the 2nd document');
    const bare = '\n{{- include "x" . }}\n';
    const span = templateSpanOf(bare, at('env'));
    assert.equal(bare.slice(span.start, span.end), '{{- include "x" . }}', 'no key, no kind: the first line with text');
  });
});
