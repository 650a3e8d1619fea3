import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../../server/src/cli/lint';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';

const ROOT = join(__dirname, '..', '..', 'fixtures', 'observability-mixed');
const RULES = ['missing-tracing', 'missing-metrics', 'unstructured-logging', 'deep-call-chain', 'premature-microservices'];

/**
 * The mixed workspace (compose and Kubernetes; Node, Python, Go and Java), linted as the CLI does. Each expected
 * finding was checked against the fixture's code by hand:
 * - gateway (Express): console.log, no tracing, no metrics: all three service rules;
 * - orders (FastAPI): structlog and prometheus-fastapi-instrumentator in wrapper modules; forwards X-Request-ID but
 *   records no spans: missing-tracing only;
 * - inventory (Go): otelhttp, promhttp, zap behind internal/obs; the generated pb file's fmt.Println is ignored;
 * - pricing (Spring Boot): Actuator + Prometheus registry; a Datadog agent in the Kubernetes env; System.out with
 *   logstash-logback-encoder declared but no Logback configuration: unstructured-logging, naming the encoder;
 * - notifications (Flask): the OpenTelemetry API without an SDK (named as not resolved), print, no metrics;
 * - the system: gateway -> orders -> inventory -> pricing, and five small services sharing db.
 */
const EXPECTED = [
  'deep-call-chain compose.yaml:3',
  'missing-metrics gateway/server.js:13',
  'missing-metrics notifications/app.py:4',
  'missing-tracing gateway/server.js:13',
  'missing-tracing notifications/app.py:4',
  'missing-tracing orders/main.py:9',
  'premature-microservices compose.yaml:3',
  'unstructured-logging gateway/server.js:13',
  'unstructured-logging notifications/app.py:4',
  'unstructured-logging pricing/src/main/java/shop/PricingApplication.java:12',
];

describe('observability and system rules on a mixed workspace', () => {
  it('reports each service-level finding once, on the service entry point, and the system findings on the compose file', async () => {
    const { report } = await lint(ROOT, [], new EffectiveConfig(DEFAULT_SETTINGS));
    const found = report.files.flatMap((f) => f.findings.filter((x) => RULES.includes(x.ruleId)).map((x) => `${x.ruleId} ${f.path}:${x.range.start.line + 1}`));
    assert.deepEqual(found.sort(), EXPECTED);
  });

  it('names what it could not resolve: an API without SDK, an encoder without configuration', async () => {
    const { report } = await lint(ROOT, [], new EffectiveConfig(DEFAULT_SETTINGS));
    const messages = report.files.flatMap((f) => f.findings.map((x) => `${x.ruleId} ${f.path} ${x.message}`));
    assert.ok(messages.some((m) => /^missing-tracing notifications\/app\.py .*opentelemetry appears in app\.py.*not resolved/.test(m)));
    assert.ok(messages.some((m) => /^unstructured-logging pricing\/.*logstash-logback-encoder appears in pom\.xml.*not resolved/.test(m)));
    assert.ok(messages.some((m) => /^missing-tracing orders\/main\.py .*names "X-Request-ID"/.test(m)));
    assert.ok(messages.some((m) => /^deep-call-chain compose\.yaml A request to gateway crosses 4 services synchronously: gateway -> orders -> inventory -> pricing\..*99\.6%/.test(m)));
  });
});
