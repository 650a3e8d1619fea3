import { related, serviceAtEntry, unresolvedNote } from './observability/entry';
import type { Report, Rule } from './types';

const ADD: Record<string, string> = {
  js: 'pino (or winston with format.json())',
  py: 'structlog, or a JSON formatter for logging (python-json-logger)',
  go: 'log/slog with a JSONHandler, zap or zerolog',
  java: 'a JSON encoder for Logback (logstash-logback-encoder) or Log4j2 JsonTemplateLayout, or Spring Boot\'s logging.structured.format',
};

/**
 * One finding per service that logs with print-style calls or a text logger and has no structured logger
 * anywhere in its code or logging configuration. On its entry point, with the first calls as related locations.
 */
/** A logging call's label as called: `print()`, `.printStackTrace()` (matched with its brackets). */
const call = (label: string) => (label.endsWith('()') ? label : `${label}()`);

export const unstructuredLogging: Rule = {
  id: 'unstructured-logging',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'information',
  title: 'A service writes its logs as plain text',
  description:
    'Logs written with print, console.log, fmt.Println or System.out, or with a text pattern, cannot be filtered by request id, user or order across services. Log through a structured logger that writes JSON fields, and put the correlation id in every line.',
  check(ctx) {
    const view = serviceAtEntry(ctx);
    // A config server, registry or dashboard serves no request whose id anyone searches its logs for.
    if (!view || view.o.structured || !view.o.unstructuredCount || view.o.platform) return [];
    // Spring Boot with Micrometer Tracing writes the trace id into each line its logger writes: searchable by it.
    if (view.o.traceIdsInLogs && !view.o.printCount) return [];
    const { o, entry } = view;
    const first = o.unstructured[0];
    const count = o.unstructuredCount === 1 ? 'one log call' : `${o.unstructuredCount} log calls`;
    const report: Report = {
      message: `Service ${view.service} logs as plain text (${count} such as ${call(first.label)}, and no structured logger${unresolvedNote(view, o.unresolved.structured, 'its logger')}): its lines cannot be searched by request id. Log JSON fields with ${ADD[view.lang] ?? 'a structured logger'}, including the correlation id.`,
      at: { start: entry.start, end: entry.end },
      related: o.unstructured.map((u) => related(view, u, call(u.label))),
    };
    return [report];
  },
};
