import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractRoutes } from '../../../../server/src/core/code/routes/index';
import { makeSource } from '../../../../server/src/core/documents/source';
import { parseCode } from '../../../../server/src/core/documents/treeSitter';
import { lines } from '../../rules/helpers';

async function routesOf(text: string, file = 'main.go') {
  const out = extractRoutes(makeSource(file, text, 'go'), await parseCode('go', text));
  return {
    routes: out.routes.map((r) => `${r.method} ${r.path}${r.router ? ` @${r.router}` : ''}${r.auth.length ? ` auth=${r.auth.map((a) => a.name).join('+')}` : ''}`),
    mounts: out.mounts.map((m) => `${m.prefix} -> ${m.target}${m.parent ? ` @${m.parent}` : ''}${m.auth.length ? ` auth=${m.auth.map((a) => a.name).join('+')}` : ''}`),
    skipped: out.skipped.map((s) => s.reason),
    apps: (out as { apps?: string[] }).apps ?? [],
  };
}

const pkg = (imports: string[], ...body: string[]) => lines('package main', `import (${imports.map((i) => `"${i}"`).join('; ')})`, ...body);
const NET = 'net/http';
const GIN = 'github.com/gin-gonic/gin';
const ECHO = 'github.com/labstack/echo/v4';
const CHI = 'github.com/go-chi/chi/v5';
const MUX = 'github.com/gorilla/mux';

interface Case { name: string; text: string; routes?: string[]; mounts?: string[]; skipped?: string[]; apps?: string[] }

const cases: Case[] = [
  // net/http
  { name: 'reads http.HandleFunc on the default mux as a route for any method', text: pkg([NET], 'func main() {', '\thttp.HandleFunc("/charges", charge)', '}'), routes: ['ANY /charges'] },
  { name: 'reads Go 1.22 method patterns with wildcards on a ServeMux', text: pkg([NET], 'func main() {', '\tmux := http.NewServeMux()', '\tmux.HandleFunc("GET /items/{id}", get)', '\tmux.Handle("POST /items", h)', '\tmux.HandleFunc("DELETE example.com/items/{id}", del)', '}'), routes: ['GET /items/{id}', 'POST /items', 'DELETE /items/{id}'] },
  { name: 'reads a host-only pattern without a method as any method, and `{$}` as the exact path', text: pkg([NET], 'func main() {', '\tmux := http.NewServeMux()', '\tmux.HandleFunc("api.example.com/v1/", a)', '\tmux.HandleFunc("GET /{$}", home)', '}'), routes: ['ANY /v1/', 'GET /'] },
  { name: 'resolves a path joined from constants of the file', text: pkg([NET], 'const api = "/api/v1"', 'func main() {', '\thttp.HandleFunc(api+"/orders", h)', '}'), routes: ['ANY /api/v1/orders'] },
  { name: 'does not read http.Get or a request as a route', text: pkg([NET], 'func main() {', '\thttp.Get("http://x/health")', '\treq, _ := http.NewRequest("GET", "/x", nil)', '\tw.Header().Get("/x")', '}'), routes: [] },
  { name: 'reads a handler wrapped in an auth function as authenticated', text: pkg([NET], 'func main() {', '\thttp.Handle("/admin", requireAuth(http.HandlerFunc(admin)))', '\thttp.Handle("/login", loginHandler(db))', '}'), routes: ['ANY /admin auth=requireAuth', 'ANY /login'] },
  // dynamic paths
  { name: 'skips a route whose path is built from a variable, with the expression', text: pkg([NET], 'func main() {', '\tbase := os.Getenv("BASE")', '\thttp.HandleFunc(base+"/cart", cart)', '}'), routes: [], skipped: ['path built at run time: `base+"/cart"`'] },
  { name: 'skips routes registered in a loop over variables', text: pkg([GIN], 'func main() {', '\tr := gin.Default()', '\tfor _, p := range paths {', '\t\tr.GET(p, h)', '\t}', '}'), routes: [], skipped: ['registered in a loop: path built at run time: `p`'] },
  { name: 'skips the routes of a group whose prefix is a variable', text: pkg([GIN], 'func main() {', '\tr := gin.Default()', '\tv := r.Group(prefix)', '\tv.GET("/x", h)', '}'), routes: [], skipped: ['prefix built at run time: `prefix`'] },
  // Gin
  { name: 'reads Gin verbs, Any and Handle with nested groups', text: pkg([GIN], 'func main() {', '\tr := gin.Default()', '\tapi := r.Group("/api")', '\tv1 := api.Group("/v1")', '\tv1.GET("/users/:id", get)', '\tv1.Any("/echo", echo)', '\tr.Handle("PATCH", "/x", h)', '\tv1.GET("", list)', '}'), routes: ['GET /api/v1/users/:id', 'ANY /api/v1/echo', 'PATCH /x', 'GET /api/v1'] },
  { name: 'gives Gin routes the auth of Use only after it, and of group and route middleware', text: pkg([GIN], 'func main() {', '\tr := gin.New()', '\tr.GET("/open", h)', '\tr.Use(AuthRequired())', '\tr.GET("/closed", h)', '\tadmin := r.Group("/admin", gin.BasicAuth(accounts))', '\tadmin.POST("/x", h)', '\tr.GET("/me", jwtMiddleware, me)', '\tr.Use(gin.Logger(), cors.Default())', '}'), routes: ['GET /open', 'GET /closed auth=AuthRequired', 'POST /admin/x auth=AuthRequired+gin.BasicAuth', 'GET /me auth=AuthRequired+jwtMiddleware'] },
  { name: 'does not inherit into a Gin group the parent middleware added after the group', text: pkg([GIN], 'func main() {', '\tr := gin.New()', '\tpub := r.Group("/pub")', '\tr.Use(AuthMiddleware())', '\tpub.GET("/x", h)', '}'), routes: ['GET /pub/x'] },
  // Echo
  { name: 'reads Echo routes, groups and route middleware after the handler', text: pkg([ECHO, 'github.com/labstack/echo/v4/middleware'], 'func main() {', '\te := echo.New()', '\tg := e.Group("/admin")', '\tg.Use(middleware.JWTWithConfig(cfg))', '\tg.GET("/users", list)', '\te.POST("/login", login)', '\te.PUT("/me", update, middleware.KeyAuth(v))', '\te.Match([]string{"GET", "HEAD"}, "/ping", ping)', '}'), routes: ['GET /admin/users auth=middleware.JWTWithConfig', 'POST /login', 'PUT /me auth=middleware.KeyAuth', 'GET /ping', 'HEAD /ping'] },
  // chi
  { name: 'reads chi routes inside Route, Group, With and a same-file Mount', text: pkg([CHI], 'func main() {', '\tr := chi.NewRouter()', '\tr.Get("/", index)', '\tr.Route("/articles", func(r chi.Router) {', '\t\tr.With(paginate).Get("/", list)', '\t\tr.Route("/{id}", func(r chi.Router) {', '\t\t\tr.Put("/", update)', '\t\t})', '\t})', '\tr.Group(func(r chi.Router) {', '\t\tr.Use(jwtauth.Authenticator)', '\t\tr.Post("/admin", admin)', '\t})', '\tr.With(RequireAuth).Delete("/x", del)', '\tsub := chi.NewRouter()', '\tsub.Method("PATCH", "/y", h)', '\tr.Mount("/sub", sub)', '\tr.Get("/after", h)', '}'), routes: ['GET /', 'GET /articles', 'PUT /articles/{id}', 'POST /admin auth=jwtauth.Authenticator', 'DELETE /x auth=RequireAuth', 'PATCH /sub/y', 'GET /after'] },
  { name: 'mounts a router returned by a function of the same file under its prefix', text: pkg([CHI, NET], 'func main() {', '\tr := chi.NewRouter()', '\tr.Mount("/admin", adminRouter())', '}', 'func adminRouter() http.Handler {', '\tr := chi.NewRouter()', '\tr.Use(AdminOnlyAuth)', '\tr.Get("/", h)', '\treturn r', '}'), routes: ['GET /admin auth=AdminOnlyAuth'] },
  { name: 'makes a RouteMount of a router mounted from another package', text: pkg([CHI, 'example.com/shop/users'], 'func main() {', '\tr := chi.NewRouter()', '\tr.Use(authn.Middleware)', '\tr.Mount("/users", users.Routes())', '}'), mounts: ['/users -> go:users.Routes auth=authn.Middleware'] },
  // gorilla/mux
  { name: 'reads gorilla routes with Methods, subrouters and the route-builder form', text: pkg([MUX, NET], 'func main() {', '\tr := mux.NewRouter()', '\tr.HandleFunc("/products/{id:[0-9]+}", get).Methods(http.MethodGet, "HEAD")', '\tapi := r.PathPrefix("/api").Subrouter()', '\tapi.Use(authMiddleware)', '\tapi.HandleFunc("/orders", post).Methods("POST").Name("orders")', '\tr.Methods("GET").Path("/tags").Handler(tags)', '\tr.PathPrefix("/static/").Handler(files)', '\tr.HandleFunc("/any", h)', '}'), routes: ['GET /products/{id:[0-9]+}', 'HEAD /products/{id:[0-9]+}', 'POST /api/orders auth=authMiddleware', 'GET /tags', 'ANY /static/*', 'ANY /any'] },
  { name: 'reads routes on a router kept in a struct field', text: pkg([MUX], 'func New() *Server {', '\treturn &Server{router: mux.NewRouter()}', '}', 'func (s *Server) routes() {', '\ts.router.HandleFunc("/version", s.version).Methods("GET")', '}'), routes: ['GET /version'] },
  // routers across files
  { name: 'keys the routes of a router parameter and mounts a group handed to another package', text: pkg([GIN, 'example.com/app/users'], 'func Register(g *gin.RouterGroup) {', '\tg.GET("/me", me)', '}', 'func main() {', '\tr := gin.Default()', '\tv1 := r.Group("/api")', '\tv1.Use(users.AuthMiddleware(true))', '\tusers.UsersRegister(v1.Group("/users"))', '}'), routes: ['GET /me @go:main.Register'], mounts: ['/api/users -> go:users.UsersRegister auth=users.AuthMiddleware'] },
  { name: 'links a router parameter to the group it is called with in the same file', text: pkg([GIN], 'func main() {', '\tr := gin.Default()', '\tsetup(r.Group("/v2"))', '}', 'func setup(g *gin.RouterGroup) {', '\tg.GET("/x", h)', '}'), routes: ['GET /v2/x'] },
  { name: 'lists a returned router as an app served from the root unless mounted', text: pkg([MUX, NET], 'func MakeHandler() *mux.Router {', '\tr := mux.NewRouter()', '\tr.Methods("GET").Path("/catalogue").Handler(h)', '\treturn r', '}'), routes: ['GET /catalogue @go:main.MakeHandler'], apps: ['go:main.MakeHandler'] },
  { name: 'does not make mounts of a router handed to a server or a middleware wrapper', text: pkg([CHI, NET, 'go.opentelemetry.io/contrib/otelhttp'], 'func main() {', '\tr := chi.NewRouter()', '\thttp.ListenAndServe(":80", r)', '\totelhttp.NewHandler(r, "x")', '\tlogRequests(r)', '}'), mounts: [] },
  { name: 'reads nothing from a file that imports no router package', text: lines('package main', 'func main() {', '\tr.GET("/x", h)', '}'), routes: [] },
];

describe('Go route extraction', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const got = await routesOf(c.text);
      if (c.routes) assert.deepEqual(got.routes, c.routes);
      if (c.mounts) assert.deepEqual(got.mounts, c.mounts);
      if (c.skipped) assert.deepEqual(got.skipped, c.skipped);
      if (c.apps) assert.deepEqual(got.apps, c.apps);
    });
  }

  it('points a route at its path literal and its handler', async () => {
    const text = pkg([GIN], 'func main() {', '\tr := gin.Default()', '\tr.GET("/x", handleX)', '}');
    const [route] = extractRoutes(makeSource('main.go', text, 'go'), await parseCode('go', text)).routes;
    assert.equal(text.slice(route.at.start, route.at.end), '"/x"');
    assert.equal(text.slice(route.handler!.start, route.handler!.end), 'handleX');
    assert.equal(route.framework, 'gin');
    assert.equal(route.file, 'main.go');
  });
});
