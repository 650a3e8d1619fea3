import { list, related, serviceAtEntry, unresolvedNote } from './observability/entry';
import type { Report, Rule } from './types';

const ADD: Record<string, string> = {
  js: 'start @opentelemetry/sdk-node with the auto-instrumentations (node --require @opentelemetry/auto-instrumentations-node/register)',
  py: 'run it under opentelemetry-instrument (opentelemetry-distro) or set up opentelemetry-sdk with the instrumentation of its framework',
  go: 'set up the OpenTelemetry SDK (go.opentelemetry.io/otel/sdk) and wrap its handlers and clients with otelhttp or otelgrpc',
  java: 'start it with the OpenTelemetry Java agent (-javaagent in JAVA_TOOL_OPTIONS) or add micrometer-tracing-bridge-otel to a Spring Boot service',
};

/**
 * One finding per service that talks to other services at request time without distributed tracing: no
 * OpenTelemetry SDK or auto-instrumentation, no tracing agent or vendor APM, and no OTEL_* configuration in
 * its deployment. On the service's entry point (workspace/observability.ts sums up every file of the service).
 */
export const missingTracing: Rule = {
  id: 'missing-tracing',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'information',
  title: 'A service that calls or serves other services has no distributed tracing',
  description:
    'A request that crosses services can only be followed end to end when every service records spans and passes the trace context (traceparent) on to the services it calls. Set up OpenTelemetry (SDK, auto-instrumentation or the operator) or a tracing agent, and export to a collector (Jaeger, Tempo, a vendor).',
  check(ctx) {
    const view = serviceAtEntry(ctx);
    if (!view || view.o.tracing || view.o.platform || !view.o.peers.length) return []; // a config server, registry or dashboard is on no request path
    const { o, entry } = view;
    const propagation = o.propagation
      ? `; it names ${o.propagation.label}, so a request id may reach the next service's logs, but no spans say where the time went`
      : ', and no request id or traceparent is passed on to the services it calls';
    const report: Report = {
      message: `Service ${view.service} talks to ${list(o.peers)} but has no distributed tracing: no OpenTelemetry SDK, auto-instrumentation or tracing agent${propagation}${unresolvedNote(view, o.unresolved.tracing, 'tracing')}. To follow a request across services, ${ADD[view.lang] ?? 'set up OpenTelemetry'}.`,
      at: { start: entry.start, end: entry.end },
      related: [related(view, entry, `${entry.label}: where ${view.service} starts`)],
    };
    if (o.propagation) report.related!.push(related(view, o.propagation, `${o.propagation.label} named here`));
    if (o.unresolved.tracing) report.related!.push(related(view, o.unresolved.tracing, `${o.unresolved.tracing.label}: found but not set up`));
    return [report];
  },
};
