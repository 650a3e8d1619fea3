// Where `lint` looks for the code folders of Kubernetes workloads: under the current directory when the linted
// path is inside it, and never in an unrelated tree when the path lies elsewhere (linting /repo/deploy from /tmp).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runJson, tempWorkspace } from './helpers';

const NAMES = ['a', 'b', 'c', 'd'];
const workload = (name: string) =>
  [
    'apiVersion: apps/v1', 'kind: Deployment', `metadata: {name: ${name}}`, 'spec:', '  replicas: 2', `  selector: {matchLabels: {app: ${name}}}`, '  template:', `    metadata: {labels: {app: ${name}}}`, '    spec:', '      containers:', `        - name: ${name}`, `          image: acme/${name}:1.0`,
    '---', 'apiVersion: v1', 'kind: Service', `metadata: {name: ${name}}`, 'spec:', `  selector: {app: ${name}}`, '  ports: [{port: 80}]',
  ].join('\n');
/** Code of a, b and c, each calling the next service: a chain a -> b -> c -> d once the code folders are found. */
const code = (dir: string) => Object.fromEntries(NAMES.slice(0, 3).map((n, i) => [`${dir}/${n}/app.py`, `import requests\nNEXT = "http://${NAMES[i + 1]}:80/work"\n`]));
const chains = (json: any) => json.files.flatMap((f: any) => f.findings.filter((x: any) => x.ruleId === 'deep-call-chain'));

describe('lint: the code folders of workloads', () => {
  const ws = tempWorkspace({ 'deploy/apps.yaml': NAMES.map(workload).join('\n---\n'), ...code('src'), ...code('elsewhere') });
  after(() => ws.cleanup());

  it('are found under the current directory when the linted folder is inside it (the chain through their code is seen)', () => {
    const r = runJson(['lint', 'deploy', '--format', 'json'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(chains(r.json)[0]?.message ?? '', /crosses 4 services synchronously: a -> b -> c -> d/);
  });

  it('are not looked for in the current directory when the linted folder lies outside it', () => {
    const r = runJson(['lint', join(ws.dir, 'deploy'), '--format', 'json'], join(ws.dir, 'elsewhere'));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(chains(r.json), []);
  });
});
