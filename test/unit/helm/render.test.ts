// `helm template` through fake helm executables (shell scripts in a temporary folder): no real helm is needed.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { checkRendered, locateHelm, mapSources, renderChart } from '../../../server/src/core/helm/render';
import { lines } from './charts';

/** What `helm template` prints for a small chart: a Service, a Deployment, a template that rendered nothing. */
const RENDERED = lines(
  '---',
  '# Source: shop/templates/service.yaml',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: release-name-shop',
  'spec:',
  '  selector: {app: shop}',
  '  ports: [{port: 80, targetPort: 8080}]',
  '---',
  '# Source: shop/templates/deployment.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: release-name-shop',
  'spec:',
  '  replicas: 2',
  '  selector:',
  '    matchLabels: {app: shop}',
  '  template:',
  '    metadata:',
  '      labels: {app: shop}',
  '    spec:',
  '      containers:',
  '        - name: shop',
  '          image: "ghcr.io/acme/shop:latest"',
  '          ports:',
  '            - containerPort: 8080',
  '          resources:',
  '            limits: {memory: 256Mi}',
  '            requests: {cpu: 100m, memory: 128Mi}',
  '---',
  '# Source: shop/templates/hpa.yaml',
  '---',
  '# Source: shop/charts/redis/templates/configmap.yaml',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: redis',
  '---',
  '# Source: shop/charts/redis/templates/configmap.yaml',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: redis-extra',
);

let bin: string;
const script = (name: string, body: string) => {
  const p = join(bin, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
};

before(() => {
  bin = mkdtempSync(join(tmpdir(), 'ba-fake-helm-'));
  writeFileSync(join(bin, 'rendered.yaml'), RENDERED);
  // Prints the canned render, after recording its arguments.
  script('helm', `printf '%s\\n' "$@" > "${bin}/args"\ncat "${bin}/rendered.yaml"`);
  script('helm-fails', `echo 'Error: found in Chart.yaml, but missing in charts/ directory: redis' >&2\nexit 1`);
  // Records its pid, then becomes a process that never answers (exec: the pid is the process to be killed).
  script('helm-hangs', `echo $$ > "${bin}/pid"\nexec sleep 30`);
});

after(() => rmSync(bin, { recursive: true, force: true }));

describe('helm render', () => {
  it("runs '<helm> template <absolute chart folder>' and returns what it printed", async () => {
    const r = await renderChart('relative/shop', join(bin, 'helm'), 10_000);
    assert.deepEqual(r, { ok: true, text: RENDERED });
    assert.deepEqual(readFileSync(join(bin, 'args'), 'utf8').trim().split('\n'), ['template', join(process.cwd(), 'relative/shop')]);
  });

  it("returns helm's error output when it fails", async () => {
    const r = await renderChart('/w/shop', join(bin, 'helm-fails'), 10_000);
    assert.deepEqual(r, { ok: false, error: 'helm template failed (exit code 1): Error: found in Chart.yaml, but missing in charts/ directory: redis' });
  });

  it('says so when the helm binary does not exist', async () => {
    const r = await renderChart('/w/shop', join(bin, 'no-such-helm'), 10_000);
    assert.deepEqual(r, { ok: false, error: `helm was not found at ${join(bin, 'no-such-helm')}` });
  });

  it('stops a helm that runs past the timeout, answers at once, and kills the process', async () => {
    const started = Date.now();
    const r = await renderChart('/w/shop', join(bin, 'helm-hangs'), 300);
    const took = Date.now() - started;
    assert.deepEqual(r, { ok: false, error: 'helm template did not finish within 300 ms and was stopped' });
    assert.ok(took < 5_000, `answered after ${took} ms`);
    const pid = Number(readFileSync(join(bin, 'pid'), 'utf8'));
    await new Promise((done) => setTimeout(done, 200));
    assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the helm process is gone');
  });

  it('splits the output by its # Source comments, per template path relative to the chart', () => {
    const sources = mapSources(RENDERED);
    assert.deepEqual([...sources.keys()], ['templates/service.yaml', 'templates/deployment.yaml', 'charts/redis/templates/configmap.yaml']);
    assert.equal(sources.get('charts/redis/templates/configmap.yaml')!.length, 2);
    assert.match(sources.get('templates/deployment.yaml')![0], /^# Source: shop\/templates\/deployment\.yaml\napiVersion: apps\/v1\n[\s\S]*memory: 128Mi\}\n$/);
    assert.equal(sources.has('templates/hpa.yaml'), false, 'a template that rendered nothing has no documents');
    assert.deepEqual([...mapSources('kind: ConfigMap\n').keys()], [], 'output without Source comments');
    assert.deepEqual([...mapSources('').keys()], []);
  });

  it('runs the Kubernetes rules on the rendered documents, marked via helm, with the Service of another template', async () => {
    const results = await checkRendered('/w/shop', RENDERED, new EffectiveConfig(DEFAULT_SETTINGS));
    assert.deepEqual(results.map((r) => [r.ruleId, r.path, r.via]), [
      ['missing-healthcheck', '/w/shop/templates/deployment.yaml', 'helm'],
      ['unpinned-image', '/w/shop/templates/deployment.yaml', 'helm'],
    ]);
    assert.match(results[0].message, /no readinessProbe and no livenessProbe: its Service sends traffic/);
    const image = results[1];
    assert.equal(image.rendered.text.slice(image.rendered.start, image.rendered.end), '"ghcr.io/acme/shop:latest"');
  });

  describe('locating helm', () => {
    it('finds helm on PATH, and a configured absolute path', () => {
      assert.equal(locateHelm(undefined, { PATH: ['/nonexistent', bin].join(':') }), join(bin, 'helm'));
      assert.equal(locateHelm(join(bin, 'helm-fails'), { PATH: '' }), join(bin, 'helm-fails'));
      assert.equal(locateHelm('helm-fails', { PATH: bin }), join(bin, 'helm-fails'));
    });

    it('finds nothing without helm, and never looks in relative PATH entries or relative paths (the workspace)', () => {
      assert.equal(locateHelm(undefined, { PATH: '/nonexistent' }), undefined);
      assert.equal(locateHelm(join(bin, 'rendered.yaml'), { PATH: '' }), undefined, 'not executable');
      assert.equal(locateHelm(undefined, { PATH: '.:bin' }), undefined);
      assert.equal(locateHelm('./tools/helm', { PATH: bin }), undefined);
    });
  });
});
