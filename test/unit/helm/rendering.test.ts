// Helm rendering through analyzeFile (as lint and the workspace scan analyze chart files), with fake helm executables
// (shell scripts in a temporary folder) that print canned `helm template` output, fail or hang, and leave a mark
// each time they run: nothing runs unless rendering is on and the workspace trusted.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/core/config/schema';
import type { Finding } from '../../../server/src/core/findings';
import { ChartRenders } from '../../../server/src/core/helm/renders';
import { analyzeFile, loadProjectConfig } from '../../../server/src/core/project';
import { WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { CHART_YAML, fakeHelm, HELPERS, helmRuns, lines, onDisk, RENDERED_DEPLOYMENT as RENDERED, RENDER_TEMPLATE as TEMPLATE, RENDER_VALUES as VALUES } from './charts';

let bin: string;
const fake = (name: string, body: string) => fakeHelm(bin, name, body);
const runs = (name: string) => helmRuns(bin, name);

before(() => {
  bin = mkdtempSync(join(tmpdir(), 'ba-fake-helm-'));
  writeFileSync(join(bin, 'rendered.yaml'), RENDERED);
  fake('helm', `cat "${bin}/rendered.yaml"`);
  fake('helm-fails', `echo 'Error: template: shop/templates/deployment.yaml:9:20: executing "shop/templates/deployment.yaml" at <.Values.image.repository>: nil pointer' >&2\nexit 1`);
  fake('helm-hangs', 'exec sleep 30');
});
after(() => rmSync(bin, { recursive: true, force: true }));

function chart(files: Record<string, string> = {}): string {
  return onDisk({ 'shop/Chart.yaml': CHART_YAML, 'shop/values.yaml': VALUES, 'shop/templates/deployment.yaml': TEMPLATE, 'shop/templates/_helpers.tpl': HELPERS, ...files });
}

const settings = (helm: Partial<Settings['helm']>): Settings => ({ ...DEFAULT_SETTINGS, helm: { ...DEFAULT_SETTINGS.helm, ...helm } });

async function analyze(path: string, s: Settings, opts: { trusted?: boolean; renders?: ChartRenders; config?: EffectiveConfig } = {}): Promise<Finding[]> {
  const helm = { renders: opts.renders ?? new ChartRenders(), trusted: opts.trusted ?? true, wait: true };
  return (await analyzeFile(path, opts.config ?? new EffectiveConfig(s), new WorkspaceIndex(), helm)).findings;
}

const summary = (fs: Finding[]) => fs.map((f) => `${f.ruleId}:${f.range.start.line + 1}:${f.data?.via}`);

describe('helm rendering in an analysis', () => {
  it('takes a template\'s findings from the render, on the template lines they map to, via helm', async (t) => {
    const root = chart();
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const template = join(root, 'shop/templates/deployment.yaml');
    const staticOnly = await analyze(template, DEFAULT_SETTINGS);
    assert.deepEqual(summary(staticOnly), ['missing-healthcheck:8:static'], 'without rendering: the static finding, on containers:');
    const f = await analyze(template, settings({ render: true, path: join(bin, 'helm') }));
    // The rendered container (`- name: shop`, the 2nd name: key) is the template's 2nd name: line; the image its image: line.
    assert.deepEqual(summary(f), ['missing-healthcheck:9:helm', 'unpinned-image:10:helm']);
    assert.equal(f[1].range.start.character, 10, 'the range starts at the key');
    assert.match(f[1].message, /ghcr\.io\/acme\/shop:latest/);
    assert.match(f[0].message, /^Container 'shop' of Deployment 'release-name-shop' has no livenessProbe/, 'named as rendered');
  });

  it('keeps the static findings of values.yaml (via static), and does not repeat what they already say on the template', async (t) => {
    const root = chart({ 'shop/values.yaml': VALUES.replace('tag: "1.4.2"', 'tag: latest') });
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const s = settings({ render: true, path: join(bin, 'helm') });
    const values = await analyze(join(root, 'shop/values.yaml'), s);
    assert.deepEqual(summary(values), ['unpinned-image:3:static']);
    assert.deepEqual(values[0].related?.map((r) => r.path), [join(root, 'shop/templates/deployment.yaml')]);
    const template = await analyze(join(root, 'shop/templates/deployment.yaml'), s);
    assert.deepEqual(summary(template), ['missing-healthcheck:9:helm'], 'the moving tag is reported once, in values.yaml');
  });

  it('gives one render-error on Chart.yaml, line 1, when helm fails, and the static findings stay', async (t) => {
    const root = chart();
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const s = settings({ render: true, path: join(bin, 'helm-fails') });
    const renders = new ChartRenders();
    const chartYaml = await analyze(join(root, 'shop/Chart.yaml'), s, { renders });
    assert.deepEqual(summary(chartYaml), ['render-error:1:helm']);
    assert.deepEqual(chartYaml[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'apiVersion: v2'.length } });
    assert.match(chartYaml[0].message, /^helm template failed \(exit code 1\): Error: template: shop\/templates\/deployment\.yaml:9:20/);
    assert.deepEqual(summary(await analyze(join(root, 'shop/templates/deployment.yaml'), s, { renders })), ['missing-healthcheck:8:static']);
    assert.deepEqual(summary(await analyze(join(root, 'shop/values.yaml'), s, { renders })), []);
    assert.equal(runs('helm-fails'), 1, 'rendered once for the three files');
  });

  it('stops a helm that hangs at the time limit: one render-error on Chart.yaml, soon', async (t) => {
    const root = chart();
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const started = Date.now();
    const f = await analyze(join(root, 'shop/Chart.yaml'), settings({ render: true, path: join(bin, 'helm-hangs'), timeoutMs: 1000 }));
    assert.ok(Date.now() - started < 5000, `answered after ${Date.now() - started} ms`);
    assert.deepEqual(summary(f), ['render-error:1:helm']);
    assert.equal(f[0].message, 'helm template did not finish within 1000 ms and was stopped');
  });

  it('says once, on Chart.yaml, that rendering is on but there is no helm, naming the setting', async (t) => {
    const root = chart();
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const s = settings({ render: true, path: join(bin, 'no-such-helm') });
    const f = await analyze(join(root, 'shop/Chart.yaml'), s);
    assert.deepEqual(summary(f), ['render-error:1:helm']);
    assert.match(f[0].message, /backendArchitect\.helm\.path/);
    assert.deepEqual(summary(await analyze(join(root, 'shop/templates/deployment.yaml'), s)), ['missing-healthcheck:8:static']);
  });

  it('runs nothing while rendering is off, even with a helm path set', async (t) => {
    const root = chart();
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const before = runs('helm');
    const s = settings({ render: false, path: join(bin, 'helm') });
    for (const file of ['Chart.yaml', 'values.yaml', 'templates/deployment.yaml']) await analyze(join(root, 'shop', file), s);
    assert.equal(runs('helm'), before);
  });

  it('runs nothing in an untrusted workspace, even with rendering on, and says so once on Chart.yaml', async (t) => {
    const root = chart();
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const before = runs('helm');
    const s = settings({ render: true, path: join(bin, 'helm') });
    const f = await analyze(join(root, 'shop/templates/deployment.yaml'), s, { trusted: false });
    assert.deepEqual(summary(f), ['missing-healthcheck:8:static']);
    const note = await analyze(join(root, 'shop/Chart.yaml'), s, { trusted: false });
    assert.deepEqual(note.map((x) => [x.ruleId, x.severity, x.range.start.line, x.data?.via]), [['render-error', 'information', 0, 'static']]);
    assert.match(note[0].message, /not trusted, so helm is not run/);
    assert.equal(runs('helm'), before);
  });

  it('cannot be turned on by .backend-architect.yaml, which is part of the workspace', async (t) => {
    const root = chart({ '.backend-architect.yaml': lines('helm:', '  render: true', `  path: ${join(bin, 'helm')}`) });
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const before = runs('helm');
    const { config, configFileValid } = await loadProjectConfig(root, DEFAULT_SETTINGS);
    assert.equal(configFileValid, false, 'helm is not a key of the config file');
    assert.equal(config.settings.helm.render, false);
    const f = await analyze(join(root, 'shop/templates/deployment.yaml'), DEFAULT_SETTINGS, { config });
    assert.deepEqual(summary(f), ['missing-healthcheck:8:static']);
    assert.equal(runs('helm'), before);
  });

  it('renders a chart again only when one of its files changed', async (t) => {
    const root = chart();
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const s = settings({ render: true, path: join(bin, 'helm') });
    const renders = new ChartRenders();
    const before = runs('helm');
    const template = join(root, 'shop/templates/deployment.yaml');
    await Promise.all([analyze(template, s, { renders }), analyze(join(root, 'shop/Chart.yaml'), s, { renders }), analyze(template, s, { renders })]);
    assert.equal(runs('helm') - before, 1, 'one render for three analyses at once');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'shop/values.yaml'), later, later);
    await analyze(template, s, { renders });
    assert.equal(runs('helm') - before, 2, 'values.yaml changed: rendered again');
  });
});
