import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, findingsOfWorkspace } from './deploymentHelpers';
import { lines } from './helpers';

const RULE = 'unset-environment-variable';

const compose = (env: string[] = [], extra: string[] = []) => lines('services:', '  orders:', '    build: ./orders', ...(env.length ? ['    environment:', ...env.map((e) => `      ${e}`)] : []), ...extra);
const PY = lines('import os', 'from flask import Flask', 'app = Flask(__name__)', 'API_KEY = os.environ["API_KEY"]');
const TS = lines('import express from "express";', 'const app = express();', 'const url: string = process.env.PAYMENTS_URL!;', 'app.listen(3000);');
const GO = lines('package main', 'import (', '\t"log"', '\t"net/http"', '\t"os"', ')', 'func main() {', '\taddr := os.Getenv("CATALOG_ADDR")', '\tif addr == "" {', '\t\tlog.Fatal("CATALOG_ADDR is required")', '\t}', '\thttp.ListenAndServe(":8080", nil)', '}');
const JAVA = lines('@RestController', 'class Orders {', '  @Value("${payments.url}")', '  private String paymentsUrl;', '}');

interface Case {
  name: string;
  files: Record<string, string>;
  /** The variables reported, in order. */
  expect: string[];
}

const cases: Case[] = [
  { name: 'reports os.environ["X"] in a Python service whose compose environment does not set X', files: { '/w/compose.yaml': compose(['DEBUG: "1"']), '/w/orders/app.py': PY }, expect: ['API_KEY'] },
  { name: 'does not report os.environ["X"] when the compose environment sets X', files: { '/w/compose.yaml': compose(['API_KEY: abc']), '/w/orders/app.py': PY }, expect: [] },
  { name: 'does not report os.environ["X"] when the compose environment passes X through from the shell', files: { '/w/compose.yaml': compose(['- API_KEY']), '/w/orders/app.py': PY }, expect: [] },
  { name: 'does not report a variable set through a YAML merge key', files: { '/w/compose.yaml': lines('x-common: &common', '  API_KEY: abc', 'services:', '  orders:', '    build: ./orders', '    environment:', '      <<: *common', '      DEBUG: "1"'), '/w/orders/app.py': PY }, expect: [] },
  { name: 'does not report a variable set by an env_file', files: { '/w/compose.yaml': compose([], ['    env_file: orders.env']), '/w/orders.env': 'API_KEY=abc\n', '/w/orders/app.py': PY }, expect: [] },
  { name: 'does not report when an env_file cannot be read (its variables are unknown)', files: { '/w/compose.yaml': compose([], ['    env_file: secrets.env']), '/w/orders/app.py': PY }, expect: [] },
  { name: 'does not report a variable set by the Dockerfile ENV', files: { '/w/compose.yaml': compose(), '/w/orders/Dockerfile': 'FROM python:3.12\nENV API_KEY=dev OTHER=1\n', '/w/orders/app.py': PY }, expect: [] },
  { name: 'does not report os.environ.get or os.getenv reads (they have a default)', files: { '/w/compose.yaml': compose(), '/w/orders/app.py': lines('import os', 'A = os.environ.get("A")', 'B = os.getenv("B", "x")') }, expect: [] },
  { name: 'does not report os.environ["X"] inside a try that catches KeyError', files: { '/w/compose.yaml': compose(), '/w/orders/app.py': lines('import os', 'try:', '    if os.environ["ENABLE_TRACING"] == "1":', '        pass', 'except (KeyError, ValueError):', '    pass') }, expect: [] },
  { name: 'does not report reads in a branch taken only when another variable is set (one of several configuration styles), and reports the branch that always runs', files: { '/w/compose.yaml': compose(['DATABASE_URL: postgres://db/x']), '/w/orders/app.py': lines('import os', 'if "DATABASE_URL" in os.environ:', '    DB = os.environ["DATABASE_URL"]', 'elif "DB_NAME" in os.environ:', '    DB = {', '        "USER": os.environ["DB_USER"],', '    }', 'else:', '    DB = None', 'KEY = os.environ["SECRET_KEY"]') }, expect: ['SECRET_KEY'] },
  { name: 'reports os.environ["X"] inside a try whose handler catches something else', files: { '/w/compose.yaml': compose(), '/w/orders/app.py': lines('import os', 'try:', '    KEY = os.environ["KEY"]', 'except ValueError:', '    pass') }, expect: ['KEY'] },
  { name: 'does not report an assignment to os.environ["X"]', files: { '/w/compose.yaml': compose(), '/w/orders/app.py': lines('import os', 'os.environ["TZ_NAME"] = "UTC"') }, expect: [] },
  { name: 'does not report a commented-out read', files: { '/w/compose.yaml': compose(), '/w/orders/app.py': lines('import os', '# KEY = os.environ["KEY"]') }, expect: [] },
  { name: 'reports process.env.X! in a TypeScript service', files: { '/w/compose.yaml': compose(), '/w/orders/package.json': '{}', '/w/orders/src/index.ts': TS }, expect: ['PAYMENTS_URL'] },
  { name: 'reports a JavaScript read guarded by a throw when unset', files: { '/w/compose.yaml': compose(), '/w/orders/server.js': lines('const app = require("express")();', 'if (!process.env.MONGO_URL) throw new Error("MONGO_URL missing");', 'app.listen(3000);') }, expect: ['MONGO_URL'] },
  { name: 'does not report process.env.X with a fallback or a comparison', files: { '/w/compose.yaml': compose(), '/w/orders/server.js': lines('const app = require("express")();', 'const a = process.env.A || "x";', 'const b = process.env.B ?? "y";', 'if (process.env.C != "1") {}', 'app.listen(3000);') }, expect: [] },
  { name: 'reports a Go os.Getenv whose empty value ends the program', files: { '/w/compose.yaml': compose(), '/w/orders/main.go': GO }, expect: ['CATALOG_ADDR'] },
  { name: 'does not report a Go os.Getenv whose empty value gets a default', files: { '/w/compose.yaml': compose(), '/w/orders/main.go': GO.replace('log.Fatal("CATALOG_ADDR is required")', 'addr = "catalog:3550"') }, expect: [] },
  { name: 'reports a Go os.LookupEnv whose absence panics', files: { '/w/compose.yaml': compose(), '/w/orders/main.go': lines('package main', 'import "os"', 'func main() {', '\tv, ok := os.LookupEnv("QUEUE")', '\tif !ok {', '\t\tpanic("QUEUE")', '\t}', '\t_ = v', '}') }, expect: ['QUEUE'] },
  { name: 'reports the variables a Go helper such as mustMapEnv reads and dies without', files: { '/w/compose.yaml': compose(['CART_ADDR: cart:7070']), '/w/orders/main.go': lines('package main', 'import ("fmt"; "os")', 'func mustMapEnv(target *string, envKey string) {', '\tv := os.Getenv(envKey)', '\tif v == "" {', '\t\tpanic(fmt.Sprintf("%s not set", envKey))', '\t}', '\t*target = v', '}', 'func main() {', '\tmustMapEnv(&a, "CART_ADDR")', '\tmustMapEnv(&b, "SHIPPING_ADDR")', '}') }, expect: ['SHIPPING_ADDR'] },
  { name: 'does not report a Go read made only when another variable is set: in its branch, or in a function called only from such branches', files: { '/w/compose.yaml': compose(['CART_ADDR: cart:7070']), '/w/orders/main.go': lines('package main', 'import ("fmt"; "os")', 'func mustMapEnv(target *string, envKey string) {', '\tv := os.Getenv(envKey)', '\tif v == "" {', '\t\tpanic(fmt.Sprintf("%s not set", envKey))', '\t}', '\t*target = v', '}', 'func initTracing() {', '\tmustMapEnv(&c, "COLLECTOR_SERVICE_ADDR")', '}', 'func main() {', '\tif os.Getenv("ENABLE_TRACING") == "1" {', '\t\tinitTracing()', '\t\tmustMapEnv(&p, "PROFILER_ADDR")', '\t}', '\tmustMapEnv(&a, "CART_ADDR")', '\tmustMapEnv(&b, "SHIPPING_ADDR")', '}') }, expect: ['SHIPPING_ADDR'] },
  { name: 'reports a Go read in a function called both inside and outside such a branch', files: { '/w/compose.yaml': compose(), '/w/orders/main.go': lines('package main', 'import ("fmt"; "os")', 'func mustMapEnv(target *string, envKey string) {', '\tv := os.Getenv(envKey)', '\tif v == "" {', '\t\tpanic(fmt.Sprintf("%s not set", envKey))', '\t}', '\t*target = v', '}', 'func initTracing() {', '\tmustMapEnv(&c, "COLLECTOR_SERVICE_ADDR")', '}', 'func main() {', '\tif os.Getenv("ENABLE_TRACING") == "1" {', '\t\tinitTracing()', '\t}', '\tinitTracing()', '}') }, expect: ['COLLECTOR_SERVICE_ADDR'] },
  { name: 'reports a Spring @Value placeholder with no default that no config file or variable sets', files: { '/w/compose.yaml': compose(), '/w/orders/src/main/java/Orders.java': JAVA }, expect: ['payments.url'] },
  { name: 'does not report a Spring @Value placeholder set through relaxed binding (PAYMENTS_URL)', files: { '/w/compose.yaml': compose(['PAYMENTS_URL: http://payments:8080']), '/w/orders/src/main/java/Orders.java': JAVA }, expect: [] },
  { name: 'does not report a Spring @Value placeholder that application.yml defines', files: { '/w/compose.yaml': compose(), '/w/orders/src/main/resources/application.yml': lines('payments:', '  url: http://payments:8080'), '/w/orders/src/main/java/Orders.java': JAVA }, expect: [] },
  { name: 'does not report a Spring @Value placeholder with a default', files: { '/w/compose.yaml': compose(), '/w/orders/src/main/java/Orders.java': JAVA.replace('${payments.url}', '${payments.url:http://payments}') }, expect: [] },
  { name: 'reports System.getenv("X") dereferenced at once in Java', files: { '/w/compose.yaml': compose(), '/w/orders/src/main/java/Main.java': lines('class Main {', '  static String[] hosts = System.getenv("SEED_HOSTS").split(",");', '}') }, expect: ['SEED_HOSTS'] },
  { name: 'does not report a read in a test file', files: { '/w/compose.yaml': compose(), '/w/orders/test_app.py': PY }, expect: [] },
  { name: 'does not report a script kept beside the service code', files: { '/w/compose.yaml': compose(), '/w/orders/scripts/seed.py': PY }, expect: [] },
  { name: 'does not report code that no deployed service builds', files: { '/w/compose.yaml': compose(), '/w/tools/app.py': PY }, expect: [] },
  { name: 'does not report code shared by two differently named services', files: { '/w/compose.yaml': lines('services:', '  api:', '    build: ./orders', '  worker:', '    build: ./orders'), '/w/orders/app.py': PY }, expect: [] },
  { name: 'reports a read that a Kubernetes workload does not set', files: { '/w/k8s/orders.yaml': deployment('orders', 'orders', ['- name: DEBUG', '  value: "1"']), '/w/orders/app.py': PY, '/w/orders/Dockerfile': 'FROM python:3.12\n' }, expect: ['API_KEY'] },
  { name: 'does not report a read that a Kubernetes workload sets through a ConfigMap key', files: { '/w/k8s/orders.yaml': deployment('orders', 'orders', ['- name: API_KEY', '  valueFrom: {configMapKeyRef: {name: cfg, key: key}}']) + lines('---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cfg}', 'data: {key: abc}'), '/w/orders/app.py': PY, '/w/orders/Dockerfile': 'FROM python:3.12\n' }, expect: [] },
  { name: 'does not report a read that a Kubernetes workload loads with envFrom from a ConfigMap', files: { '/w/k8s/orders.yaml': deployment('orders', 'orders', []).replace('          image: orders', '          image: orders\n          envFrom: [{configMapRef: {name: cfg}}]') + lines('---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cfg}', 'data: {API_KEY: abc}'), '/w/orders/app.py': PY, '/w/orders/Dockerfile': 'FROM python:3.12\n' }, expect: [] },
  { name: 'does not report when a workload loads a Secret that no manifest defines (its keys are unknown)', files: { '/w/k8s/orders.yaml': deployment('orders', 'orders', []).replace('          image: orders', '          image: orders\n          envFrom: [{secretRef: {name: external}}]'), '/w/orders/app.py': PY, '/w/orders/Dockerfile': 'FROM python:3.12\n' }, expect: [] },
  { name: 'does not report Kubernetes service-link variables in a workload', files: { '/w/k8s/orders.yaml': deployment('orders', 'orders', []), '/w/orders/app.py': lines('import os', 'H = os.environ["REDIS_SERVICE_HOST"]'), '/w/orders/Dockerfile': 'FROM python:3.12\n' }, expect: [] },
];

describe(RULE, () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsOfWorkspace(RULE, c.files);
      assert.deepEqual(found.map((f) => /(?:variable |property ')([\w.]+)/.exec(f.message)?.[1]), c.expect, found.map((f) => f.message).join('\n'));
    });
  }

  it('names the read, the deployment that misses it, and points at the service definition', async () => {
    const [f] = await findingsOfWorkspace(RULE, { '/w/compose.yaml': compose(), '/w/orders/app.py': PY });
    assert.match(f.message, /os\.environ\["API_KEY"\] reads environment variable API_KEY with no default, and compose service 'orders' \(compose\.yaml\) does not set it: the read raises KeyError/);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range.start, { line: 3, character: 10 });
    assert.equal(f.related?.[0].path, '/w/compose.yaml');
    assert.equal(f.related?.[0].range.start.line, 1);
  });
});
