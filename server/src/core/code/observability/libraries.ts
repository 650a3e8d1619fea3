/**
 * The observability libraries the service summaries recognise, by language: module names as code imports them
 * and as build files declare them. 'tracing' is an SDK or agent that records spans ('tracing-api' alone records
 * nothing without one); 'apm' is an agent or SDK distribution that records traces and request metrics; 'metrics' a metrics
 * client or middleware; 'structured' a logger that writes fields.
 */
export type Concern = 'tracing' | 'tracing-api' | 'apm' | 'metrics' | 'structured';

export interface Library {
  concern: Concern;
  module: RegExp;
}

const lib = (concern: Concern, module: RegExp): Library => ({ concern, module });

export const CODE_LIBRARIES: Record<string, Library[]> = {
  js: [
    lib('tracing', /^@opentelemetry\/(sdk-node|sdk-trace-\w+|auto-instrumentations-node|instrumentation(-[\w-]+)?)\b|^@(splunk|honeycombio|vercel)\/otel|^@google-cloud\/trace-agent$|^jaeger-client$|^zipkin(-[\w-]+)?$|^@opentelemetry\/exporter-(trace|jaeger|zipkin)/),
    lib('tracing-api', /^@opentelemetry\/api$/),
    lib('apm', /^(dd-trace|newrelic|elastic-apm-node|applicationinsights|@instana\/collector|@dynatrace\/oneagent|appdynamics|skywalking-backend-js|@traceloop\/node-server-sdk)(\/|$)/),
    lib('metrics', /^(prom-client|express-prom-bundle|prometheus-api-metrics|express-prometheus-middleware|fastify-metrics|@willsoto\/nestjs-prometheus|swagger-stats|hot-shots|node-statsd|statsd-client|datadog-metrics|@opentelemetry\/(sdk-metrics|exporter-prometheus|exporter-metrics-[\w-]+))$/),
    lib('structured', /^(pino|pino-http|bunyan|@elastic\/ecs-pino-format|roarr|@google-cloud\/logging-winston|express-pino-logger|nestjs-pino|@opentelemetry\/(sdk-logs|winston-transport))$/),
  ],
  py: [
    lib('tracing', /^opentelemetry\.(sdk\.trace|instrumentation|exporter\.\w+\.?\w*trace|distro|sdk$)|^(jaeger_client|py_zipkin|aws_xray_sdk|beeline)\b|^opencensus\.(trace|ext)|^google\.cloud\.trace/),
    lib('tracing-api', /^opentelemetry(\.trace)?$/),
    lib('apm', /^(ddtrace|newrelic|elasticapm|instana|skywalking|traceloop\.sdk|openlit|scout_apm)\b/),
    lib('metrics', /^(prometheus_client|prometheus_fastapi_instrumentator|prometheus_flask_exporter|starlette_exporter|starlette_prometheus|django_prometheus|aioprometheus|prometheus_async|statsd|datadog)\b|^opentelemetry\.(sdk\.metrics|exporter\.prometheus|metrics)/),
    lib('structured', /^(structlog|pythonjsonlogger|json_log_formatter|ecs_logging|google\.cloud\.logging)\b|^opentelemetry\.sdk\._logs\b/),
  ],
  go: [
    lib('tracing', /^go\.opentelemetry\.io\/(otel\/sdk(\/trace)?$|otel\/exporters\/(otlp\/otlptrace|jaeger|zipkin|stdout\/stdouttrace)|contrib\/instrumentation\/)|^github\.com\/(uber\/jaeger-client-go|openzipkin\/zipkin-go|aws\/aws-xray-sdk-go)|^go\.opencensus\.io\/(trace|plugin\/oc\w+)|^contrib\.go\.opencensus\.io\/exporter\/(stackdriver|jaeger|zipkin)/),
    lib('tracing-api', /^go\.opentelemetry\.io\/otel(\/trace)?$/),
    lib('apm', /^(gopkg\.in\/DataDog\/dd-trace-go|github\.com\/DataDog\/dd-trace-go|github\.com\/newrelic\/go-agent|go\.elastic\.co\/apm|github\.com\/instana\/go-sensor)/),
    lib('metrics', /^github\.com\/(prometheus\/client_golang|armon\/go-metrics|rcrowley\/go-metrics|VictoriaMetrics\/metrics|DataDog\/datadog-go|slok\/go-http-metrics|zsais\/go-gin-prometheus|penglongli\/gin-metrics|uber-go\/tally|go-kit\/kit\/metrics)|^github\.com\/labstack\/echo-contrib\/(echo)?prometheus|^github\.com\/(ansrivas\/fiberprometheus|gofiber\/contrib\/fiberprometheus)|^go\.opentelemetry\.io\/otel\/(sdk\/metric|exporters\/(prometheus|otlp\/otlpmetric))|^go\.opencensus\.io\/stats/),
    // slog writes attributes as fields: key=value (logfmt) from its text handler, JSON from its JSON handler.
    lib('structured', /^(log\/slog|go\.uber\.org\/zap|github\.com\/rs\/zerolog|github\.com\/go-kit\/(kit\/)?log|github\.com\/go-logr\/(zapr|zerologr))\b|^go\.opentelemetry\.io\/(contrib\/bridges\/otel\w+|otel\/sdk\/log)$/),
    // Declarative SDK set-up: traces, metrics and logs from one configuration.
    lib('apm', /^go\.opentelemetry\.io\/contrib\/(otelconf|config)\b/),
  ],
  java: [
    lib('tracing', /^io\.opentelemetry\.(sdk|instrumentation|exporter)|^(brave|zipkin2|io\.jaegertracing|io\.opencensus\.trace|com\.amazonaws\.xray|io\.micrometer\.tracing|org\.springframework\.cloud\.sleuth)\b/),
    lib('tracing-api', /^io\.opentelemetry\.(api|context)\b/),
    lib('apm', /^(datadog\.trace|com\.newrelic\.api|co\.elastic\.apm|com\.instana\.sdk)\b/),
    lib('metrics', /^(io\.micrometer\.(core|prometheus|registry)|io\.prometheus\.(client|metrics)|com\.codahale\.metrics|io\.dropwizard\.metrics|io\.opentelemetry\.(api|sdk)\.metrics)\b/),
    lib('structured', /^(net\.logstash\.logback|co\.elastic\.logging|io\.opentelemetry\.instrumentation\.(log4j|logback)\.appender)\b/),
  ],
};

/** Modules that start instrumenting when imported, without a further call. */
export const EFFECT_IMPORT = /^(instana|ddtrace\.auto|newrelic\.agent|@instana\/collector|dd-trace\/init|elastic-apm-node\/start)$/;

/** Build-file dependency names (package.json, requirements, go.mod, pom.xml/Gradle), by concern. */
export const DECLARED: [Concern, RegExp][] = [
  ['tracing', /@opentelemetry\/(sdk-node|auto-instrumentations-node|sdk-trace-\w+)|\bopentelemetry-(sdk|distro|instrumentation[\w-]*|javaagent|exporter-otlp)\b|go\.opentelemetry\.io\/otel\/sdk\b|\bjaeger-client\b|\bzipkin\b|opencensus/i],
  ['apm', /["'\s>](dd-trace|ddtrace|newrelic|elastic-apm-node|elastic-apm|elasticapm|instana|@instana\/collector)\b|DataDog\/dd-trace-go|newrelic\/go-agent|go\.elastic\.co\/apm/i],
  ['metrics', /\b(prom-client|express-prom-bundle|prometheus[-_]client|prometheus-fastapi-instrumentator|prometheus-flask-exporter|starlette-exporter|django-prometheus|micrometer-registry-[\w-]+|simpleclient|prometheus\/client_golang)\b/i],
  ['structured', /["'\s>](pino|bunyan|structlog|python-json-logger|json-log-formatter|ecs-logging)\b|go\.uber\.org\/zap|rs\/zerolog|logstash-logback-encoder/i],
];

/**
 * Spring Boot starters that configure themselves from the class path, no code needed: counted as in use when the
 * service is a Spring Boot application.
 */
export const SPRING_AUTOCONFIGURED: [Concern, RegExp][] = [
  ['tracing', /\b(micrometer-tracing-bridge-(otel|brave)|spring-boot-starter-(zipkin|opentelemetry)|spring-cloud-starter-sleuth|opentelemetry-spring-boot-starter|spring-cloud-sleuth-zipkin|spring-cloud-gcp-starter-trace|opentracing-spring-jaeger[\w-]*)\b/],
  // Spring Cloud starters that bring the Actuator with them (Zuul's gateway, Spring Cloud Security and OAuth2).
  ['metrics', /\b(spring-boot-starter-actuator|micrometer-registry-prometheus|spring-cloud-starter-netflix-zuul|spring-cloud-starter-security|spring-cloud-starter-oauth2)\b/],
];

/** Agents started by the command line, a Dockerfile or an environment variable (JAVA_TOOL_OPTIONS, NODE_OPTIONS). */
export const AGENT_COMMAND = /-javaagent:\S*(?:opentelemetry|otel|dd-java-agent|datadog|newrelic|elastic-apm|applicationinsights|skywalking|splunk|instana)\S*|\bopentelemetry-instrument\b|\bddtrace-run\b|\bnewrelic-admin\s+run-program\b|\bskywalking-go-agent\b|\bFROM\s+\S*apache\/skywalking-python\b|(?:--require|-r)[ =]+(?:@opentelemetry\/auto-instrumentations-node\/register|dd-trace\/init|newrelic|elastic-apm-node\/start)\b/;

/** The OpenTelemetry Java agent, which also exports log records (with their trace ids) as structured data. */
export const OTEL_JAVA_AGENT = /-javaagent:\S*(?:opentelemetry|otel)\S*|instrumentation\.opentelemetry\.io\/inject-java/;

/** A header that carries a request id or trace context, as a string literal in code. */
export const PROPAGATED_HEADER = /["'`](?:x-)?(?:request|correlation|trace)[-_]id["'`]|["'`](?:traceparent|x-b3-traceid|x-amzn-trace-id|x-cloud-trace-context|uber-trace-id)["'`]/i;
