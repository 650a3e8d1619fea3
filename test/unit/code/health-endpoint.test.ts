import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { servesHealthRoute } from '../../../server/src/core/code/health';
import { makeSource } from '../../../server/src/core/documents/source';
import { parseCode } from '../../../server/src/core/documents/treeSitter';
import type { RuleContext } from '../../../server/src/core/rules/types';
import { lines } from '../rules/helpers';
import { runCases, type CodeCase } from './table';

const RULE = 'missing-health-endpoint';

const ts: CodeCase[] = [
  { name: 'reports an express service without a health route and adds one before listen', text: lines('import express from "express";', 'const app = express();', 'app.get("/users/:id", (req, res) => res.end());', 'app.listen(3000);'), expect: [{ at: 'app.listen', message: 'This express service serves HTTP without a health or readiness route', fixed: "app.get('/health', (_req, res) => {\n  res.json({ status: 'ok' });\n});\n\napp.listen(3000);" }] },
  { name: 'does not report an express service with a /health or /healthz route', text: lines('import express from "express";', 'const app = express();', 'app.get("/healthz", (req, res) => res.end());', 'app.get("/x", h);', 'app.listen(3000);'), expect: [] },
  { name: 'does not report a file that starts the server but defines its routes elsewhere', text: lines('import express from "express";', 'import { routes } from "./routes";', 'const app = express();', 'app.use(routes);', 'app.listen(3000);'), expect: [] },
  { name: 'does not report a service using a health library', text: lines('import express from "express";', 'import { createTerminus } from "@godaddy/terminus";', 'const app = express();', 'app.get("/x", h);', 'app.listen(3000);'), expect: [] },
];

// Health routes counted from the extracted routes, in each framework's own syntax (the file text alone misses them).
const frameworks: CodeCase[] = [
  { name: 'does not report a fastify service with a /live route', text: lines('import Fastify from "fastify";', 'const app = Fastify();', 'app.get("/users", h);', 'app.route({ method: "GET", url: "/live", handler: ok });', 'app.listen({ port: 3000 });'), expect: [] },
  { name: 'does not report a koa service whose router serves /internal/health', text: lines('import Koa from "koa";', 'import Router from "@koa/router";', 'const app = new Koa();', 'const router = new Router({ prefix: "/internal" });', 'router.get("/health", ok);', 'router.get("/users", h);', 'app.use(router.routes());', 'app.listen(3000);'), expect: [] },
  { name: 'reports a koa service whose router serves no health route', text: lines('import Koa from "koa";', 'import Router from "@koa/router";', 'const app = new Koa();', 'const router = new Router();', 'router.get("/users", h);', 'app.use(router.routes());', 'app.listen(3000);'), expect: [{ at: 'app.listen', message: 'This koa service' }] },
  { name: 'does not report a hono service with a readiness route under a base path', text: lines('import { Hono } from "hono";', 'import { serve } from "@hono/node-server";', 'const app = new Hono().basePath("/_");', 'app.get("/ready", ok);', 'app.get("/books", h);', 'serve({ fetch: app.fetch });'), expect: [] },
  { name: 'reports a hono service without a health route', text: lines('import { Hono } from "hono";', 'import { serve } from "@hono/node-server";', 'const app = new Hono();', 'app.get("/books", h);', 'serve({ fetch: app.fetch });'), expect: [{ at: 'serve', message: 'This hono service' }] },
  { name: 'does not report a nest service whose controller serves health without a leading slash', text: lines('import { NestFactory } from "@nestjs/core";', 'import { Controller, Get } from "@nestjs/common";', '@Controller("ops")', 'class OpsController {', '  @Get("health")', '  check() {}', '  @Get("version")', '  version() {}', '}', 'const app = await NestFactory.create(AppModule);', 'await app.listen(3000);'), expect: [] },
  { name: 'reports a nest service whose controller serves no health route', text: lines('import { NestFactory } from "@nestjs/core";', 'import { Controller, Get } from "@nestjs/common";', '@Controller("ops")', 'class OpsController {', '  @Get("version")', '  version() {}', '}', 'const app = await NestFactory.create(AppModule);', 'await app.listen(3000);'), expect: [{ at: 'app.listen', message: 'This NestJS service' }] },
];

const pyFrameworks: CodeCase[] = [
  { name: 'does not report a FastAPI app whose included router serves a liveness route', text: lines('from fastapi import FastAPI, APIRouter', 'app = FastAPI()', 'ops = APIRouter(prefix="/ops")', '@ops.get("/live")', 'def live(): ...', '@app.get("/items")', 'def items(): ...', 'app.include_router(ops)'), expect: [] },
  { name: 'reports a Django root URLconf without a health route', text: lines('from django.contrib import admin', 'from django.urls import path, include', 'urlpatterns = [', '    path("admin/", admin.site.urls),', '    path("shop/", include("shop.urls")),', ']'), expect: [{ at: 'urlpatterns', message: 'This Django service' }] },
  { name: 'does not report a Django root URLconf with a healthz path', text: lines('from django.contrib import admin', 'from django.urls import path', 'urlpatterns = [', '    path("admin/", admin.site.urls),', '    path("healthz/", views.health),', ']'), expect: [] },
  { name: 'does not judge a Django root URLconf that spreads the patterns of another module (a shared package may serve health)', text: lines('from django.contrib import admin', 'from django.urls import path', 'from common.core.urls import urlpatterns as core_urlpatterns', 'urlpatterns = [', '    *core_urlpatterns,', '    path("admin/", admin.site.urls),', ']'), expect: [] },
  { name: 'does not report a Django app URLconf that does not serve the admin site', text: lines('from django.urls import path', 'urlpatterns = [', '    path("products/", views.products),', ']'), expect: [] },
];

const py: CodeCase[] = [
  { name: 'reports a Flask app with routes and no health route, and adds one before the main guard', text: lines('from flask import Flask', 'app = Flask(__name__)', '', '@app.get("/orders")', 'def orders():', '    return []', '', 'if __name__ == "__main__":', '    app.run()'), expect: [{ at: 'Flask', message: 'This Flask service', fixed: '@app.get("/health")\ndef health():\n    return {"status": "ok"}\n\n\nif __name__' }] },
  { name: 'does not judge a FastAPI app that includes routers of other modules (a health router may be one of them)', text: lines('from fastapi import FastAPI', 'from app.api.routes import health, graph', 'app = FastAPI()', '@app.get("/")', 'def root(): ...', 'app.include_router(health.router)', 'app.include_router(graph.router)'), expect: [] },
  { name: 'still reports a FastAPI app whose only included router is its own and serves no health route', text: lines('from fastapi import FastAPI, APIRouter', 'app = FastAPI()', 'api = APIRouter(prefix="/api")', '@api.get("/items")', 'def items(): ...', '@app.get("/")', 'def root(): ...', 'app.include_router(api)'), expect: [{ at: 'FastAPI', message: 'This FastAPI service' }] },
  { name: 'reports a FastAPI app and appends the route at the end', text: lines('from fastapi import FastAPI', 'api = FastAPI()', '@api.post("/items")', 'def create(): ...'), expect: [{ at: 'FastAPI', message: 'This FastAPI service', fixed: '@api.get("/health")' }] },
  { name: 'does not report a FastAPI app with a readiness route', text: lines('from fastapi import FastAPI', 'app = FastAPI()', '@app.get("/health/ready")', 'def ready(): ...'), expect: [] },
];

const go: CodeCase[] = [
  { name: "counts grpc-gateway's healthz endpoint and a registered gRPC health server as the file's health routes", text: lines('package run', 'import "net/http"', 'func serve() {', '\tmux := runtime.NewServeMux(runtime.WithHealthzEndpoint(healthpb.NewHealthClient(conn)))', '\thttp.HandleFunc("/stores", stores)', '\thttp.ListenAndServe(":8080", mux)', '}'), expect: [] },
  { name: "does not take another protocol's server (an LDAP library's ListenAndServe, no net/http import) for an HTTP service", text: lines('package ldap', 'import (', '\tldap "github.com/acme/ldapserver"', ')', 'func Start() {', '\tserver := ldap.NewServer()', '\troutes := ldap.NewRouteMux()', '\troutes.Bind(bind)', '\tserver.Handle(routes)', '\tserver.ListenAndServe("0.0.0.0:389")', '}'), expect: [] },
  { name: 'reports a server started through a variable in a file that imports net/http', text: lines('package main', 'import "net/http"', 'func main() {', '\tsrv := &http.Server{Addr: ":80"}', '\thttp.HandleFunc("/orders", orders)', '\tsrv.ListenAndServe()', '}'), expect: [{ at: 'srv.ListenAndServe', message: 'net/http service' }] },
  { name: 'reports a net/http server without a health route and registers one on the default mux', text: lines('package main', 'import "net/http"', 'func main() {', '\thttp.HandleFunc("/charges", charge)', '\thttp.ListenAndServe(":8082", nil)', '}'), expect: [{ at: 'http.ListenAndServe', message: 'net/http service', fixed: '\thttp.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })\n\thttp.ListenAndServe' }] },
  { name: 'registers the health route on the mux passed to ListenAndServe', text: lines('package main', 'import "net/http"', 'func main() {', '\tmux := http.NewServeMux()', '\tmux.HandleFunc("/a", a)', '\thttp.ListenAndServe(":80", mux)', '}'), expect: [{ at: 'http.ListenAndServe', message: 'net/http service', fixed: '\tmux.HandleFunc("/health"' }] },
  { name: 'does not report a Go server with a ping or heartbeat middleware', text: lines('package main', 'import "net/http"', 'func main() {', '\trouter.Use(R.Ping)', '\trouter.Get("/x", h)', '\thttp.HandleFunc("/a", a)', '\thttp.ListenAndServe(":80", router)', '}'), expect: [] },
  { name: 'does not report a gorilla router whose health route has a path constant of another package and a handler named Health, and reports one whose handler is not', text: lines('package server', 'import (', '\t"net/http"', '\t"github.com/gorilla/mux"', '\t"example.com/app/handlers"', ')', 'func Serve() error {', '\trouter := mux.NewRouter()', '\trouter.HandleFunc(handlers.HealthAPIPath, handlers.Health).Methods("GET")', '\trouter.HandleFunc(handlers.UsersAPIPath, handlers.SignUp).Methods("POST")', '\treturn http.ListenAndServe(":80", router)', '}'), expect: [] },
  { name: 'reports a gorilla router whose routes all have path constants and none a health handler', text: lines('package server', 'import (', '\t"net/http"', '\t"github.com/gorilla/mux"', '\t"example.com/app/handlers"', ')', 'func Serve() error {', '\trouter := mux.NewRouter()', '\trouter.HandleFunc(handlers.UsersAPIPath, handlers.SignUp).Methods("POST")', '\treturn http.ListenAndServe(":80", router)', '}'), expect: [{ at: 'http.ListenAndServe', message: 'service serves HTTP without a health' }] },
  { name: 'does not report a Go server with /healthz', text: lines('package main', 'import "net/http"', 'func main() {', '\thttp.HandleFunc("/healthz", ok)', '\thttp.ListenAndServe(":80", nil)', '}'), expect: [] },
  { name: 'does not report a Go 1.22 mux that serves "GET /healthz"', text: lines('package main', 'import "net/http"', 'func main() {', '\tmux := http.NewServeMux()', '\tmux.HandleFunc("GET /healthz", ok)', '\tmux.HandleFunc("POST /orders", create)', '\thttp.ListenAndServe(":80", mux)', '}'), expect: [] },
  { name: 'does not report a Gin server whose health route sits in a group', text: lines('package main', 'import "github.com/gin-gonic/gin"', 'func main() {', '\tr := gin.Default()', '\tops := r.Group("/internal")', '\tops.GET("health", ok)', '\tr.GET("/users", list)', '\tr.Run(":8080")', '}'), expect: [] },
  { name: 'takes no other object\'s Run for a gin server start (a file that names no gin import, only "begin" and "plugin")', text: lines('package main', 'import "net/http"', '// begin the plugin cleanup', 'func main() {', '\terr := cleanup.Run()', '\t_ = err', '\tmux := http.NewServeMux()', '\tmux.HandleFunc("/users", list)', '\thttp.ListenAndServe(":8080", mux)', '}'), expect: [{ at: 'http.ListenAndServe', message: 'This net/http service' }] },
  { name: 'does not report a metrics listener whose every handler is Prometheus\'s (mux.Handle(path, promhttp.Handler()))', text: lines('package main', 'import (', '\t"net/http"', '\t"github.com/prometheus/client_golang/prometheus/promhttp"', ')', 'func metrics(path string) {', '\tmux := http.NewServeMux()', '\tmux.Handle(path, promhttp.Handler())', '\tsrv := &http.Server{Handler: mux}', '\tsrv.ListenAndServe()', '}'), expect: [] },
  { name: 'does not report a server file that starts the service\'s own health package (health.New(...).Start)', text: lines('package main', 'import (', '\t"net/http"', '\t"github.com/acme/shop/internal/services/health"', ')', 'func run() {', '\th := health.New(repo)', '\tgo h.Start(8733)', '\tmux := http.NewServeMux()', '\tmux.HandleFunc("/users", list)', '\thttp.ListenAndServe(":8080", mux)', '}'), expect: [] },
  { name: 'reports a Gin server whose only status route is a resource status, not a health route', text: lines('package main', 'import "github.com/gin-gonic/gin"', 'func main() {', '\tr := gin.Default()', '\tr.GET("/orders/:id/state", get)', '\tr.Run(":8080")', '}'), expect: [{ at: 'r.Run', message: 'This gin service' }] },
  { name: 'does not report a server whose mux is handed to a registration elsewhere (the health route may be there)', text: lines('package main', 'import "net/http"', 'func main() {', '\tmux := http.NewServeMux()', '\th.Register(mux)', '\tmux.HandleFunc("/orders", list)', '\tsrv := httpsrv.NewServer(addr, mux)', '\tsrv.ListenAndServe()', '}'), expect: [] },
  { name: 'reports a server whose mux only goes to the server it starts', text: lines('package main', 'import "net/http"', 'func main() {', '\tmux := http.NewServeMux()', '\tmux.HandleFunc("/orders", list)', '\tsrv := httpsrv.NewServer(addr, mux)', '\tlog.Fatal(srv.ListenAndServe())', '}'), expect: [{ at: 'srv.ListenAndServe', message: 'net/http service' }] },
  { name: 'does not report a listener that only serves metrics', text: lines('package boot', 'import "net/http"', 'func StartMetrics(addr string) {', '\tm := http.NewServeMux()', '\tm.Handle("GET /metrics", promhttp.Handler())', '\tsrv := &http.Server{Addr: addr, Handler: m}', '\tgo srv.ListenAndServe()', '}'), expect: [] },
  { name: 'does not report a probe listener whose handler comes from a Go health library (heptiolabs/healthcheck serves /live and /ready)', text: lines('package server', 'import (', '\t"net/http"', '\t"github.com/heptiolabs/healthcheck"', '\t"github.com/labstack/echo/v4"', '\t"github.com/prometheus/client_golang/prometheus/promhttp"', ')', 'func (s *server) runHealthCheck() {', '\thealth := healthcheck.NewHandler()', '\thealth.AddReadinessCheck("db", check)', '\tgo http.ListenAndServe(s.cfg.Probes.Port, health)', '}', 'func (s *server) runMetrics() {', '\tm := echo.New()', '\tm.GET(s.cfg.Probes.PrometheusPath, echo.WrapHandler(promhttp.Handler()))', '\tm.Start(s.cfg.Probes.PrometheusPort)', '}'), expect: [] },
  { name: 'reports an Echo server that only declares PUT routes', text: lines('package main', 'import "github.com/labstack/echo/v4"', 'func main() {', '\te := echo.New()', '\te.PUT("/items/:id", update)', '\te.Start(":80")', '}'), expect: [{ at: 'e.Start', message: 'This echo service' }] },
];

describe('missing-health-endpoint in TypeScript', () => runCases(RULE, 'server.ts', ts));
describe('missing-health-endpoint in Python', () => runCases(RULE, 'app.py', py));
describe('missing-health-endpoint counts health routes of every JS/TS framework', () => runCases(RULE, 'server.ts', frameworks));
describe('missing-health-endpoint counts health routes of FastAPI routers and Django URLconfs', () => runCases(RULE, 'urls.py', pyFrameworks));
describe('missing-health-endpoint in Go', () => runCases(RULE, 'main.go', go));

describe('health routes read through the route extractors', () => {
  const springCtx = async (text: string) => ({ source: makeSource('Ops.java', text, 'java'), tree: await parseCode('java', text) }) as unknown as RuleContext;
  it('counts an explicit Spring @GetMapping("/health") under a class prefix', async () => {
    const text = lines('@RestController', '@RequestMapping("/ops")', 'class Ops {', '  @GetMapping("/health") String health() { return "ok"; }', '}');
    assert.equal(servesHealthRoute(await springCtx(text)), true);
  });
  it('does not count a Spring route that only mentions health in a longer segment', async () => {
    const text = lines('@RestController', 'class Records {', '  @GetMapping("/healthcare-providers") List<P> list() { return null; }', '}');
    assert.equal(servesHealthRoute(await springCtx(text)), false);
  });
});
