// A compose file that docker compose cannot load (an `extends` of a service that does not exist): render-error says
// why, and the deployment rules judge nothing in it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { findingsOn } from '../kubernetes/helpers';

const infra = (withProxy: boolean) => lines('services:', '  db:', '    image: postgres:16.4', ...(withProxy ? ['  proxy:', '    image: supabase/supavisor:1.1.56'] : ['#  proxy:', '#    image: supabase/supavisor:1.1.56']));
const stack = lines('services:', '  proxy:', '    extends:', '      file: ./infra.yml', '      service: proxy', '  api:', '    image: acme/api:1.2.0', '    depends_on: [proxy]');

describe('render-error in compose files', () => {
  it('reports an extends of a service the named file does not define, once, and nothing else in the file', async () => {
    const found = await findingsOn('/w/docker-compose.yml', { '/w/docker-compose.yml': stack, '/w/infra.yml': infra(false) });
    assert.deepEqual(found.map((f) => f.ruleId), ['render-error']);
    assert.match(found[0].message, /^Service 'proxy' extends service 'proxy' of infra\.yml, which defines no such service: docker compose cannot load this file/);
    assert.equal(found[0].range.start.line, 3);
  });
  it('judges the file as usual when the base exists', async () => {
    const found = await findingsOn('/w/docker-compose.yml', { '/w/docker-compose.yml': stack, '/w/infra.yml': infra(true) });
    assert.ok(!found.some((f) => f.ruleId === 'render-error') && found.some((f) => f.ruleId === 'missing-restart-policy'), found.map((f) => f.ruleId).join(' '));
  });
});
