// The quick fix of unset-environment-variable: the variable added to the compose service's environment, in every
// shape the environment can take; applying it to the compose file makes the finding go away.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/findings';
import { composeEnvironmentFix } from '../../../server/src/core/workspace/compose/environmentFix';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { deployment, findingsOfWorkspace } from './deploymentHelpers';
import { applyFix, lines } from './helpers';

const RULE = 'unset-environment-variable';
const PY = lines('import os', 'from flask import Flask', 'app = Flask(__name__)', 'API_KEY = os.environ["API_KEY"]');
const VALUE = '${API_KEY:?API_KEY is required by orders}';

/** The one finding on orders/app.py, its fix applied to the file it names, and the findings after the edit. */
async function fixed(files: Record<string, string>): Promise<{ finding: Finding; path: string; text: string; after: Finding[] }> {
  const [finding, ...rest] = await findingsOfWorkspace(RULE, files);
  assert.equal(rest.length, 0);
  assert.ok(finding.fix, 'a fix is offered');
  const path = finding.fix.path!;
  const text = applyFix(files[path], finding);
  return { finding, path, text, after: await findingsOfWorkspace(RULE, { ...files, [path]: text }) };
}

async function noFix(files: Record<string, string>): Promise<void> {
  const [finding] = await findingsOfWorkspace(RULE, files);
  assert.ok(finding, 'the finding is still made');
  assert.equal(finding.fix, undefined);
}

describe(`${RULE} quick fix`, () => {
  it('adds the variable as a required interpolation after the last entry of an environment mapping, keeping comments', async () => {
    const compose = lines('services:', '  orders:', '    build: ./orders', '    environment:', '      # debugging', '      DEBUG: "1" # on', '    ports: ["8080:8080"]');
    const r = await fixed({ '/w/compose.yaml': compose, '/w/orders/app.py': PY });
    assert.equal(r.path, '/w/compose.yaml');
    assert.equal(r.finding.fix!.title, "Add API_KEY to the environment of compose service 'orders'");
    assert.equal(r.text, compose.replace('# on\n', `# on\n      API_KEY: "${VALUE}"\n`));
    assert.deepEqual(r.after, []);
  });

  it('adds a KEY=value item to an environment list, at the items\' column and quoted like them', async () => {
    const plain = lines('services:', '  orders:', '    build: ./orders', '    environment:', '    - DEBUG=1', '    - LEVEL=info');
    const p = await fixed({ '/w/compose.yaml': plain, '/w/orders/app.py': PY });
    assert.equal(p.text, `${plain}    - API_KEY=${VALUE}\n`);
    assert.deepEqual(p.after, []);
    const quoted = lines('services:', '  orders:', '    build: ./orders', '    environment:', '      - "DEBUG=1"');
    const q = await fixed({ '/w/compose.yaml': quoted, '/w/orders/app.py': PY });
    assert.equal(q.text, `${quoted}      - "API_KEY=${VALUE}"\n`);
    assert.deepEqual(q.after, []);
  });

  it('adds an environment key to a service that has none, in the file\'s own indentation', async () => {
    const compose = lines('services:', '    orders:', '        build: ./orders', '        restart: always', '    other:', '        image: nginx');
    const r = await fixed({ '/w/compose.yaml': compose, '/w/orders/app.py': PY });
    assert.equal(r.text, compose.replace('restart: always\n', `restart: always\n        environment:\n            API_KEY: "${VALUE}"\n`));
    assert.deepEqual(r.after, []);
  });

  it('fills an environment key that has no value yet', async () => {
    const compose = lines('services:', '  orders:', '    build: ./orders', '    environment:', '    restart: always');
    const r = await fixed({ '/w/compose.yaml': compose, '/w/orders/app.py': PY });
    assert.equal(r.text, compose.replace('environment:\n', `environment:\n      API_KEY: "${VALUE}"\n`));
    assert.deepEqual(r.after, []);
  });

  it('keeps Windows line ends', async () => {
    const compose = lines('services:', '  orders:', '    build: ./orders', '    environment:', '      DEBUG: "1"').replace(/\n/g, '\r\n');
    const r = await fixed({ '/w/compose.yaml': compose, '/w/orders/app.py': PY });
    assert.equal(r.text, `${compose.slice(0, -2)}\r\n      API_KEY: "${VALUE}"\r\n`);
  });

  it('edits the override file that defines the service\'s environment, and the main file when none does', async () => {
    const base = lines('services:', '  orders:', '    build: ./orders');
    const override = lines('services:', '  orders:', '    environment:', '      DEBUG: "1"');
    const r = await fixed({ '/w/compose.yaml': base, '/w/compose.override.yaml': override, '/w/orders/app.py': PY });
    assert.equal(r.path, '/w/compose.override.yaml');
    assert.match(r.finding.fix!.title, /\(compose\.override\.yaml\)$/);
    assert.deepEqual(r.after, []);
    const bare = lines('services:', '  orders:', '    restart: always');
    const m = await fixed({ '/w/compose.yaml': base, '/w/compose.override.yaml': bare, '/w/orders/app.py': PY });
    assert.equal(m.path, '/w/compose.yaml');
    assert.deepEqual(m.after, []);
  });

  it('adds a Spring property as the variable that sets it', async () => {
    const java = lines('@RestController', 'class Orders {', '  @Value("${payments.url}")', '  private String paymentsUrl;', '}');
    const r = await fixed({ '/w/compose.yaml': lines('services:', '  orders:', '    build: ./orders'), '/w/orders/src/main/java/Orders.java': java });
    assert.match(r.text, /PAYMENTS_URL: "\$\{PAYMENTS_URL:\?PAYMENTS_URL is required by orders\}"/);
    assert.deepEqual(r.after, []);
  });

  it('offers no fix for a flow-style environment or service, where an edit would not be safe', async () => {
    await noFix({ '/w/compose.yaml': lines('services:', '  orders:', '    build: ./orders', '    environment: {DEBUG: "1"}'), '/w/orders/app.py': PY });
    await noFix({ '/w/compose.yaml': lines('services:', '  orders:', '    build: ./orders', '    environment: [DEBUG=1]'), '/w/orders/app.py': PY });
    await noFix({ '/w/compose.yaml': lines('services:', '  orders: {build: ./orders}'), '/w/orders/app.py': PY });
  });

  it('offers no fix for an environment or a service shared with other services through an anchor', async () => {
    await noFix({ '/w/compose.yaml': lines('x-env: &env', '  DEBUG: "1"', 'services:', '  orders:', '    build: ./orders', '    environment: *env'), '/w/orders/app.py': PY });
    await noFix({ '/w/compose.yaml': lines('services:', '  orders:', '    build: ./orders', '    environment: &env', '      DEBUG: "1"', '  worker:', '    image: worker', '    environment: *env'), '/w/orders/app.py': PY });
    await noFix({ '/w/compose.yaml': lines('services:', '  orders: &base', '    build: ./orders', '  worker:', '    <<: *base', '    build: ./worker'), '/w/orders/app.py': PY });
  });

  it('offers no fix for a service deployed only by Kubernetes', async () => {
    await noFix({ '/w/k8s/orders.yaml': deployment('orders', 'orders', ['- name: DEBUG', '  value: "1"']), '/w/orders/app.py': PY, '/w/orders/Dockerfile': 'FROM python:3.12\n' });
  });

  it('offers no fix when the compose file cannot be read, or no longer defines the service where the model saw it', async () => {
    const files = { '/w/compose.yaml': lines('services:', '  orders:', '    build: ./orders'), '/w/orders/app.py': PY };
    const ws = new WorkspaceIndex({ root: '/w', fs: memoryFs(files) });
    ws.model.setSource('compose', '/w/compose.yaml', files['/w/compose.yaml']);
    const orders = (await ws.model.model()).services.find((s) => s.name === 'orders')!;
    assert.ok(composeEnvironmentFix(orders, 'API_KEY', (p) => makeSource(p, files['/w/compose.yaml'], 'compose')));
    assert.equal(composeEnvironmentFix(orders, 'API_KEY', () => undefined), undefined);
    assert.equal(composeEnvironmentFix(orders, 'API_KEY', (p) => makeSource(p, `# moved\n${files['/w/compose.yaml']}`, 'compose')), undefined);
  });

  it('edits the open compose document\'s text, for the version it was analyzed at', async () => {
    const disk = lines('services:', '  orders:', '    build: ./orders');
    const open = lines('# unsaved', 'services:', '  orders:', '    build: ./orders', '    environment:', '      DEBUG: "1"');
    const ws = new WorkspaceIndex({ root: '/w', fs: memoryFs({ '/w/compose.yaml': disk, '/w/orders/app.py': PY }) });
    const config = new EffectiveConfig(DEFAULT_SETTINGS);
    await analyzeSource({ source: makeSource('/w/compose.yaml', open, 'compose', 7), config, workspace: ws });
    const { findings } = await analyzeSource({ source: makeSource('/w/orders/app.py', PY, 'python'), config, workspace: ws });
    const fix = findings.find((f) => f.ruleId === RULE)!.fix!;
    assert.equal(fix.version, 7);
    assert.deepEqual(fix.edits.map((e) => [e.range.start.line, e.newText]), [[5, `\n      API_KEY: "${VALUE}"`]]);
  });
});
