// Deployment files of a sample program (a module of an examples folder) deploy the sample, not the system.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diskFindings } from '../rules/serviceHelpers';

const manifest = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: http-demo}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: http-demo', '          image: acme/http-demo:latest', ''].join('\n');

describe('deployment files of sample programs', () => {
  it('judges no manifest inside a module of an examples folder, and judges the same manifest outside one or without a module', async () => {
    const rules = ['unpinned-image'];
    assert.deepEqual(await diskFindings(rules, { 'shop-examples/shop-examples-http/pom.xml': '<project/>', 'shop-examples/shop-examples-http/k8s/app.yml': manifest }), []);
    assert.deepEqual(await diskFindings(rules, { 'deploy/k8s/app.yml': manifest }), ['deploy/k8s/app.yml']);
    // An examples folder of deployment files alone (an install example) is still judged.
    assert.deepEqual(await diskFindings(rules, { 'examples/k8s/app.yml': manifest }), ['examples/k8s/app.yml']);
  });
});
