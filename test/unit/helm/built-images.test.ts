// A chart's image that a build tool of the workspace makes and tags at deploy time (Tilt's docker_build, skaffold)
// is not a moving tag: the tool replaces the reference when it deploys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOnDisk } from '../kubernetes/helpers';
import { lines } from './charts';

const chart = {
  'k8s/chroma/Chart.yaml': lines('apiVersion: v2', 'name: chroma', 'version: 0.1.0'),
  'k8s/chroma/values.yaml': lines('sysdb:', '  image:', "    repository: 'sysdb'", "    tag: 'latest'", 'frontend:', '  image:', "    repository: 'chromadb/frontend'", "    tag: 'latest'"),
};

describe('unpinned-image in Helm values: images the workspace builds', () => {
  it("leaves alone an image the root Tiltfile builds (docker_build('sysdb', ...)), and reports a pulled one beside it", async () => {
    const files = { ...chart, Tiltfile: lines("docker_build('sysdb', '.', dockerfile='rust/Dockerfile')") };
    const found = (await findingsOnDisk(files, 'k8s/chroma/values.yaml')).filter((f) => f.ruleId === 'unpinned-image');
    assert.deepEqual(found.map((f) => /for image '([^']+)'/.exec(f.message)?.[1]), ['chromadb/frontend']);
  });
  it('reports an image a compose file builds and names: the chart still pulls it under its moving tag', async () => {
    const files = { ...chart, 'docker-compose.yml': lines('services:', '  sysdb:', '    build: ./sysdb', '    image: sysdb:latest') };
    const found = (await findingsOnDisk(files, 'k8s/chroma/values.yaml')).filter((f) => f.ruleId === 'unpinned-image');
    assert.equal(found.length, 2);
  });
  it('reports both without the Tiltfile', async () => {
    const found = (await findingsOnDisk(chart, 'k8s/chroma/values.yaml')).filter((f) => f.ruleId === 'unpinned-image');
    assert.equal(found.length, 2);
  });
});
