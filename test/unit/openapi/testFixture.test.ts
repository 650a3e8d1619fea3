// Specs kept as test fixtures are no contracts: the API-design rules leave them alone; secrets are still looked for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTestSpecPath } from '../../../server/src/core/openapi/testFixture';
import { lines } from '../rules/helpers';
import { diskFindings } from '../rules/serviceHelpers';

const SPEC = lines('openapi: 3.0.3', 'info:', '  title: Filter Test API', "  version: '1'", 'paths:', '  /things:', '    post:', '      responses:', "        '200':", '          description: ok');

describe('specs kept as test fixtures', () => {
  it('knows a fixture by its folder or its name inside the workspace, and not a spec/ folder (the contract itself)', () => {
    assert.equal(isTestSpecPath('/w/api/v3/test/openapi.test.yaml', '/w'), true);
    assert.equal(isTestSpecPath('/w/pkg/testdata/petstore.yaml', '/w'), true);
    assert.equal(isTestSpecPath('/w/api/petstore.fixture.json', '/w'), true);
    assert.equal(isTestSpecPath('/w/spec/openapi.yaml', '/w'), false);
    assert.equal(isTestSpecPath('/w/api/openapi.yaml', '/w'), false);
    assert.equal(isTestSpecPath('/home/tests/shop/api/openapi.yaml', '/home/tests/shop'), false, 'a folder above the workspace does not count');
  });

  it('gets no API-design finding, while the same spec as the contract does', async () => {
    const files = { 'api/v3/test/openapi.test.yaml': SPEC, 'spec/openapi.yaml': SPEC };
    assert.deepEqual(await diskFindings(['missing-auth'], files), ['spec/openapi.yaml']);
  });
});
