import type { Node } from 'web-tree-sitter';
import type { OffsetEdit, Report, RuleContext } from '../rules/types';
import { isBackendCode, isTestFile, nodesOf, span } from './common';
import { extractRoutes } from './routes/index';
import { routerKey } from './routes/keys';
import type { FileRoutes } from './routes/types';
import { isHealthPath } from '../rules/openapi';

/** A health or readiness route, a health library, or Spring Actuator, anywhere in the file. */
const HEALTH = /["'`]\/(?:api\/)?(?:v\d+\/)?(?:_{0,2}health(?:z|check|-check)?|livez|readyz|ready|readiness|liveness|alive|ping|status)\b|@nestjs\/terminus|@godaddy\/terminus|express-healthcheck|fastify-healthcheck|lightship|healthcheck\.Handler|heptiolabs\/healthcheck|alexliesenfeld\/health|hellofresh\/health-go|InVisionApp\/go-health|flask_healthz|fastapi_health|health_check|actuator|\.Use\(\s*\w+\.Ping\b|middleware\.Heartbeat\(/i;

/** A path segment that names a health, readiness or liveness endpoint. */
const HEALTH_SEGMENT = /^_{0,2}(?:health(?:z|check|-check)?|livez|readyz|ready|readiness|liveness|alive|ping)$/i;

/**
 * True when the file declares a health route, read with the route extractors (Gin/Echo/chi/gorilla groups,
 * Go 1.22 `"GET /healthz"`, Spring `@GetMapping("/health")` under a class prefix...).
 */
export function servesHealthRoute(ctx: RuleContext, routes = extractRoutes(ctx.source, ctx.tree)): boolean {
  if (!HEALTH_PATH_WORD.test(ctx.source.text)) return false;
  return routes.routes.some((r) => (r.method === 'GET' || r.method === 'ANY' || r.method === 'HEAD') && r.path.split('/').some((s) => HEALTH_SEGMENT.test(s)));
}

interface Server {
  framework: string;
  at: Node;
  fix?: OffsetEdit;
}

function lineStartOf(ctx: RuleContext, n: Node): { at: number; indent: string } {
  const row = n.startPosition.row;
  const text = ctx.source.lines.lineText(row);
  return { at: ctx.source.lines.lineStart(row), indent: /^\s*/.exec(text)![0] };
}

/** The routes the file declares, every framework's (routes/), once per tree. */
function routesOf(ctx: RuleContext): FileRoutes {
  return extractRoutes(ctx.source, ctx.tree);
}

/**
 * A segment of a health path written in a string (`'/health'`, `"/api/status"`, `` `${p}/livez` ``): routes are read
 * from the file's own strings, so without one no route of the file can be a health route.
 */
const HEALTH_PATH_WORD = /['"`/^](?:health|healthz|healthcheck|ready|readyz|readiness|live|livez|liveness|ping|status)['"`/$]/i;

/** A route for every path (`app.all('*')`, `/{*splat}`, `/:path*`): a probe of any path gets its answer. */
const CATCH_ALL_PATH = /^\/?(\*\w*|\{\*\w*\}|:\w+\*|\(\.\*\))$/;
/** A handler that answers not-found: a catch-all that says 404 is no health check. */
const NOT_FOUND = /\b404\b|not[\s_-]?found/i;

/** A health route declared in the file, a router mounted under a health prefix, or a catch-all GET that answers success. */
function servesHealth(ctx: RuleContext): boolean {
  const catchAll = routesOf(ctx).routes.some((r) => (r.method === 'GET' || r.method === 'ANY') && CATCH_ALL_PATH.test(r.path) && !NOT_FOUND.test(ctx.source.text.slice(r.at.start, r.at.start + 300)));
  if (catchAll) return true;
  if (!HEALTH_PATH_WORD.test(ctx.source.text)) return false;
  const { routes, mounts } = routesOf(ctx);
  return routes.some((r) => isHealthPath(r.path)) || mounts.some((m) => isHealthPath(m.prefix));
}

function jsServer(ctx: RuleContext): Server | undefined {
  const text = ctx.source.text;
  const framework = /from\s+['"](express|fastify|koa|hono|@nestjs\/core)['"]|require\(\s*['"](express|fastify|koa|hono)['"]\s*\)/.exec(text);
  if (!framework) return undefined;
  // The server start first: it comes from the shared walk, while reading routes walks the tree again.
  const listen = nodesOf(ctx, 'call_expression').find((c) => /\.listen$|^serve$/.test(c.childForFieldName('function')?.text ?? ''));
  if (!listen) return undefined;
  const routes = /\.(get|post|put|patch|delete|route)\s*\(\s*['"`]\//.test(text) || routesOf(ctx).routes.length > 0;
  if (!routes) return undefined; // routes live in other files: judged there
  const name = (framework[1] ?? framework[2]).replace('@nestjs/core', 'NestJS');
  const app = listen.childForFieldName('function')?.childForFieldName('object');
  let fix: OffsetEdit | undefined;
  if (name === 'express' && app?.type === 'identifier') {
    const { at, indent } = lineStartOf(ctx, listen);
    const eol = ctx.source.lines.eol;
    fix = { start: at, end: at, newText: `${indent}${app.text}.get('/health', (_req, res) => {${eol}${indent}  res.json({ status: 'ok' });${eol}${indent}});${eol}${eol}` };
  }
  return { framework: name, at: listen.childForFieldName('function')!, fix };
}

function pythonServer(ctx: RuleContext): Server | undefined {
  const text = ctx.source.text;
  const m = /^(\w+)\s*=\s*(Flask|FastAPI)\(/m.exec(text);
  if (!m) return djangoServer(ctx);
  const app = nodesOf(ctx, 'assignment').find((a) => a.childForFieldName('left')?.text === m[1] && /^(Flask|FastAPI)\(/.test(a.childForFieldName('right')?.text ?? ''));
  if (!app) return undefined;
  if (!new RegExp(`@${m[1]}\\.(route|get|post|put|patch|delete|api_route)\\(`).test(text) && !routesOf(ctx).routes.length) return undefined;
  // Routers of other modules included here (`app.include_router(health.router)`): their routes are not this file's.
  if (routesOf(ctx).mounts.some((mount) => !mount.target.startsWith(routerKey(ctx.source.path, '')))) return undefined;
  const eol = ctx.source.lines.eol;
  const main = /^if __name__ == ["']__main__["']:/m.exec(text);
  const at = main ? main.index : text.length;
  const lead = main ? '' : text.endsWith('\n') ? eol : eol + eol;
  const body = `@${m[1]}.get("/health")${eol}def health():${eol}    return {"status": "ok"}${eol}`;
  return { framework: m[2], at: app.childForFieldName('right')!.childForFieldName('function')!, fix: { start: at, end: at, newText: `${lead}${eol}${body}${eol}${eol}` } };
}

/** The root URLconf of a Django project (the one that serves the admin site). */
function djangoServer(ctx: RuleContext): Server | undefined {
  if (!/admin\.site\.urls/.test(ctx.source.text) || !routesOf(ctx).routes.some((r) => r.framework === 'django')) return undefined;
  // Patterns spread or added from another module (`*core_urlpatterns`, `+ common.urls.urlpatterns`) may serve health.
  if (/\*\s*[\w.]*urlpatterns\b|\+\s*[\w.]*urlpatterns\b/.test(ctx.source.text.replace(/^urlpatterns\s*\+=/gm, ''))) return undefined;
  const at = nodesOf(ctx, 'assignment').find((a) => a.childForFieldName('left')?.text === 'urlpatterns');
  return at ? { framework: 'Django', at: at.childForFieldName('left')! } : undefined;
}

/** Go web frameworks whose engine starts with `Run` or `Start`. */
const GO_RUN_FRAMEWORK = /"github\.com\/(gin-gonic\/gin|labstack\/echo(\/v\d+)?|gofiber\/fiber(\/v\d+)?|kataras\/iris(\/v\d+)?|beego\/beego(\/v\d+)?|cloudwego\/hertz[\w/]*|go-martini\/martini)"/;

function goServer(ctx: RuleContext): Server | undefined {
  const text = ctx.source.text;
  // `x.Run()` and `x.Start()` start a server only in a file that imports a framework whose engine has them (gin, echo ...):
  // elsewhere they are any object's (`cleanup.Run()`, `o.Run(ctx, msg)`).
  const runs = GO_RUN_FRAMEWORK.test(text);
  const start = nodesOf(ctx, 'call_expression').find((c) => {
    const fn = c.childForFieldName('function')?.text ?? '';
    return /(^|\.)ListenAndServe(TLS)?$/.test(fn) || (runs && /^\w+\.(Run|Start)$/.test(fn));
  });
  if (!start) return undefined;
  const routes = extractRoutes(ctx.source, ctx.tree);
  if (!routes.routes.length && !routes.skipped.length && !/HandleFunc\(|Handle\(|\.(GET|Get|POST|Post)\(\s*"\//.test(text)) return undefined;
  if (servesHealthRoute(ctx, routes) || GO_HEALTH_HANDLER.test(text)) return undefined;
  if (routes.routes.length && routes.routes.every((r) => OPERATIONS_PATH.test(r.path))) return undefined;
  // Every handler the file registers is Prometheus's (`mux.Handle(cfg.Path, promhttp.Handler())`): a metrics listener.
  if (METRICS_ONLY.test(text) && !/\.(?:HandleFunc|Handle|GET|Get|POST|Post|Any)\((?![^\n]*promhttp\.Handler)/.test(text)) return undefined;
  // The service's own health server, started from its package (`health.New(...).Start(port)`).
  if (/"[\w./-]+\/health"/.test(text) && /\bhealth\.New\w*\(/.test(text)) return undefined;
  if (goRouterHandedOn(ctx)) return undefined;
  const fn = start.childForFieldName('function')!;
  const imported = GO_RUN_FRAMEWORK.exec(text)?.[1]?.split('/')[1];
  const served = /ListenAndServe/.test(fn.text) ? 'net/http' : imported ?? undefined;
  if (!served) return undefined;
  // `server.ListenAndServe(addr)` of another protocol's server (an LDAP or SMTP library's), in a file that neither
  // imports net/http nor registers HTTP routes: no HTTP server.
  if (served === 'net/http' && !/"net\/http"/.test(text) && !routes.routes.length) return undefined;
  const framework = routes.routes[0]?.framework ?? served;
  let fix: OffsetEdit | undefined;
  if (served === 'net/http' && /^http\.ListenAndServe(TLS)?$/.test(fn.text)) {
    const handler = start.childForFieldName('arguments')?.namedChildren.filter((a) => a && a.type !== 'comment').pop();
    const mux = handler?.text === 'nil' ? 'http' : handler?.type === 'identifier' ? handler.text : undefined;
    if (mux) {
      const { at, indent } = lineStartOf(ctx, start);
      fix = { start: at, end: at, newText: `${indent}${mux}.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })${ctx.source.lines.eol}` };
    }
  }
  return { framework, at: fn, fix };
}

/**
 * A route registered under a path the file does not spell (a constant of another package, `handlers.HealthPath`)
 * whose handler is named for health or readiness (`handlers.Health`, `healthz`, `readyHandler`).
 */
const GO_HEALTH_HANDLER = /\.(?:HandleFunc|Handle|GET|Get|HEAD|Head|Any)\(\s*[A-Za-z_][\w.]*\s*,\s*(?:[A-Za-z_]\w*\.)*(?:[Hh]ealth\w*|[Rr]eady\w*|[Ll]iveness\w*|[Rr]eadiness\w*|[Pp]ing)\b|\bWithHealthzEndpoint\(|\bWithHealthEndpointAt\(|\bRegisterHealthServer\(/;

const METRICS_ONLY = /\bpromhttp\.Handler(For)?\(/;

/** Paths a listener of its own serves for operators (metrics, profiling), not the service's API. */
const OPERATIONS_PATH = /^\/(?:metrics|debug\/|prometheus)/;

/** A Go router made in the file: `http.NewServeMux()`, `gin.Default()`, `echo.New()`, `chi.NewRouter()`, `mux.NewRouter()`... */
const GO_ROUTER = /^(?:http\.NewServeMux|gin\.(?:New|Default)|echo\.New|chi\.NewRouter|mux\.NewRouter|fiber\.New|httprouter\.New)\(/;

/**
 * True when the file hands a router it made to a call whose result it drops (`h.Register(mux)`,
 * `routes.Setup(r)`): that call registers routes elsewhere, so whether a health route exists is not this file's to say.
 */
function goRouterHandedOn(ctx: RuleContext): boolean {
  const routers = new Set<string>();
  for (const decl of nodesOf(ctx, ['short_var_declaration', 'assignment_statement'])) {
    const left = decl.childForFieldName('left')?.namedChildren ?? [];
    const right = decl.childForFieldName('right')?.namedChildren ?? [];
    left.forEach((l, i) => { if (l?.type === 'identifier' && GO_ROUTER.test(right[i]?.text ?? '')) routers.add(l.text); });
  }
  if (!routers.size) return false;
  return nodesOf(ctx, 'call_expression').some((call) => {
    if (call.parent?.type !== 'expression_statement') return false;
    const fn = call.childForFieldName('function');
    if (fn?.type === 'selector_expression' && routers.has(fn.childForFieldName('operand')?.text ?? '')) return false;
    if (/(?:^|\.)(?:ListenAndServe(?:TLS)?|Serve(?:TLS)?)$/.test(fn?.text ?? '')) return false;
    return (call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a?.type === 'identifier' && routers.has(a.text));
  });
}

const SERVERS: Record<string, (ctx: RuleContext) => Server | undefined> = { typescript: jsServer, javascript: jsServer, python: pythonServer, go: goServer };

/**
 * Service code: a file that serves HTTP (and defines its routes) with no health/readiness route. Spring is left
 * out: its health endpoint is usually Spring Actuator, a build dependency this per-file check cannot see.
 */
export function codeHealthEndpoint(ctx: RuleContext): Report[] {
  // A sample app in an `examples/` folder, a load test's stub or a tool is no service of the system (code/scope.ts).
  if (HEALTH.test(ctx.source.text) || isTestFile(ctx) || !isBackendCode(ctx)) return [];
  const server = SERVERS[ctx.source.kind]?.(ctx);
  if (!server || servesHealth(ctx)) return [];
  return [{
    message: `This ${server.framework} service serves HTTP without a health or readiness route: orchestrators and load balancers cannot tell a healthy instance from a hung one`,
    at: span(server.at),
    ...(server.fix ? { fix: { title: 'Add a /health route', edits: [server.fix] } } : {}),
  }];
}
