import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { summary, systemFindings } from './serviceHelpers';

const RULE = 'unstructured-logging';
const COMPOSE = lines('services:', '  api:', '    build: ./api');
const run = (files: Record<string, string>) => systemFindings([RULE], { '/w/compose.yaml': COMPOSE, ...files });
const GO_MAIN = (imports: string[], body: string) => lines('package main', 'import (', '  "net/http"', ...imports.map((i) => `  ${i}`), ')', `func main() { ${body}; http.ListenAndServe(":80", nil) }`);

describe(RULE, () => {
  it('reports console.log in a Node service, on its listen call, with the calls as related locations', async () => {
    const f = await run({ '/w/api/server.js': lines("const app = require('express')();", "app.get('/', (q, r) => { console.log('got ' + q.url); r.end(); });", 'app.listen(80);') });
    assert.deepEqual(summary(f), ['unstructured-logging /w/api/server.js:3']);
    assert.equal(f[0].related?.[0].range.start.line, 1);
  });

  it('accepts pino in a wrapper module, and console.log(JSON.stringify(...))', async () => {
    assert.deepEqual(await run({ '/w/api/server.js': lines("const log = require('./log');", "const app = require('express')();", "log.info('up');", 'app.listen(80);'), '/w/api/log.js': lines("const pino = require('pino');", 'module.exports = pino();') }), []);
    assert.deepEqual(await run({ '/w/api/server.js': lines("const app = require('express')();", "console.log(JSON.stringify({ msg: 'up' }));", 'app.listen(80);') }), []);
  });

  it("does not count prints in a FastAPI lifespan hook or connection messages as logging, and counts a route's print", async () => {
    const app = (route: string) => lines('from contextlib import asynccontextmanager', 'from fastapi import FastAPI', '@asynccontextmanager', 'async def lifespan(app):', '    print("Auth: enabled")', '    print("Routing to: orders")', '    yield', '    print("bye")', 'app = FastAPI(lifespan=lifespan)', '@app.get("/")', 'def home():', `    ${route}`, 'def connect():', '    print("Connected to MongoDB")');
    assert.deepEqual(await run({ '/w/api/main.py': app('return 1') }), []);
    assert.equal((await run({ '/w/api/main.py': app('print("home")') })).length, 1);
  });

  it('does not count a start-up banner as the service logging (it is said once, not per request), and counts the next call', async () => {
    const banner = "app.listen(80, () => console.log(`listening on ${80}`));";
    assert.deepEqual(await run({ '/w/api/server.js': lines("const app = require('express')();", "app.get('/', (q, r) => r.end());", banner) }), []);
    const f = await run({ '/w/api/server.js': lines("const app = require('express')();", "app.get('/', (q, r) => { console.log('got ' + q.url); r.end(); });", banner) });
    assert.deepEqual(summary(f), ['unstructured-logging /w/api/server.js:3']);
  });

  it('does not count a Go exit (log.Panic(err), log.Fatalf) nor commented-out code as the service logging, and counts a message', async () => {
    assert.deepEqual(await run({ '/w/api/main.go': GO_MAIN(['"log"'], 'if err := srv(); err != nil {\n\t\tlog.Panic(err)\n\t}') }), []);
    assert.deepEqual(await run({ '/w/api/main.go': GO_MAIN(['"log"'], 'if err := db(); err != nil {\n\t\tlog.Fatalf("db: %v", err)\n\t}\n\t// log.Println("order paid")') }), []);
    assert.deepEqual(summary(await run({ '/w/api/main.go': GO_MAIN(['"log"'], 'log.Printf("order %d paid", id)') })), ['unstructured-logging /w/api/main.go:6']);
  });

  it('accepts a Python logging format string that writes a JSON object, and Spring Boot structured logging in application.yaml', async () => {
    const app = lines('import logging', 'from flask import Flask', 'log = logging.getLogger(__name__)', 'app = Flask(__name__)', 'log.info("order %s paid", order_id)');
    const json = lines('import logging', `logging.basicConfig(format='{"timestamp": "%(asctime)s", "level": "%(levelname)s", "message": "%(message)s"}')`);
    assert.deepEqual(await run({ '/w/api/app.py': app, '/w/api/logs.py': json }), []);
    const text = lines('import logging', "logging.basicConfig(format='%(asctime)s {%(name)s} %(message)s')");
    assert.deepEqual(summary(await run({ '/w/api/app.py': app, '/w/api/logs.py': text })), ['unstructured-logging /w/api/app.py:4']);
    const java = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); System.out.println("paid"); } }');
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': java, '/w/api/src/main/resources/application.yaml': lines('logging:', '  structured:', '    format:', '      console: ecs') }), []);
  });

  it('leaves alone a monitoring dashboard (Spring Boot Admin server), whose logs serve no request, and reports the same application', async () => {
    const java = lines('import org.springframework.boot.SpringApplication;', 'class App {', '  public static void main(String[] a) { SpringApplication.run(App.class, a); }', '', '', '', '  void paid(String id) { log.info("order {} paid", id); }', '}');
    const pom = (artifact: string) => `<project><dependencies><dependency><artifactId>${artifact}</artifactId></dependency></dependencies></project>`;
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': java, '/w/api/pom.xml': pom('spring-boot-admin-starter-server') }), []);
    assert.equal((await run({ '/w/api/src/main/java/App.java': java, '/w/api/pom.xml': pom('spring-boot-starter-web') })).length, 1);
  });

  it('reports print() and text logging in Python, and accepts a JSON formatter', async () => {
    const app = lines('import logging', 'from flask import Flask', 'log = logging.getLogger(__name__)', 'app = Flask(__name__)', 'log.info("order %s paid", order_id)');
    assert.deepEqual(summary(await run({ '/w/api/app.py': app })), ['unstructured-logging /w/api/app.py:4']);
    assert.deepEqual(await run({ '/w/api/app.py': app, '/w/api/logs.py': lines('from pythonjsonlogger import jsonlogger', 'handler_formatter = jsonlogger.JsonFormatter()') }), []);
  });

  it('reports fmt.Println and logrus without a JSON formatter in Go; accepts zap, slog and logrus JSON', async () => {
    assert.deepEqual(summary(await run({ '/w/api/main.go': GO_MAIN(['"fmt"'], 'fmt.Println("up")') })), ['unstructured-logging /w/api/main.go:6']);
    assert.deepEqual(summary(await run({ '/w/api/main.go': GO_MAIN(['log "github.com/sirupsen/logrus"'], 'log.Infof("up %d", 1)') })), ['unstructured-logging /w/api/main.go:6']);
    assert.deepEqual(await run({ '/w/api/main.go': GO_MAIN(['log "github.com/sirupsen/logrus"'], 'log.SetFormatter(&log.JSONFormatter{}); log.Infof("up")') }), []);
    // logrus lines with fields are key=value lines, searchable by request id, in its text format too.
    assert.deepEqual(await run({ '/w/api/main.go': GO_MAIN(['log "github.com/sirupsen/logrus"'], 'log.Infof("up %d", 1); log.WithContext(ctx).WithField("request_id", id).Info("served")') }), []);
    assert.deepEqual(await run({ '/w/api/main.go': GO_MAIN(['"go.uber.org/zap"'], 'l, _ := zap.NewProduction(); l.Info("up")') }), []);
    assert.deepEqual(await run({ '/w/api/main.go': GO_MAIN(['"log/slog"', '"os"'], 'slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stdout, nil))); slog.Info("up")') }), []);
    // slog's text handler writes key=value fields too, also when imported under the name log.
    assert.deepEqual(await run({ '/w/api/main.go': GO_MAIN(['log "log/slog"'], 'log.Info("request", "trace_id", id)') }), []);
  });

  it("accepts echo's request logger writing JSON lines (its default format, or a Format that is a JSON object), and not a text Format", async () => {
    const echo = (use: string) => lines('package main', 'import (', '  "log"', '  "github.com/labstack/echo/v4"', '  mw "github.com/labstack/echo/v4/middleware"', ')', 'func main() {', '  e := echo.New()', `  e.Use(${use})`, '  e.GET("/", home)', '  log.Printf("session %s", id)', '  e.Start(":80")', '}');
    assert.deepEqual(await run({ '/w/api/main.go': echo('mw.Logger()') }), []);
    assert.deepEqual(await run({ '/w/api/main.go': echo('mw.LoggerWithConfig(mw.LoggerConfig{Format: `{"time":"${time_rfc3339_nano}","id":"${id}"}` + "\\n"})') }), []);
    assert.equal((await run({ '/w/api/main.go': echo('mw.LoggerWithConfig(mw.LoggerConfig{Format: "${method} ${uri} ${status}\\n"})') })).length, 1);
  });

  it('reports System.out in Java, and accepts a Logback JSON encoder in src/main/resources', async () => {
    const app = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { System.out.println("up"); SpringApplication.run(App.class, a); } }');
    assert.deepEqual(summary(await run({ '/w/api/src/main/java/App.java': app })), ['unstructured-logging /w/api/src/main/java/App.java:2']);
    const traces = await run({ '/w/api/src/main/java/App.java': app.replace('System.out.println("up");', 'try { go(); } catch (Exception e) { e.printStackTrace(); }') });
    assert.match(traces[0]?.message ?? '', /such as \.printStackTrace\(\), and/);
    const logback = '<configuration><appender name="J" class="ch.qos.logback.core.ConsoleAppender"><encoder class="net.logstash.logback.encoder.LogstashEncoder"/></appender></configuration>';
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': app, '/w/api/src/main/resources/logback-spring.xml': logback }), []);
  });

  it('accepts a log4j2 or logback pattern that writes JSON lines, and a Python logging config with a JSON format; not a plain text pattern', async () => {
    const app = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { System.out.println("up"); SpringApplication.run(App.class, a); } }');
    const log4j2 = (pattern: string) => `<Configuration><Appenders><Console name="c"><PatternLayout pattern='${pattern}'/></Console></Appenders></Configuration>`;
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': app, '/w/api/src/main/resources/log4j2.xml': log4j2('{"timestamp": "%d", "message": "%msg"}%n') }), []);
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': app, '/w/api/src/main/resources/logback.xml': '<configuration><appender name="c"><encoder><pattern>{"time":"%d","msg":"%msg"}%n</pattern></encoder></appender></configuration>' }), []);
    assert.deepEqual(summary(await run({ '/w/api/src/main/java/App.java': app, '/w/api/src/main/resources/log4j2.xml': log4j2('%d %-5level %msg%n') })), ['unstructured-logging /w/api/src/main/java/App.java:2']);
    const py = lines('import logging', 'from flask import Flask', 'log = logging.getLogger(__name__)', 'app = Flask(__name__)', 'log.info("order %s paid", order_id)');
    const conf = (format: string) => lines('[formatters]', 'keys=generic', '', '[formatter_generic]', `format=${format}`);
    assert.deepEqual(await run({ '/w/api/app.py': py, '/w/api/logging.conf': conf('{"timestamp": "%(asctime)s", "message": "%(message)s"}') }), []);
    assert.deepEqual(summary(await run({ '/w/api/app.py': py, '/w/api/logging.conf': conf('%(asctime)s %(levelname)s %(message)s') })), ['unstructured-logging /w/api/app.py:4']);
  });

  it('reports, as not resolved, structlog declared in requirements.txt that no code imports', async () => {
    const f = await run({ '/w/api/app.py': lines('from flask import Flask', 'app = Flask(__name__)', 'print("up")'), '/w/api/requirements.txt': lines('flask', 'structlog==24.1') });
    assert.match(f[0].message, /structlog appears in requirements\.txt.*not resolved/);
  });

  it("names zap required by go.mod as not resolved, but not zap that go.mod only requires indirectly (another module's dependency)", async () => {
    const main = GO_MAIN(['"log"'], 'log.Printf("order %d paid", id)');
    const mod = (zap: string) => lines('module orders', 'require (', `\tgo.uber.org/zap v1.27.0${zap}`, ')');
    const [direct] = await run({ '/w/api/main.go': main, '/w/api/go.mod': mod('') });
    assert.match(direct.message, /go\.uber\.org\/zap appears in go\.mod/);
    const [indirect] = await run({ '/w/api/main.go': main, '/w/api/go.mod': mod(' // indirect') });
    assert.doesNotMatch(indirect.message, /go\.uber\.org\/zap appears/);
  });

  it('finds the service of a Java file deep in a Maven module (src/main/java/com/...), from the module\'s pom.xml, without a deployment', async () => {
    const app = lines('package com.acme.bank.account.api;', 'import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { System.out.println("balance " + a[0]); SpringApplication.run(App.class, a); } }');
    const f = await systemFindings([RULE], { '/w/account/pom.xml': '<project><artifactId>account</artifactId></project>', '/w/account/src/main/java/com/acme/bank/account/api/App.java': app });
    assert.deepEqual(summary(f), ['unstructured-logging /w/account/src/main/java/com/acme/bank/account/api/App.java:3']);
  });

  it("leaves a Spring Boot service with Micrometer Tracing alone when it logs through its logger (each line carries the trace id), not when it prints or replaces the pattern", async () => {
    const app = (call: string) => lines('package com.acme.orders;', 'import org.springframework.boot.SpringApplication;', 'class App {', '  static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(App.class);', '  public static void main(String[] a) { SpringApplication.run(App.class, a); }', '', '', '', `  void save(String[] a) { ${call}; }`, '}');
    const pom = (dep: string) => `<project><artifactId>orders</artifactId><dependencies><dependency><artifactId>${dep}</artifactId></dependency></dependencies></project>`;
    const files = (call: string, dep: string, extra: Record<string, string> = {}) => ({ '/w/orders/pom.xml': pom(dep), '/w/orders/src/main/java/com/acme/orders/App.java': app(call), ...extra });
    assert.deepEqual(await systemFindings([RULE], files('log.info("saved {}", a[0])', 'spring-boot-starter-zipkin')), []);
    assert.deepEqual(await systemFindings([RULE], files('log.info("saved {}", a[0])', 'micrometer-tracing-bridge-otel', { '/w/orders/src/main/resources/logback-spring.xml': '<configuration><include resource="org/springframework/boot/logging/logback/base.xml"/></configuration>' })), []);
    assert.equal((await systemFindings([RULE], files('System.out.println("saved")', 'spring-boot-starter-zipkin'))).length, 1);
    assert.equal((await systemFindings([RULE], files('log.info("saved {}", a[0])', 'spring-boot-starter-web'))).length, 1);
    const ownPattern = { '/w/orders/src/main/resources/logback-spring.xml': '<configuration><appender name="C" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%d %-5level %logger - %msg%n</pattern></encoder></appender></configuration>' };
    assert.equal((await systemFindings([RULE], files('log.info("saved {}", a[0])', 'spring-boot-starter-zipkin', ownPattern))).length, 1);
  });

  it('does not count the banner printed right after SpringApplication.run, nor a failure logged just before System.exit, and counts a later print', async () => {
    const main = (after: string, more = '') => lines('import org.springframework.boot.SpringApplication;', 'class App {', '  public static void main(String[] a) {', '    try {', '      SpringApplication.run(App.class, a);', `      ${after}`, '    } catch (Exception e) {', '      log.error("App start failed", e);', '      System.exit(1);', '    }', '  }', '', '', '', `  ${more}`, '}');
    const banner = 'System.out.println("(o_o) started ok \\n" +\n        " .-------. \\n");';
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': main(banner) }), []);
    assert.deepEqual(summary(await run({ '/w/api/src/main/java/App.java': main(banner, 'void save() { System.out.println("saved"); }') })), ['unstructured-logging /w/api/src/main/java/App.java:5']);
  });

  it("leaves a service alone whose log pattern prints an id the code puts in every line (logback's %X{workflowInstanceId}, Python's %(request_id)s), and not one whose pattern prints none", async () => {
    const app = lines('import org.springframework.boot.SpringApplication;', 'class App {', '  static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(App.class);', '  public static void main(String[] a) { SpringApplication.run(App.class, a); }', '', '', '', '  void run(String id) { log.info("task {} done", id); }', '}');
    const logback = (pattern: string) => `<configuration><appender name="C" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>${pattern}</pattern></encoder></appender></configuration>`;
    assert.deepEqual(await run({ '/w/api/src/main/java/App.java': app, '/w/api/src/main/resources/logback-spring.xml': logback('[WI-%X{workflowInstanceId:-0}] %d %-5level %msg%n') }), []);
    assert.equal((await run({ '/w/api/src/main/java/App.java': app, '/w/api/src/main/resources/logback-spring.xml': logback('%d %-5level %msg%n') })).length, 1);
    const py = (format: string) => lines('import logging', 'from fastapi import FastAPI', `logging.basicConfig(level=logging.INFO, format="${format}")`, 'log = logging.getLogger(__name__)', 'app = FastAPI()', '', '', '', '@app.get("/")', 'def root():', '    log.info("root called")');
    assert.deepEqual(await run({ '/w/api/main.py': py('%(asctime)s - [%(request_id)s] %(message)s') }), []);
    assert.equal((await run({ '/w/api/main.py': py('%(asctime)s - %(message)s') })).length, 1);
  });

  it('says nothing about a service that does not log', async () => {
    assert.deepEqual(await run({ '/w/api/app.py': lines('from flask import Flask', 'app = Flask(__name__)') }), []);
  });
});
