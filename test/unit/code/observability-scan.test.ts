import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importsOf } from '../../../server/src/core/code/observability/imports';
import { scanObservability, startsServer } from '../../../server/src/core/code/observability/scan';
import { lines } from '../rules/helpers';

const concerns = (path: string, text: string) => scanObservability(path, text).libraries.map((l) => `${l.concern}:${l.label}:${l.used ? 'used' : 'unused'}`);

describe('observability scan of one file', () => {
  it('tells used imports from unused ones in each language', () => {
    assert.deepEqual(importsOf('js', lines("import pino from 'pino';", "import { Counter } from 'prom-client';", 'const l = pino();')).map((i) => [i.module, i.used]), [['pino', true], ['prom-client', false]]);
    assert.deepEqual(importsOf('js', lines("require('dd-trace').init();", "const x = require('newrelic');")).map((i) => [i.module, i.used]), [['dd-trace', true], ['newrelic', false]]);
    assert.deepEqual(importsOf('py', lines('import structlog', 'from prometheus_client import Counter, start_http_server as serve', 'serve(8000)')).map((i) => [i.module, i.used]), [['structlog', false], ['prometheus_client', true]]);
    assert.deepEqual(importsOf('java', lines('import io.micrometer.core.instrument.MeterRegistry;', 'import io.opentelemetry.api.trace.Tracer;', 'class A { MeterRegistry r; }')).map((i) => [i.module, i.used]), [['io.micrometer.core.instrument.MeterRegistry', true], ['io.opentelemetry.api.trace.Tracer', false]]);
    assert.deepEqual(importsOf('go', lines('package main', 'import (', '  "fmt"', '  _ "net/http/pprof"', '  otel "go.opentelemetry.io/otel"', ')')).map((i) => [i.module, i.used]), [['fmt', true], ['net/http/pprof', true], ['go.opentelemetry.io/otel', true]]);
  });

  it('classifies tracing, metrics and logging libraries per language', () => {
    assert.deepEqual(concerns('/s/a.ts', lines("import { NodeSDK } from '@opentelemetry/sdk-node';", 'new NodeSDK().start();')), ['tracing:@opentelemetry/sdk-node:used']);
    assert.deepEqual(concerns('/s/a.py', lines('from opentelemetry import trace', 'trace.get_tracer("x")')), ['tracing-api:opentelemetry:used']);
    assert.deepEqual(concerns('/s/a.py', lines('import instana')), ['apm:instana:used']);
    assert.deepEqual(concerns('/s/a.py', lines('from traceloop.sdk import Traceloop', 'Traceloop.init()')), ['apm:traceloop.sdk:used']);
    assert.deepEqual(concerns('/s/m.go', lines('package m', 'import "github.com/prometheus/client_golang/prometheus"')), ['metrics:github.com/prometheus/client_golang/prometheus:used']);
    assert.deepEqual(concerns('/s/A.java', lines('import net.logstash.logback.argument.StructuredArguments;', 'class A { Object o = StructuredArguments.kv("a", 1); }')), ['structured:net.logstash.logback.argument.StructuredArguments:used']);
    assert.deepEqual(concerns('/s/l.js', lines("const winston = require('winston');", 'winston.createLogger({ format: winston.format.simple() });')), []);
    assert.deepEqual(concerns('/s/l.js', lines("const winston = require('winston');", 'winston.createLogger({});')), ['structured:winston (JSON by default):used']);
  });

  it('counts Sentry as an APM (traces, and request metrics from them) only when its set-up samples transactions, in each language', () => {
    assert.deepEqual(concerns('/s/a.py', lines('import sentry_sdk', 'sentry_sdk.init(dsn=DSN, traces_sample_rate=1.0)')), ['apm:sentry_sdk traces_sample_rate=1:used']);
    assert.deepEqual(concerns('/s/a.py', lines('import sentry_sdk', 'sentry_sdk.init(dsn=DSN, enable_tracing=True)')), ['apm:sentry_sdk enable_tracing=T:used']);
    assert.deepEqual(concerns('/s/a.ts', lines("import * as Sentry from '@sentry/node';", 'Sentry.init({ dsn, tracesSampleRate: 0.2 });')), ['apm:@sentry/node tracesSampleRate: 0.2:used']);
    assert.deepEqual(concerns('/s/m.go', lines('package m', 'import "github.com/getsentry/sentry-go"', 'func init() { sentry.Init(sentry.ClientOptions{Dsn: d, EnableTracing: true}) }')), ['apm:github.com/getsentry/sentry-go EnableTracing: t:used']);
    // Error reporting only: no traces are recorded.
    assert.deepEqual(concerns('/s/a.py', lines('import sentry_sdk', 'sentry_sdk.init(dsn=DSN)')), []);
    assert.deepEqual(concerns('/s/a.py', lines('import sentry_sdk', 'sentry_sdk.init(dsn=DSN, traces_sample_rate=0.0, enable_tracing=False)')), []);
    assert.deepEqual(concerns('/s/a.ts', lines("import * as Sentry from '@sentry/node';", 'Sentry.init({ dsn });')), []);
  });

  it('names a server start chained on another call by its method (.listen()), not by a stray parenthesis', () => {
    assert.equal(scanObservability('/s/a.ts', "https.createServer(opts, app).listen(443);").entry?.label, '.listen()');
    assert.equal(scanObservability('/s/a.ts', 'app.listen(3000);').entry?.label, 'app.listen');
  });

  it('counts no print-style log calls in migrations and seed scripts, which are not the running service', () => {
    for (const path of ['/s/app/alembic/env.py', '/s/app/migrations/0001_init.py', '/s/app/seed_db.py', '/s/db/seeders/users.ts']) assert.equal(scanObservability(path, lines('print("seeding")', 'console.log("x");')).unstructuredCount, 0, path);
    assert.equal(scanObservability('/s/app/main.py', lines('print("serving")')).unstructuredCount, 1);
  });

  it('counts print-style log calls, but not JSON written with console.log or fmt.Errorf', () => {
    assert.equal(scanObservability('/s/a.js', lines("console.log('a');", 'console.log(JSON.stringify({ a: 1 }));')).unstructuredCount, 1);
    assert.equal(scanObservability('/s/a.go', lines('package a', 'import "fmt"', 'func f() error { fmt.Println("x"); return fmt.Errorf("y") }')).unstructuredCount, 1);
    assert.equal(scanObservability('/s/a.py', lines('def f():', '    print("x")', '    print(json.dumps({}))')).unstructuredCount, 1);
  });

  it('finds where a server starts, in each language', () => {
    const entry = (path: string, text: string) => scanObservability(path, text).entry?.label;
    assert.equal(entry('/s/a.js', "require('http').createServer(h).listen(80);"), '.listen()');
    assert.equal(entry('/s/a.py', lines('import uvicorn', 'uvicorn.run(app)')), 'uvicorn.run');
    assert.equal(entry('/s/a.py', lines('class S:', '    def __init__(self):', '        self.app = FastAPI()')), 'self.app = FastAPI');
    assert.equal(entry('/s/a.go', lines('package main', 'func main() { srv.Serve(lis) }')), 'srv.Serve');
    assert.equal(entry('/s/A.java', 'class A { void m() { SpringApplication.run(A.class); } }'), 'SpringApplication.run');
    assert.equal(entry('/s/a.py', lines('def handler(event, context):', '    return 1')), undefined);
    assert.ok(startsServer('go', 'func main() { http.ListenAndServe(":80", nil) }'));
    assert.ok(!startsServer('go', 'func main() {}'));
  });

  it('takes no fact from generated code', () => {
    const generated = lines('// Code generated by protoc-gen-go. DO NOT EDIT.', 'package pb', 'import "github.com/prometheus/client_golang/prometheus"', 'func f() { fmt.Println("x"); http.ListenAndServe(":1", nil) }');
    assert.deepEqual(scanObservability('/s/x.pb.go', generated), { libraries: [], unstructured: [], unstructuredCount: 0 });
  });
});
