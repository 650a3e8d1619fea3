import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsInWorkspace } from './workspaceHelpers';
import { lines } from './helpers';

/** A deployment of one application with memory limits, restart policies and a healthcheck, and a load generator beside it. */
const stack = (load: string[]) =>
  lines(
    'services:',
    '  web:',
    '    image: acme/web:1.4.2',
    '    restart: always',
    '    deploy: {resources: {limits: {memory: 512M}}}',
    '    healthcheck: {test: [CMD, curl, -f, http://localhost/health]}',
    ...load,
  );

const RULES = ['missing-restart-policy', 'missing-resource-limits', 'depends-on-without-condition', 'missing-healthcheck'];

describe('compose: a load generator is test tooling, not a service', () => {
  it('gets no restart, limits, depends_on or healthcheck finding, whether known by its build folder, its image or its name', async () => {
    const variants = [
      ['  load:', '    build: {context: load-gen}', '    depends_on: [web]'],
      ['  traffic:', '    image: ${REPO}/rs-load:${TAG}', '    depends_on: [web]'],
      ['  locust:', '    image: acme/users-sim:1.0', '    depends_on: [web]'],
    ];
    for (const load of variants) {
      for (const rule of RULES) assert.deepEqual((await findingsInWorkspace(rule, { '/w/compose.yaml': stack(load) })).map((f) => f.message), [], `${rule}: ${load[0]}`);
    }
  });

  it('still reports an application beside it, and one whose name merely contains load', async () => {
    const upload = ['  upload:', '    image: acme/upload:2.0.1', '    depends_on: [web]'];
    const f = await findingsInWorkspace('missing-restart-policy', { '/w/compose.yaml': stack(upload) });
    assert.deepEqual(f.map((x) => x.message.split(':')[0]), ["'upload' has no restart policy"]);
    assert.equal((await findingsInWorkspace('depends-on-without-condition', { '/w/compose.yaml': stack(upload) })).length, 1);
  });
});
