import { related, serviceAtEntry, unresolvedNote } from './observability/entry';
import type { Report, Rule } from './types';

const ADD: Record<string, string> = {
  js: 'prom-client with express-prom-bundle (or @opentelemetry/sdk-metrics)',
  py: 'prometheus-client with prometheus-fastapi-instrumentator or prometheus-flask-exporter (or OpenTelemetry metrics)',
  go: 'prometheus/client_golang with promhttp middleware (or otelhttp and the OpenTelemetry metrics SDK)',
  java: 'Spring Boot Actuator with micrometer-registry-prometheus (or Micrometer)',
};

/** Java frameworks other than Spring Boot, by the call that starts them, and their own metrics modules. */
const JAVA_ADD: [RegExp, string][] = [
  [/Micronaut\.run/, 'micronaut-micrometer with micronaut-micrometer-registry-prometheus and micronaut-management'],
  [/Quarkus\.run/, 'quarkus-micrometer-registry-prometheus'],
];

function advice(lang: string, entry: string, text: string): string {
  // A NestJS microservice serves messages, not HTTP: its metrics come from an interceptor, per message pattern.
  // Type arguments may stand between the name and the call (`createMicroservice<MicroserviceOptions>(`).
  // So does an HTTP app that only connects microservices and starts them (`connectMicroservice`, `startAllMicroservices`).
  const microserviceOnly = /NestFactory\.createMicroservice\s*(<[^>()]*>)?\s*\(/.test(text) && !/NestFactory\.create\s*(<[^>()]*>)?\s*\(/.test(text);
  const connectedOnly = /\.connectMicroservice\s*(<[^>()]*>)?\s*\(/.test(text) && !/\.listen\(/.test(text);
  if (microserviceOnly || connectedOnly) return 'prom-client with a Nest interceptor that counts and times each message pattern, served on a metrics port (or @opentelemetry/sdk-metrics)';
  const framework = lang === 'java' ? JAVA_ADD.find(([start]) => start.test(entry)) : undefined;
  return framework?.[1] ?? ADD[lang] ?? 'a metrics client with its HTTP middleware';
}

/**
 * One finding per service that serves requests and exposes no request metrics: no Prometheus client or
 * middleware, OpenTelemetry metrics, Micrometer/Actuator, statsd, or an APM agent. On its entry point.
 */
export const missingMetrics: Rule = {
  id: 'missing-metrics',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'information',
  title: 'A service serves requests without request metrics',
  description:
    'Alerts and dashboards need every service\'s rate, errors and duration (RED). A service without a metrics client or middleware can only be watched from outside. Expose request metrics with a Prometheus client and its HTTP middleware, OpenTelemetry metrics, Micrometer (Spring Boot Actuator) or an APM agent.',
  check(ctx) {
    const view = serviceAtEntry(ctx);
    if (!view || view.o.metrics || view.o.platform) return []; // a config server, registry or dashboard serves no request path
    const { o, entry } = view;
    const report: Report = {
      message: `Service ${view.service} serves requests (${entry.label}) but records no request rate, errors or duration: no Prometheus client or middleware, OpenTelemetry metrics, Micrometer or APM agent${unresolvedNote(view, o.unresolved.metrics, 'metrics')}. Add ${advice(view.lang, entry.label, ctx.source.text)}.`,
      at: { start: entry.start, end: entry.end },
    };
    if (o.unresolved.metrics) report.related = [related(view, o.unresolved.metrics, `${o.unresolved.metrics.label}: found but not set up`)];
    return [report];
  },
};
