import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { summary, systemFindings } from './serviceHelpers';

const RULE = 'deep-call-chain';

/** A compose file of services given as name -> the services it calls (by *_URL variables), plus extra lines. */
function compose(calls: Record<string, string[]>, extra: Record<string, string[]> = {}): string {
  const out = ['services:'];
  for (const [name, targets] of Object.entries(calls)) {
    out.push(`  ${name}:`, `    image: shop/${name}:1`);
    if (targets.length) out.push('    environment:', ...targets.map((t) => `      ${t.toUpperCase()}_URL: http://${t}:8080`));
    out.push(...(extra[name] ?? []).map((l) => `    ${l}`));
  }
  return lines(...out);
}

const run = (text: string, config = {}) => systemFindings([RULE], { '/w/compose.yaml': text }, config);

describe(RULE, () => {
  it('reports a path through four services once, on its entry service, with the availability at 99.9% per service', async () => {
    const f = await run(compose({ web: ['orders'], orders: ['payments'], payments: ['bank'], bank: [] }, { web: ['ports: ["80:80"]'] }));
    assert.deepEqual(summary(f), ['deep-call-chain /w/compose.yaml:2']);
    assert.match(f[0].message, /web -> orders -> payments -> bank\. .*up 99\.6% of the time/);
    assert.equal(f[0].related?.length, 3);
  });

  it('does not count a service registry or a configuration server as a hop (registration, start-up fetches)', async () => {
    const text = compose({ web: ['orders'], orders: ['payments'], payments: ['eureka-server'], 'eureka-server': [] }, { web: ['ports: ["80:80"]'] });
    assert.deepEqual(await run(text), []);
    const viaConfig = compose({ web: ['orders'], orders: ['payments'], payments: [], settings: [] }, { web: ['ports: ["80:80"]'], payments: ['environment:', '  SPRING_CLOUD_CONFIG_URI: http://settings:8888'] });
    assert.deepEqual(await run(viaConfig), []);
    const viaImport = compose({ web: ['orders'], orders: ['payments'], payments: [], settings: [] }, { web: ['ports: ["80:80"]'], payments: ['environment:', '  SPRING_CONFIG_IMPORT: configserver:http://settings:8888/'] });
    assert.deepEqual(await run(viaImport), [], "Spring's configserver: import is a start-up fetch");
    const deployed = compose({ web: ['orders'], orders: ['payments'], payments: ['config-server-deployment'], 'config-server-deployment': [] }, { web: ['ports: ["80:80"]'] });
    assert.deepEqual(await run(deployed), [], 'a configuration server named with its workload kind');
    const viaApp = compose({ web: ['orders'], orders: ['payments'], payments: [], settings: [] }, { web: ['ports: ["80:80"]'], payments: ['environment:', '  SETTINGS_URL: http://settings:8888'] });
    assert.deepEqual(summary(await run(viaApp)), ['deep-call-chain /w/compose.yaml:2'], 'the same hop to an application is one');
  });

  it('leaves a three-service path alone, and follows a threshold from the config file', async () => {
    const text = compose({ web: ['orders'], orders: ['payments'], payments: [] }, { web: ['ports: ["80:80"]'] });
    assert.deepEqual(await run(text), []);
    assert.deepEqual(summary(await run(text, { thresholds: { 'deep-call-chain': { minServices: 3 } } })), ['deep-call-chain /w/compose.yaml:2']);
  });

  it('does not count depends_on, datastores or a telemetry collector as hops', async () => {
    const text = lines(
      'services:',
      '  web:', '    image: web:1', '    depends_on: [orders]', '    environment:', '      OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4317',
      '  orders:', '    image: orders:1', '    depends_on: [payments]', '    environment:', '      DATABASE_URL: postgres://db:5432/orders',
      '  payments:', '    image: payments:1', '    depends_on: [bank]',
      '  bank:', '    image: bank:1',
      '  db:', '    image: postgres:16',
      '  otel-collector:', '    image: otel/opentelemetry-collector:0.100.0',
    );
    assert.deepEqual(await run(text), []);
  });

  it('starts the path after a client that takes no requests (a load generator), and reports a shared tail once', async () => {
    const text = compose({ load: ['web'], web: ['orders'], mobile: ['orders'], orders: ['payments'], payments: ['bank'], bank: [] }, { web: ['ports: ["80:80"]'], mobile: ['ports: ["81:80"]'] });
    const f = await run(text);
    assert.deepEqual(summary(f), ['deep-call-chain /w/compose.yaml:11']);
    assert.match(f[0].message, /A request to mobile crosses 4 services/);
  });
});
