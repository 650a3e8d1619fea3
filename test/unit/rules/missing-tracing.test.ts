import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { summary, systemFindings } from './serviceHelpers';

const RULE = 'missing-tracing';

const compose = (ordersEnv = '') =>
  lines('services:', '  web:', '    build: ./web', '    environment:', '      ORDERS_URL: http://orders:8080', '  orders:', '    build: ./orders', ...(ordersEnv ? ['    environment:', `      ${ordersEnv}`] : []));

const WEB = lines("import express from 'express';", 'const app = express();', "app.get('/', async (_req, res) => res.send(await fetch(process.env.ORDERS_URL)));", 'app.listen(3000);');
const run = (files: Record<string, string>, ordersEnv = '') => systemFindings([RULE], { '/w/compose.yaml': compose(ordersEnv), '/w/web/server.js': WEB, ...files });

describe(RULE, () => {
  it('reports a Python service called by another service, on the line that starts its server', async () => {
    const f = await run({ '/w/orders/app.py': lines('from flask import Flask', 'app = Flask(__name__)', '@app.get("/orders")', 'def orders(): return []') });
    assert.deepEqual(summary(f), ['missing-tracing /w/orders/app.py:2', 'missing-tracing /w/web/server.js:4']);
    assert.match(f[0].message, /Service orders talks to web but has no distributed tracing.*no request id or traceparent is passed on/);
  });

  it('says so when the service forwards a request id but records no spans', async () => {
    const f = await run({ '/w/orders/app.py': lines('from flask import Flask, request', 'app = Flask(__name__)', '@app.get("/o")', 'def o(): return request.headers.get("X-Request-ID")') });
    assert.match(f.find((x) => x.path.endsWith('app.py'))!.message, /names "X-Request-ID", so a request id may reach/);
  });

  it('accepts the OpenTelemetry SDK in a module of the service other than its entry point (a wrapper)', async () => {
    const f = await run({
      '/w/orders/app.py': lines('from flask import Flask', 'import tracing', 'app = Flask(__name__)', 'tracing.setup(app)'),
      '/w/orders/tracing.py': lines('from opentelemetry.sdk.trace import TracerProvider', 'def setup(app):', '    TracerProvider()'),
    });
    assert.deepEqual(summary(f), ['missing-tracing /w/web/server.js:4']);
  });

  it('accepts OTEL_* configuration in the compose environment', async () => {
    const f = await run({ '/w/orders/app.py': lines('from flask import Flask', 'app = Flask(__name__)') }, 'OTEL_SERVICE_NAME: orders');
    assert.deepEqual(summary(f), ['missing-tracing /w/web/server.js:4']);
  });

  it("accepts SkyWalking's Go agent compiled in (-toolexec) and its Python agent image as the Dockerfile's base", async () => {
    for (const dockerfile of [lines('FROM golang:1.22', 'RUN skywalking-go-agent -inject ./ && go build -toolexec "skywalking-go-agent" -o orders .'), lines('FROM apache/skywalking-python:1.2.0-grpc-py3.10-slim', 'CMD ["run", "-p", "gunicorn", "app:app"]')]) {
      const f = await run({ '/w/orders/app.py': lines('from flask import Flask', 'app = Flask(__name__)', '@app.get("/orders")', 'def orders(): return []'), '/w/orders/Dockerfile': dockerfile });
      assert.deepEqual(summary(f), ['missing-tracing /w/web/server.js:4'], dockerfile);
    }
  });

  it('accepts a Java agent started in the Dockerfile', async () => {
    const f = await run({
      '/w/orders/src/main/java/App.java': lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }'),
      '/w/orders/Dockerfile': lines('FROM eclipse-temurin:21', 'ENTRYPOINT ["java", "-javaagent:/otel/opentelemetry-javaagent.jar", "-jar", "app.jar"]'),
    });
    assert.deepEqual(summary(f), ['missing-tracing /w/web/server.js:4']);
  });

  it("accepts a Spring Boot 4 service with the Zipkin or OpenTelemetry starter in its pom", async () => {
    const spring = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');
    for (const starter of ['spring-boot-starter-zipkin', 'spring-boot-starter-opentelemetry']) {
      const pom = lines('<project><dependencies>', `<dependency><groupId>org.springframework.boot</groupId><artifactId>${starter}</artifactId></dependency>`, '</dependencies></project>');
      assert.deepEqual(summary(await run({ '/w/orders/src/main/java/App.java': spring, '/w/orders/pom.xml': pom })), ['missing-tracing /w/web/server.js:4'], starter);
    }
  });

  it('accepts a Spring Boot service with the Google Cloud trace starter in its pom, and not the starter alone without Spring Boot', async () => {
    const pom = lines('<project><dependencies>', '<dependency><groupId>com.google.cloud</groupId><artifactId>spring-cloud-gcp-starter-trace</artifactId></dependency>', '</dependencies></project>');
    const spring = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');
    assert.deepEqual(summary(await run({ '/w/orders/src/main/java/App.java': spring, '/w/orders/pom.xml': pom })), ['missing-tracing /w/web/server.js:4']);
    const plain = lines('import com.sun.net.httpserver.HttpServer;', 'class App { public static void main(String[] a) throws Exception { HttpServer.create(new java.net.InetSocketAddress(80), 0).start(); } }');
    assert.ok(summary(await run({ '/w/orders/src/main/java/App.java': plain, '/w/orders/pom.xml': pom })).some((s) => s.includes('/w/orders/')));
  });

  it('accepts a Go service instrumented with otelhttp, and dd-trace started with init() in Node', async () => {
    const f = await run({
      '/w/web/server.js': lines("const tracer = require('dd-trace').init();", WEB),
      '/w/orders/main.go': lines('package main', 'import (', '  "net/http"', '  "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"', ')', 'func main() { http.ListenAndServe(":8080", otelhttp.NewHandler(nil, "orders")) }'),
    });
    assert.deepEqual(summary(f), []);
  });

  it('reports, as not resolved, an OpenTelemetry import that the code never uses', async () => {
    const f = await run({ '/w/orders/app.py': lines('from flask import Flask', 'from opentelemetry.sdk.trace import TracerProvider', 'app = Flask(__name__)') });
    const orders = f.find((x) => x.path.endsWith('app.py'))!;
    assert.match(orders.message, /not resolved/);
  });

  it('reports, as not resolved, a tracing library declared in package.json that no code imports', async () => {
    const f = await run({ '/w/web/package.json': '{ "dependencies": { "dd-trace": "^5.0.0" } }', '/w/orders/app.py': lines('from opentelemetry.sdk.trace import TracerProvider', 'TracerProvider()', 'from flask import Flask', 'app = Flask(__name__)') });
    assert.deepEqual(summary(f), ['missing-tracing /w/web/server.js:4']);
    assert.match(f[0].message, /dd-trace appears in package\.json.*not resolved/);
  });

  it('leaves alone a service that talks to no other service, and generated code', async () => {
    const f = await systemFindings([RULE], {
      '/w/compose.yaml': lines('services:', '  solo:', '    build: ./solo'),
      '/w/solo/server.js': WEB.replace('fetch(process.env.ORDERS_URL)', '1'),
      '/w/solo/gen/api.pb.js': lines('// Code generated by protoc-gen-js. DO NOT EDIT.', "fetch('http://other:80/x')"),
    });
    assert.deepEqual(f, []);
  });

  it("takes no web front end that a backend only names (its dashboard's address for CORS) for a service it talks to, and still judges a backend it calls", async () => {
    const api = lines('import os', 'from fastapi import FastAPI', 'from fastapi.middleware.cors import CORSMiddleware', 'app = FastAPI()', 'app.add_middleware(CORSMiddleware, allow_origins=[os.environ["DASHBOARD_URL"]])');
    const next = JSON.stringify({ dependencies: { next: '14.2.0', react: '18.3.0' } });
    const files = (to: string, pkg: string) => ({
      '/w/compose.yaml': lines('services:', '  api:', '    build: ./api', '    environment:', `      DASHBOARD_URL: http://${to}:3000`, '  dashboard:', '    build: ./dashboard', '  billing:', '    build: ./billing'),
      '/w/api/main.py': api,
      '/w/dashboard/package.json': next,
      '/w/billing/package.json': pkg,
      '/w/billing/server.js': WEB.replace('fetch(process.env.ORDERS_URL)', '1'),
    });
    assert.deepEqual(await systemFindings([RULE], files('dashboard', '{}')), []);
    assert.deepEqual(summary(await systemFindings([RULE], files('billing', '{}'))).filter((x) => x.includes('main.py')), ['missing-tracing /w/api/main.py:4']);
  });

  it('accepts an OpenTelemetry operator annotation on a Kubernetes pod template', async () => {
    const deploy = (name: string, annotation = '') =>
      lines('apiVersion: apps/v1', 'kind: Deployment', `metadata: { name: ${name} }`, 'spec:', '  selector: { matchLabels: { app: ' + name + ' } }', '  template:', '    metadata:', `      labels: { app: ${name} }`, ...(annotation ? ['      annotations:', `        ${annotation}`] : []), '    spec:', '      containers:', `        - name: ${name}`, `          image: ${name}:1`, ...(name === 'web' ? ['          env:', '            - { name: ORDERS_ADDR, value: "orders:8080" }'] : []));
    const svc = (name: string) => lines('---', 'apiVersion: v1', 'kind: Service', `metadata: { name: ${name} }`, `spec: { selector: { app: ${name} }, ports: [{ port: 8080 }] }`);
    const files = {
      '/w/k8s/web.yaml': deploy('web', 'instrumentation.opentelemetry.io/inject-nodejs: "true"') + svc('web'),
      '/w/k8s/orders.yaml': deploy('orders') + svc('orders'),
      '/w/web/server.js': WEB,
      '/w/web/package.json': '{ "name": "web" }',
      '/w/orders/main.go': lines('package main', 'import "net/http"', 'func main() { http.ListenAndServe(":8080", nil) }'),
      '/w/orders/go.mod': 'module orders',
    };
    assert.deepEqual(summary(await systemFindings([RULE], files)), ['missing-tracing /w/orders/main.go:3']);
  });

  it('leaves alone a configuration server that other services call (platform infrastructure), and still judges its callers', async () => {
    const app = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');
    const pom = (artifact: string) => `<project><dependencies><dependency><artifactId>${artifact}</artifactId></dependency></dependencies></project>`;
    const server = await run({ '/w/orders/src/main/java/App.java': app, '/w/orders/pom.xml': pom('spring-cloud-config-server') });
    assert.deepEqual(summary(server), ['missing-tracing /w/web/server.js:4']);
    const application = await run({ '/w/orders/src/main/java/App.java': app, '/w/orders/pom.xml': pom('spring-boot-starter-web') });
    assert.deepEqual(summary(application), ['missing-tracing /w/orders/src/main/java/App.java:2', 'missing-tracing /w/web/server.js:4']);
  });
});
