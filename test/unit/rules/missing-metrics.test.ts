import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { summary, systemFindings } from './serviceHelpers';

const RULE = 'missing-metrics';
const COMPOSE = lines('services:', '  api:', '    build: ./api');
const run = (files: Record<string, string>) => systemFindings([RULE], { '/w/compose.yaml': COMPOSE, ...files });

describe(RULE, () => {
  it('reports a FastAPI service without a metrics client, on its app = FastAPI() line', async () => {
    const f = await run({ '/w/api/main.py': lines('from fastapi import FastAPI', 'app = FastAPI()') });
    assert.deepEqual(summary(f), ['missing-metrics /w/api/main.py:2']);
    assert.match(f[0].message, /prometheus-fastapi-instrumentator/);
  });

  it('accepts prometheus-fastapi-instrumentator used in another module', async () => {
    const f = await run({
      '/w/api/main.py': lines('from fastapi import FastAPI', 'from metrics import setup', 'app = FastAPI()', 'setup(app)'),
      '/w/api/metrics.py': lines('from prometheus_fastapi_instrumentator import Instrumentator', 'def setup(app): Instrumentator().instrument(app).expose(app)'),
    });
    assert.deepEqual(f, []);
  });

  it('accepts prom-client in Node and promhttp in Go', async () => {
    assert.deepEqual(await run({ '/w/api/server.js': lines("const client = require('prom-client');", 'client.collectDefaultMetrics();', "require('http').createServer().listen(8080);") }), []);
    assert.deepEqual(await run({ '/w/api/main.go': lines('package main', 'import (', '  "net/http"', '  "github.com/prometheus/client_golang/prometheus/promhttp"', ')', 'func main() { http.Handle("/metrics", promhttp.Handler()); http.ListenAndServe(":80", nil) }') }), []);
  });

  it("accepts Fiber's Prometheus middleware in another package of the service, and reports a Fiber app without it", async () => {
    const main = lines('package main', 'import "github.com/gofiber/fiber/v2"', 'func main() { app := fiber.New(); setup(app); app.Listen(":80") }');
    const router = lines('package main', 'import "github.com/ansrivas/fiberprometheus/v2"', 'func setup(app *fiber.App) { p := fiberprometheus.New("svc"); p.RegisterAt(app, "/metrics"); app.Use(p.Middleware) }');
    assert.deepEqual(await run({ '/w/api/main.go': main, '/w/api/router.go': router }), []);
    assert.deepEqual(summary(await run({ '/w/api/main.go': main })), ['missing-metrics /w/api/main.go:3']);
  });

  it('accepts an APM agent that Django loads from INSTALLED_APPS (Scout, Elastic APM), in the settings module', async () => {
    const files = (app: string) => ({ '/w/api/manage.py': lines('from django.core.management import execute_from_command_line', 'execute_from_command_line()'), '/w/api/settings/production.py': lines('from .common import *', `INSTALLED_APPS += ("${app}",)`) });
    assert.deepEqual(await run(files('scout_apm.django')), []);
    assert.deepEqual(await run(files('elasticapm.contrib.django')), []);
    // django-prometheus added as an app (behind a setting, so no import names it).
    assert.deepEqual(await run(files('django_prometheus')), []);
    assert.equal((await run(files('django.contrib.admin'))).length, 1);
  });

  it("accepts Sentry when its set-up samples transactions (its performance monitoring records throughput, failures and duration), not Sentry's error reporting alone", async () => {
    const server = (init: string) => lines("import * as Sentry from '@sentry/node';", `Sentry.init(${init});`, "require('http').createServer().listen(8080);");
    assert.deepEqual(await run({ '/w/api/server.js': server('{ dsn, tracesSampleRate: 1.0 }') }), []);
    assert.deepEqual(summary(await run({ '/w/api/server.js': server('{ dsn }') })), ['missing-metrics /w/api/server.js:3']);
  });

  it('accepts Spring Boot Actuator declared in pom.xml of a Spring Boot service (configured from the class path)', async () => {
    const app = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');
    const pom = '<project><dependencies><dependency><artifactId>spring-boot-starter-actuator</artifactId></dependency></dependencies></project>';
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': app, '/w/api/pom.xml': pom }), []);
    assert.deepEqual(summary(await run({ '/w/api/src/main/java/App.java': app })), ['missing-metrics /w/api/src/main/java/App.java:2']);
  });

  it('accepts the Spring Cloud starters that bring the Actuator with them (Zuul, Security, OAuth2), and not a starter that does not', async () => {
    const app = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');
    const pom = (artifact: string) => `<project><dependencies><dependency><artifactId>${artifact}</artifactId></dependency></dependencies></project>`;
    for (const starter of ['spring-cloud-starter-netflix-zuul', 'spring-cloud-starter-oauth2', 'spring-cloud-starter-security']) assert.deepEqual(await run({ '/w/api/src/main/java/App.java': app, '/w/api/pom.xml': pom(starter) }), [], starter);
    assert.deepEqual(summary(await run({ '/w/api/src/main/java/App.java': app, '/w/api/pom.xml': pom('spring-cloud-starter-netflix-eureka-client') })), ['missing-metrics /w/api/src/main/java/App.java:2']);
  });

  it('reads the dependencies a module inherits from its parent POMs in the workspace (relativePath, or ../pom.xml), not their dependencyManagement', async () => {
    const app = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');
    const child = (rel: string) => `<project><parent><artifactId>shop-parent</artifactId>${rel}</parent><artifactId>api</artifactId></project>`;
    const actuator = '<dependency><artifactId>spring-boot-starter-actuator</artifactId></dependency>';
    const parent = (where: 'dependencies' | 'managed') => `<project><parent><artifactId>spring-boot-starter-parent</artifactId><relativePath/></parent>${where === 'dependencies' ? `<dependencies>${actuator}</dependencies>` : `<dependencyManagement><dependencies>${actuator}</dependencies></dependencyManagement>`}</project>`;
    const compose = lines('services:', '  api:', '    build: ./services/api');
    const files = (rel: string, where: 'dependencies' | 'managed', parentAt = '/w/pom.xml') => ({ '/w/compose.yaml': compose, '/w/services/api/src/main/java/App.java': app, '/w/services/api/pom.xml': child(rel), [parentAt]: parent(where) });
    assert.deepEqual(await systemFindings([RULE], files('<relativePath>../../pom.xml</relativePath>', 'dependencies')), []);
    assert.deepEqual(await systemFindings([RULE], files('', 'dependencies', '/w/services/pom.xml')), []);
    assert.deepEqual(summary(await systemFindings([RULE], files('<relativePath>../../pom.xml</relativePath>', 'managed'))), ['missing-metrics /w/services/api/src/main/java/App.java:2']);
    assert.deepEqual(summary(await systemFindings([RULE], files('<relativePath/>', 'dependencies'))), ['missing-metrics /w/services/api/src/main/java/App.java:2']);
  });

  it('accepts Actuator metrics exposed in application.yaml (the registry may come from a parent POM it cannot read), and not a config that exposes only health', async () => {
    const app = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');
    const config = (include: string) => lines('management:', '  endpoints:', '    web:', '      exposure:', `        include: ${include}`);
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': app, '/w/api/src/main/resources/application.yaml': config('health, info, metrics, prometheus') }), []);
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': app, '/w/api/src/main/resources/application.properties': 'management.endpoints.web.exposure.include=health,prometheus\n' }), []);
    assert.deepEqual(summary(await run({ '/w/api/src/main/java/App.java': app, '/w/api/src/main/resources/application.yaml': config('health, info') })), ['missing-metrics /w/api/src/main/java/App.java:2']);
  });

  it('advises the metrics module of the Java framework that starts the service (Micronaut), and Actuator for Spring Boot', async () => {
    const f = await run({ '/w/api/src/main/java/App.java': lines('import io.micronaut.runtime.Micronaut;', 'class App { public static void main(String[] a) { Micronaut.run(App.class, a); } }') });
    assert.match(f[0].message, /Add micronaut-micrometer with micronaut-micrometer-registry-prometheus/);
    assert.doesNotMatch(f[0].message, /Spring Boot Actuator/);
  });

  it('advises an interceptor per message pattern for a NestJS service that serves a broker only, and the HTTP middleware for an HTTP one', async () => {
    const main = (create: string) => ({ '/w/api/package.json': '{"dependencies": {"@nestjs/core": "10"}}', '/w/api/src/main.ts': lines("import { NestFactory } from '@nestjs/core';", 'async function bootstrap() {', `  const app = await NestFactory.${create}(AppModule);`, '  await app.listen();', '}', 'bootstrap();') });
    const [broker] = await run(main('createMicroservice'));
    assert.match(broker.message, /Nest interceptor that counts and times each message pattern/);
    const [typed] = await run(main('createMicroservice<MicroserviceOptions>'));
    assert.match(typed.message, /Nest interceptor that counts and times each message pattern/);
    const [http] = await run(main('create'));
    assert.match(http.message, /express-prom-bundle/);
  });

  it('takes a NestJS app that connects a microservice and starts it without listening for a message server, and one that listens for an HTTP server', async () => {
    const main = (start: string) => ({ '/w/api/package.json': '{"dependencies": {"@nestjs/core": "10"}}', '/w/api/src/main.ts': lines("import { NestFactory } from '@nestjs/core';", 'async function bootstrap() {', '  const app = await NestFactory.create(PaymentsModule);', '  app.connectMicroservice({ transport: Transport.TCP });', start, '}', 'bootstrap();') });
    const [tcp] = await run(main('  await app.startAllMicroservices();'));
    assert.deepEqual(summary([tcp]), ['missing-metrics /w/api/src/main.ts:5']);
    assert.match(tcp.message, /\(app\.startAllMicroservices\).*Nest interceptor that counts and times each message pattern/);
    const [both] = await run(main('  await app.startAllMicroservices();\n  await app.listen(3000);'));
    assert.match(both.message, /express-prom-bundle/);
    assert.deepEqual(await run(main('  // started elsewhere')), []);
  });

  it('reads no dependency from an XML comment of a pom.xml: a commented-out Actuator or registry is neither in use nor declared', async () => {
    const app = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');
    const pom = lines('<project><dependencies>', '<!--', '<dependency><artifactId>spring-boot-starter-actuator</artifactId></dependency>', '<dependency><artifactId>micrometer-registry-statsd</artifactId></dependency>', '-->', '</dependencies></project>');
    const f = await run({ '/w/api/src/main/java/App.java': app, '/w/api/pom.xml': pom });
    assert.deepEqual(summary(f), ['missing-metrics /w/api/src/main/java/App.java:2']);
    assert.doesNotMatch(f[0].message, /appears in|not resolved/);
  });

  it('reports, as not resolved, prom-client imported but never used', async () => {
    const f = await run({ '/w/api/server.js': lines("const client = require('prom-client');", "require('http').createServer().listen(8080);") });
    assert.match(f[0].message, /prom-client appears in server\.js.*not resolved/);
  });

  it('leaves alone code that starts no server', async () => {
    assert.deepEqual(await run({ '/w/api/job.py': lines('import requests', 'requests.get("http://x", timeout=5)') }), []);
  });

  it('takes no commented-out server start for an entry point (a module turned into a library)', async () => {
    const app = (start: string) => lines('import org.springframework.boot.SpringApplication;', 'class App {', `  public static void main(String[] a) { ${start} }`, '}');
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': app('//        SpringApplication.run(App.class, a);') }), []);
    assert.equal((await run({ '/w/api/src/main/java/App.java': app('SpringApplication.run(App.class, a);') })).length, 1);
  });

  it('leaves alone platform servers (config server, service registry, monitoring dashboard), but not an application beside them', async () => {
    const app = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');
    for (const artifact of ['spring-cloud-config-server', 'spring-cloud-starter-netflix-eureka-server', 'spring-cloud-starter-netflix-hystrix-dashboard', 'spring-cloud-starter-netflix-turbine-stream', 'spring-boot-admin-starter-server']) {
      const pom = `<project><dependencies><dependency><artifactId>${artifact}</artifactId></dependency></dependencies></project>`;
      assert.deepEqual(await run({ '/w/api/src/main/java/App.java': app, '/w/api/pom.xml': pom }), [], artifact);
    }
    const client = '<project><dependencies><dependency><artifactId>spring-cloud-starter-config</artifactId></dependency><dependency><artifactId>spring-cloud-starter-netflix-eureka-client</artifactId></dependency></dependencies></project>';
    assert.deepEqual(summary(await run({ '/w/api/src/main/java/App.java': app, '/w/api/pom.xml': client })), ['missing-metrics /w/api/src/main/java/App.java:2']);
  });
});
