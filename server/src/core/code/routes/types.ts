/**
 * HTTP routes that service code serves, as every route-reading rule needs them (issue 14). One extractor per
 * language (routes/<language>.ts) fills `FileRoutes` for a file; a service-level join (routes/service.ts) applies
 * mounts across the service's files. Offsets are UTF-16 offsets into the file's text.
 */
import type { Span } from '../../rules/types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

/** Something in front of a route that authenticates: middleware, decorator, `Depends`, guard, filter, security config. */
export interface AuthEvidence {
  kind: 'middleware' | 'decorator' | 'dependency' | 'guard' | 'filter' | 'config';
  /** The name as written (`requireAuth`, `@login_required`, `Depends(get_current_user)`, `@PreAuthorize`). */
  name: string;
  path: string;
  at: Span;
}

export interface CodeRoute {
  method: HttpMethod;
  /**
   * The path in the framework's syntax, with the prefix its own router declares applied (`Blueprint(url_prefix=)`,
   * `APIRouter(prefix=)`, `new Router({ prefix })`, `@Controller('x')`); mounts, even in the same file, are RouteMounts.
   */
  path: string;
  framework: string;
  /** Where the route is declared (the path literal or the decorator). */
  file: string;
  at: Span;
  /** The handler function, when it can be named. */
  handler?: Span;
  /** Authentication that covers this route (empty: none seen). */
  auth: AuthEvidence[];
  /**
   * The router or app object the route is declared on, as a key that a mount in another file can name
   * (e.g. `routes/users.js#default`, `app/api/users.py#router`); undefined for the service's root app.
   * Keys are `<module>#<export>` (see routes/keys.ts): the file path without extension (and without a trailing
   * `/index` or `/__init__`), then the exported name (`default` for a default export), else the local name.
   */
  router?: string;
  /** The part of `path` its router's own prefix gave (Flask `Blueprint(url_prefix=)`), when a mount may replace it. */
  routerPrefix?: string;
  /**
   * The version a Nest handler or controller declares (`@Version('1')`, `@Controller({ version: '1' })`); `null` for
   * VERSION_NEUTRAL. URI versioning, when the bootstrap enables it, puts `/v1` before the controller's path.
   */
  version?: string | null;
}

/** Something the framework applies to every route of the service (Nest `setGlobalPrefix`, a global guard). */
export interface ServiceWide {
  /** Routes of this framework only (`nest`). */
  framework: string;
  prefix?: string;
  /** Nest `app.enableVersioning({ type: VersioningType.URI })`: the segment's prefix (`v`) and the default version. */
  uriVersioning?: { prefix: string; defaultVersion?: string | null };
  auth: AuthEvidence[];
  /**
   * When set, the auth covers only the routes matching one of these (Nest `consumer.apply(auth).forRoutes(...)`):
   * a path (compared with normalizeTemplate, before the service-wide prefix; `*` matches all) and maybe a method,
   * or a router key suffix (`#UsersController`).
   */
  only?: { path?: string; method?: HttpMethod; router?: string }[];
  file: string;
  at: Span;
}

/** `app.use('/v1', router)`, `include_router(r, prefix='/v1')`, `path('api/', include('x.urls'))`, `r.Group("/v1")` across files. */
export interface RouteMount {
  prefix: string;
  /** The `router` key of the routes it mounts. */
  target: string;
  /** The router it is mounted on (undefined: the root app). */
  parent?: string;
  /** Authentication applied at the mount (`app.use('/admin', auth, adminRouter)`). */
  auth: AuthEvidence[];
  file: string;
  at: Span;
  /** The mount's prefix replaces the router's own (`register_blueprint(bp, url_prefix=)` over `Blueprint(url_prefix=)`). */
  replacesRouterPrefix?: boolean;
}

/** A route that could not be resolved (path built from variables, registered in a loop): never guessed. */
export interface SkippedRoute {
  file: string;
  at: Span;
  reason: string;
  /** For a mount whose prefix is unknown: the router key it mounts (its routes are skipped with this reason). */
  mountTarget?: string;
}

/**
 * One rule of a Spring Security config (`.requestMatchers("/api/**").authenticated()`, `.anyRequest().permitAll()`).
 * Spring applies the first rule whose patterns match; routes/javaSecurity.ts turns them into `config` auth evidence.
 */
export interface SecurityMatcher {
  /** Ant-style patterns as written (`/owners/**`, `/api/*`); `anyRequest()` is `/**`. */
  patterns: string[];
  /** Only requests of this method (`requestMatchers(HttpMethod.GET, ...)`); undefined: every method. */
  method?: HttpMethod;
  access: 'authenticated' | 'permitAll' | 'denyAll';
  /** The rule as written, for messages (`requestMatchers("/api/**").hasRole("ADMIN")`). */
  name: string;
  file: string;
  at: Span;
}

export interface FileRoutes {
  routes: CodeRoute[];
  mounts: RouteMount[];
  skipped: SkippedRoute[];
  /**
   * Router keys that are applications of their own (`express()`, `FastAPI()`, `new Hono()`, a Nest controller,
   * a Django URLconf, a Go function returning a router, a Gin engine parameter, the JAX-RS resources `java:jaxrs`):
   * served from the root when no mount names them. A key neither listed here nor mounted is never guessed: its
   * routes are skipped by the service join.
   */
  apps?: string[];
  /** Prefixes and authentication the framework applies service-wide. */
  serviceWide?: ServiceWide[];
  /** Spring Security rules this file declares, in declaration order (they cover routes of other files). */
  securityMatchers?: SecurityMatcher[];
}

/** A route with every mount of its service applied: the path a client calls. */
export interface ResolvedRoute extends CodeRoute {
  /** The path as declared in its file (`path` is the full path). */
  declaredPath: string;
  /** The mounts it is served through, outermost first (empty: declared on a root app). */
  via: RouteMount[];
}
