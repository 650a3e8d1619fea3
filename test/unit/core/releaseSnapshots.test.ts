// Deployment files of older releases kept beside newer ones are frozen copies: only the newest release is judged.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOlderRelease } from '../../../server/src/core/compose/releaseSnapshots';
import { inUnusedFolder } from '../../../server/src/core/unusedFolders';
import { diskFindings } from '../rules/serviceHelpers';

describe('release snapshots', () => {
  const list = () => ['lake-v0.9.0', 'lake-v0.10.0-beta1', 'lake-v0.10.0', 'lake-v0.21.0', 'notes'];
  it('takes every release but the newest for a frozen copy, by version numbers and with pre-releases before releases', () => {
    assert.equal(isOlderRelease('/w/devops/releases/lake-v0.9.0/docker-compose.yml', '/w', list), true);
    assert.equal(isOlderRelease('/w/devops/releases/lake-v0.10.0/docker-compose.yml', '/w', list), true, '0.10 < 0.21, compared as numbers');
    assert.equal(isOlderRelease('/w/devops/releases/lake-v0.21.0/docker-compose.yml', '/w', list), false);
    assert.equal(isOlderRelease('/w/devops/releases/lake-v0.21.0/docker-compose.yml', '/w', () => ['lake-v0.21.0', 'lake-v0.21.0-rc1']), false, 'a release comes after its pre-releases');
  });
  it('leaves alone version folders that are no releases folder, and a release folder alone', () => {
    assert.equal(isOlderRelease('/w/api/v1/docker-compose.yml', '/w', () => ['v1', 'v2']), false);
    assert.equal(isOlderRelease('/w/releases/v1.0.0/docker-compose.yml', '/w', () => ['v1.0.0']), false);
  });
  it('judges the newest release\'s compose file and no older copy', async () => {
    const compose = 'services:\n  db:\n    image: mysql:latest\n';
    const found = await diskFindings(['unpinned-image'], { 'devops/releases/lake-v0.20.0/docker-compose.yml': compose, 'devops/releases/lake-v0.21.0/docker-compose.yml': compose });
    assert.deepEqual(found, ['devops/releases/lake-v0.21.0/docker-compose.yml']);
  });
});

describe('folders marked as not in use', () => {
  it('reads old, old-*, *-old, deprecated, obsolete, archive and attic below the workspace root', () => {
    for (const dir of ['old', 'old-docs', 'k8s_old', 'deprecated', 'obsolete', 'archived', 'attic', 'unused']) assert.equal(inUnusedFolder(`/w/${dir}/docker-compose.yml`, '/w'), true, dir);
    for (const dir of ['gold', 'household', 'older-clients', 'legacy', 'holdings']) assert.equal(inUnusedFolder(`/w/${dir}/docker-compose.yml`, '/w'), false, dir);
    assert.equal(inUnusedFolder('/home/old/w/docker-compose.yml', '/home/old/w'), false, 'the workspace root itself is not judged');
  });
  it("judges no compose file of such a folder", async () => {
    const compose = 'services:\n  db:\n    image: mysql:latest\n';
    assert.deepEqual(await diskFindings(['unpinned-image'], { 'old/docker-compose.yml': compose, 'deploy/docker-compose.yml': compose }), ['deploy/docker-compose.yml']);
  });
});
