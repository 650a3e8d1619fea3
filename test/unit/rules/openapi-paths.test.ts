// Which paths are a service's probes and operational endpoints (left out of the API-design rules), and which are business.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHealthPath, isOperationalPath } from '../../../server/src/core/rules/openapi';
import { findingsOf, lines } from './helpers';

describe('probe and operational paths', () => {
  it('takes a health word with no parameter before it for a probe', () => {
    for (const p of ['/health', '/healthz', '/health/ready', '/api/v1/intelligence/health', '/actuator/health/liveness', '/readyz', '/ping', '/api/v1/status', '/internal/status']) assert.ok(isHealthPath(p), p);
  });
  it('takes a health or status path under a resource for business', () => {
    for (const p of ['/feeds/{feed_id}/health', '/jobs/{id}/status', '/jobs/status', '/reprocess/status', '/status/{jobId}', '/orders/:id/health', '/healthy-recipes']) assert.ok(!isHealthPath(p), p);
  });
  it('takes the root page and metrics below the API base for operational endpoints, and not a business metrics resource', () => {
    for (const p of ['/', '/metrics', '/api/metrics', '/actuator/prometheus', '/health']) assert.ok(isOperationalPath(p), p);
    for (const p of ['/campaigns/{id}/metrics', '/reports/metrics', '/orders']) assert.ok(!isOperationalPath(p), p);
  });
});

describe('API-design rules leave a spec of probes alone', () => {
  const probes = lines('openapi: 3.0.3', 'info:', '  title: Probes', '  version: "1"', 'paths:', ...['/', '/health', '/health/ready', '/metrics'].flatMap((p) => [`  ${p}:`, '    get:', '      responses:', "        '200':", '          description: ok']));
  for (const rule of ['missing-rate-limit', 'missing-error-responses', 'unversioned-api', 'missing-correlation-id', 'missing-auth']) {
    it(`${rule} finds nothing in a spec of probes and metrics only`, async () => {
      assert.deepEqual(await findingsOf(rule, 'api.yaml', probes), []);
    });
  }
  it('missing-rate-limit still judges the business operations beside the probes', async () => {
    const mixed = lines('openapi: 3.0.3', 'info:', '  title: Shop', '  version: "1"', 'paths:', ...['/health', '/orders'].flatMap((p) => [`  ${p}:`, '    get:', '      responses:', "        '200':", '          description: ok']));
    const found = await findingsOf('missing-rate-limit', 'api.yaml', mixed);
    assert.equal(found.length, 1);
  });
});
