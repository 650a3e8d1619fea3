/**
 * What one file of a service says about its observability: where the server starts, the tracing, metrics and
 * logging libraries it imports (and whether it uses them), the request-id headers it names, and its
 * print-style log calls. A text scan: the service summary (workspace/observability.ts) reads every file.
 */
import { languageOf } from '../breakers';
import { blankComments } from '../../text/blankComments';
import { hasGeneratedHeader } from '../generatedHeader';
import { importsOf } from './imports';
import { AGENT_COMMAND, CODE_LIBRARIES, EFFECT_IMPORT, PROPAGATED_HEADER, type Concern } from './libraries';

export interface Mark {
  start: number;
  end: number;
  label: string;
}

export interface LibraryMark extends Mark {
  concern: Concern;
  /** False for a library imported and never referenced again. */
  used: boolean;
}

export interface ObservabilityScan {
  entry?: Mark;
  libraries: LibraryMark[];
  propagation?: Mark;
  /** The first few print-style log calls, and how many there are. */
  unstructured: Mark[];
  unstructuredCount: number;
  /** How many of them write to the console directly (print, console.log, fmt.Print, System.out), not through a logger. */
  printCount?: number;
  /** A log format that writes a request or trace id into every line (`format="... [%(request_id)s] ..."`). */
  idsInLines?: Mark;
}

/** A Python logging format with a request, correlation or trace id field: its lines can be searched by that id. */
const PY_ID_FORMAT = /\bformat\s*=\s*[rfb]?["'][^"'\n]*%\((?:request_?id|requestId|correlation_?id|correlationId|trace_?id|traceId|otelTraceID)\)s/;

/** A log call that writes to the console directly: no logger, so no pattern adds a trace id to its line. */
const PRINT_STYLE = /^(?:console\.|print\(|fmt\.|System\.|\.printStackTrace)/;

const MAX_MARKS = 5;

const ENTRY: Record<string, RegExp> = {
  js: /(?:\b[\w$.]+|\))\.(?:listen|bindAsync|startAllMicroservices)\(/,
  py: /\buvicorn\.(?:run|Server)\(|^[ \t]*[\w.]+\s*=\s*(?:FastAPI|Flask|Quart|Sanic)\(|\bweb\.run_app\(|\bgrpc\.(?:aio\.)?server\(|\.serve_forever\(|\bwaitress\.serve\(|\bexecute_from_command_line\(|\bget_[aw]sgi_application\(|^\s*app\.run\(/m,
  go: /\b(?:http\.)?ListenAndServe(?:TLS)?\(|\b\w+\.Serve\(\s*\w+|\b(?:router|r|e|app|engine|server|srv)\.(?:Run|Start|Listen)\(/,
  java: /\bSpringApplication\.run\(|\bServerBuilder\.forPort\(|\bHttpServer\.create\(|\bJavalin\.create\(|\b(?:Quarkus|Micronaut)\.run\(/,
};

const UNSTRUCTURED: Record<string, RegExp> = {
  js: /\bconsole\.(?:log|info|warn|error|debug)\((?!\s*JSON\.stringify\()|\bmorgan\(/g,
  py: /^[ \t]*print\((?!\s*json\.dumps\()|\b(?:logging|log|logger|LOGGER|LOG|_logger|_log)\.(?:debug|info|warning|warn|error|exception|critical)\(/gm,
  go: /\bfmt\.(?:Print(?:f|ln)?|Fprint(?:f|ln)?\(\s*os\.Std(?:out|err))\(?|\blog\.(?:Print|Fatal|Panic)(?:f|ln)?\(|\b(?:log|logger|Log|Logger)\.(?:Infof|Warnf|Errorf|Debugf|Info|Warn|Error|Debug)\(/g,
  java: /\bSystem\.(?:out|err)\.print(?:ln|f)?\(|\.printStackTrace\(\)|\b(?:log|logger|LOG|LOGGER|Log|Logger)\.(?:info|debug|warn|error|trace)\(/g,
};

/** Structured output written without a logging library, or a standard logger set up to write JSON. */
const STRUCTURED_SETUP: Record<string, RegExp> = {
  // ... or a log line written by hand as a JSON object with a level and a message (`JSON.stringify({ time, level, msg })`).
  js: /\bconsole\.\w+\(\s*JSON\.stringify\(|\bwinston\.format\.json\(|\bformat\.json\(|\becsFormat\(|\bJSON\.stringify\(\s*\{(?=[^{}]{0,300}\blevel\b)(?=[^{}]{0,300}\b(?:msg|message)\b)/,
  // ... or a logging format string that is a JSON object of %(field)s placeholders (`'{"level": "%(levelname)s", ...}'`).
  py: /^[ \t]*print\(\s*json\.dumps\(|\bclass\s+\w+\(\s*(?:logging\.)?Formatter\s*\)[\s\S]{0,2000}?json\.dumps\(|\bserialize\s*=\s*True|\bjsonlogger\.JsonFormatter\b|['"]\{\s*\\?"[\w.]+\\?"\s*:\s*\\?"?%\(\w+\)s/m,
  // ... or echo's request logger writing JSON lines (a `Format` that is a JSON object; its default format is one).
  // ... or logrus lines that carry fields (`log.WithContext(ctx).WithField("id", id)`: key=value even in its text format),
  // or go-chi's httplog writing JSON.
  go: /\b(?:logrus|log|logger)\.(?:SetFormatter\(\s*&?(?:logrus\.)?JSONFormatter|Formatter\s*=\s*&?(?:logrus\.)?JSONFormatter)|\bJSONFormatter\{|\bslog\.NewJSONHandler\(|\bLoggerWithConfig\(\s*\w+\.LoggerConfig\{\s*Format:\s*[`"]\{|\.WithFields?\(\s*(?:["`]|logrus\.Fields|log\.Fields)|\bhttplog\.Options\{[^}]*\bJSON:\s*true/,
  java: /\blogging\.structured\.format\.(?:console|file)\s*[:=]|\bStructuredArguments\b/,
};

/** Django apps that are APM agents (Scout, Elastic APM, Datadog's, New Relic's), named as strings in INSTALLED_APPS. */
/** django-prometheus named as a Django app or middleware in the settings. */
const DJANGO_METRICS_APP = /["']django_prometheus(?:\.middleware\.\w+)?["']/;
const DJANGO_APM_APP = /["'](scout_apm\.django|elasticapm\.contrib\.django|ddtrace\.contrib\.django|newrelic\.extras\.framework_django)["']/;


/** Sentry's SDKs: an error reporter, and an APM (traces, and request rate, errors and duration from them) only when its set-up samples transactions. */
const SENTRY_MODULE = /^(sentry_sdk|@sentry\/[\w-]+|github\.com\/getsentry\/sentry-go|io\.sentry)\b/;
const SENTRY_TRACING = /\b(?:traces_sample_rate|tracesSampleRate|TracesSampleRate|setTracesSampleRate)\b["']?\s*[:=(]\s*(?:0?\.\d*[1-9]|[1-9]|[A-Za-z_])|\b(?:enable_tracing|enableTracing|EnableTracing|setEnableTracing|traces_sampler|tracesSampler|TracesSampler)\b["']?\s*[:=(]\s*(?!False|false|None|null|nil|undefined)\w/;

/** Database migrations (Alembic, Django, Flyway-style folders) and seed scripts. */
const ONE_OFF_SCRIPT = /(^|[\\/])(migrations?|alembic|seeds?|seeders?)[\\/]|(^|[\\/])seed[\w-]*\.\w+$/i;

/** Config files (logging ini/yaml/json) naming a JSON formatter. */
const CONFIG_STRUCTURED = /pythonjsonlogger|json_log_formatter|JsonFormatter|ecs_logging|logging\.structured\.format/;

export function scanObservability(path: string, text: string): ObservabilityScan {
  const out: ObservabilityScan = { libraries: [], unstructured: [], unstructuredCount: 0 };
  const lang = languageOf(path);
  const mark = (m: RegExpExecArray | RegExpMatchArray, label = m[0]): Mark => ({ start: m.index!, end: m.index! + m[0].length, label: label.replace(/\($/, '').trim() });
  if (hasGeneratedHeader(text)) return out;
  if (!lang || text.length > 1_000_000) {
    // Config and manifests: a JSON log formatter, or an agent started by an npm script.
    const config = CONFIG_STRUCTURED.exec(text);
    if (config) out.libraries.push({ ...mark(config), concern: 'structured', used: true });
    const agent = /package\.json$/.test(path) ? AGENT_COMMAND.exec(text) : null;
    if (agent) out.libraries.push({ ...mark(agent), concern: 'apm', used: true });
    return out;
  }
  // A server start in a comment (`// SpringApplication.run(...)` of a module turned into a library) starts nothing.
  const entry = ENTRY[lang].exec(text) && ENTRY[lang].exec(blankComments(text, lang));
  // A call chained on another call (`createServer(app).listen(`) is named by its method alone.
  if (entry) out.entry = mark(entry, entry[0].startsWith(')') ? `${entry[0].slice(1).replace(/\($/, '')}()` : entry[0].replace(/\(.*$/s, ''));
  for (const imp of importsOf(lang, text)) {
    const library = CODE_LIBRARIES[lang].find((l) => l.module.test(imp.module));
    const sentry = !library && imp.used && SENTRY_MODULE.test(imp.module) ? SENTRY_TRACING.exec(text) : null;
    if (sentry) out.libraries.push({ ...mark(sentry, `${imp.module} ${sentry[0]}`), concern: 'apm', used: true });
    else if (library) out.libraries.push({ start: imp.start, end: imp.end, label: imp.module, concern: library.concern, used: imp.used || EFFECT_IMPORT.test(imp.module) });
    else if (/^(winston|github\.com\/sirupsen\/logrus|log\/slog)$/.test(imp.module) && imp.used && STRUCTURED_SETUP[lang].test(text)) {
      out.libraries.push({ start: imp.start, end: imp.end, label: imp.module, concern: 'structured', used: true });
    } else if (imp.module === 'winston' && imp.used && !/\bformat\.(?:printf|simple|cli)\(/.test(text)) {
      out.libraries.push({ start: imp.start, end: imp.end, label: 'winston (JSON by default)', concern: 'structured', used: true });
    }
  }
  // An APM agent that Django loads as an app (`INSTALLED_APPS += ("scout_apm.django",)`): no import names it.
  const djangoApm = lang === 'py' ? DJANGO_APM_APP.exec(text) : null;
  if (djangoApm) out.libraries.push({ ...mark(djangoApm, djangoApm[1]), concern: 'apm', used: true });
  // django-prometheus as an app or middleware (`INSTALLED_APPS += ["django_prometheus"]`, switched on by a setting).
  const djangoMetrics = lang === 'py' ? DJANGO_METRICS_APP.exec(text) : null;
  if (djangoMetrics) out.libraries.push({ ...mark(djangoMetrics, 'django_prometheus'), concern: 'metrics', used: true });
  const setup = STRUCTURED_SETUP[lang].exec(text) ?? (lang === 'go' ? echoDefaultLogger(text) : null);
  if (setup && !out.libraries.some((l) => l.concern === 'structured')) out.libraries.push({ ...mark(setup, /^JSON\.stringify/.test(setup[0]) ? 'JSON log lines written with JSON.stringify' : setup[0]), concern: 'structured', used: true });
  const header = PROPAGATED_HEADER.exec(text);
  if (header) out.propagation = mark(header);
  const ids = lang === 'py' ? PY_ID_FORMAT.exec(text) : null;
  if (ids) out.idsInLines = mark(ids, 'a log format with the request id');
  // Migrations and seed scripts run once, by hand or at deploy time: their prints are not the service's logs.
  if (ONE_OFF_SCRIPT.test(path)) return out;
  // Right after a call that starts the server and returns (Java's `SpringApplication.run(...)`, Node's `listen(...)`),
  // the lines printed are its banner (an ASCII-art `println`). Python's entry creates the app; Go's blocks.
  const bannerUntil = entry && (lang === 'java' || lang === 'js') ? lineEndAfter(text, entry.index! + entry[0].length, 3) : -1;
  for (const m of text.matchAll(UNSTRUCTURED[lang])) {
    if ((entry && m.index! > entry.index! && m.index! < bannerUntil) || isStartupBanner(text, m.index!) || (lang === 'py' && inLifecycleHook(text, m.index!))) continue;
    if (out.unstructured.length < MAX_MARKS) out.unstructured.push(mark(m, m[0].replace(/^\s+/, '')));
    out.unstructuredCount++;
    if (PRINT_STYLE.test(m[0].trimStart())) out.printCount = (out.printCount ?? 0) + 1;
  }
  // Leading indentation of a Python print( is not part of the call.
  for (const u of out.unstructured) {
    const lead = /^\s*/.exec(text.slice(u.start, u.end))![0].length;
    u.start += lead;
  }
  return out;
}

/** echo's request logger with its default format, JSON lines (`e.Use(middleware.Logger())`). */
function echoDefaultLogger(text: string): RegExpExecArray | null {
  return /"github\.com\/labstack\/echo(?:\/v\d+)?\/middleware"/.test(text) ? /\.Use\(\s*\w+\.Logger\(\)\s*\)/.exec(text) : null;
}

/** A line that announces the server's start (`console.log(\`listening on ${port}\`)`): said once, not a request's log. */
const BANNER = /\b(?:listening|started|starting|running (?:on|at)|ready (?:on|at)|server (?:is )?(?:up|running)|up and running|(?:dis)?connected (?:to|from)|connection (?:closed|established|opened)|shut(?:ting)? ?down)\b/i;

/** A Python function run once when the app starts or stops (FastAPI's `lifespan`, an `on_event("startup")` handler). */
const LIFECYCLE_FUNCTION = /^(lifespan|app_lifespan|startup|shutdown|on_startup|on_shutdown|startup_event|shutdown_event)$/;

/** Whether the Python code at `at` is inside a start-up or shut-down hook: said once per process, not per request. */
function inLifecycleHook(text: string, at: number): boolean {
  const defs = [...text.slice(0, at).matchAll(/^([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)/gm)];
  const def = defs[defs.length - 1];
  if (!def) return false;
  const before = text.slice(Math.max(0, def.index! - 200), def.index!);
  return LIFECYCLE_FUNCTION.test(def[2]) || /on_event\(\s*["'](?:startup|shutdown)["']\s*\)\s*$/.test(before.trimEnd());
}

/** An exit (`log.Fatal(err)`, `log.Fatalf(...)`, `log.Panic(...)`): the process stops, it does not log its work. */
const EXIT_ON_FAILURE = /^\s*log\.(?:Fatal|Panic)(?:f|ln)?\(/;
/** The process ending on the next lines (`System.exit(1)`, `process.exit(1)`, `sys.exit(1)`, `os.Exit(1)`). */
const EXIT_NEXT = /^[^\n]*\n(?:[^\n]*\n)?\s*(?:System\.exit|process\.exit|sys\.exit|os\.Exit)\s*\(/;

/** The end of the line `lines` lines after the one holding `at` (the text's end when it has fewer). */
function lineEndAfter(text: string, at: number, lines: number): number {
  let end = at;
  for (let i = 0; i <= lines && end >= 0; i++) end = text.indexOf('\n', end + 1);
  return end < 0 ? text.length : end;
}

/** A call that is no log line of the service's work: a start-up banner, an exit on failure, or commented-out code. */
function isStartupBanner(text: string, at: number): boolean {
  const end = text.indexOf('\n', at);
  const line = text.slice(at, end < 0 ? undefined : end);
  const before = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  return BANNER.test(line) || EXIT_ON_FAILURE.test(line) || EXIT_NEXT.test(text.slice(at, at + 400)) || /^\s*(?:\/\/|#|\*|\/\*)/.test(before);
}

const LANGUAGE_OF_KIND: Partial<Record<string, string>> = { python: 'py', typescript: 'js', javascript: 'js', go: 'go', java: 'java' };

/** Whether a file starts a server (a service's entry point): the prefilter keeps such files for the service rules. */
export function startsServer(kind: string, text: string): boolean {
  const lang = LANGUAGE_OF_KIND[kind];
  return !!lang && ENTRY[lang].test(text);
}

export { hasGeneratedHeader };
