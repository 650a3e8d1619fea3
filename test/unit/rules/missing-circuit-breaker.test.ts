import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { classify } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/findings';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { lines } from './helpers';

const RULE = 'missing-circuit-breaker';

const COMPOSE = lines(
  'services:',
  '  web:',
  '    build: ./web',
  '    environment:',
  '      ORDERS_SERVICE_URL: http://orders:8080',
  '  orders:',
  '    build: ./orders',
  '  db:',
  '    image: postgres:16',
  '  search:',
  '    image: elasticsearch:8.13.0',
);

/** The rule's findings over every code file of the workspace, analyzed in path order as the CLI does. */
async function findings(files: Record<string, string>, manifests: Record<string, string> = {}): Promise<Finding[]> {
  const all = { '/w/compose.yaml': COMPOSE, ...manifests, ...files };
  const workspace = new WorkspaceIndex({ root: '/w', fs: memoryFs(all) });
  workspace.model.fileChanged('/w/compose.yaml');
  for (const [path, text] of Object.entries(manifests)) workspace.model.setSource('kubernetes', path, text);
  const config = new EffectiveConfig(DEFAULT_SETTINGS);
  const out: Finding[] = [];
  for (const path of Object.keys(files).sort()) {
    const kind = classify(path, files[path]);
    if (!kind) continue;
    const result = await analyzeSource({ source: makeSource(path, files[path], kind), config, workspace });
    out.push(...result.findings.filter((f) => f.ruleId === RULE));
  }
  return out;
}

interface Case {
  name: string;
  files: Record<string, string>;
  /** Expected: the file, the text the finding starts with, and how many calls it lists; none when absent. */
  expect?: { path: string; line: string; calls: number; message?: string };
  /** Kubernetes manifests beside the compose file. */
  manifests?: Record<string, string>;
}

const JS_SERVER = 'const app = require("express")(); app.listen(3000);';

const cases: Case[] = [
  { name: 'reports a TypeScript service calling http://orders:8080 with no breaker, once, at its first call', files: { '/w/web/package.json': '{}', '/w/web/src/index.ts': lines(JS_SERVER, 'export async function list() {', '  const r = await fetch("http://orders:8080/orders", { signal: AbortSignal.timeout(3000) });', '  await fetch("http://orders:8080/orders/1", { signal: AbortSignal.timeout(3000) });', '  return r.json();', '}') }, expect: { path: '/w/web/src/index.ts', line: 'fetch("http://orders:8080/orders"', calls: 2, message: 'opossum or cockatiel' } },
  { name: 'reports one finding for calls spread over two files of the same service, listing both', files: { '/w/web/src/a.ts': lines(JS_SERVER, 'import axios from "axios";', 'export const a = () => axios.get(`${process.env.ORDERS_SERVICE_URL}/orders`, { timeout: 1000 });'), '/w/web/src/b.ts': lines('import axios from "axios";', 'const base = "http://orders:8080";', 'export const b = () => axios.post(`${base}/orders`, {}, { timeout: 1000 });') }, expect: { path: '/w/web/src/a.ts', line: 'axios.get(', calls: 2 } },
  { name: 'reports a Python service reading the URL from the environment, naming pybreaker', files: { '/w/web/app.py': lines('import os, requests', 'from flask import Flask', 'app = Flask(__name__)', 'ORDERS = os.environ.get("ORDERS_SERVICE_URL", "http://orders:8080")', 'def list_orders():', '    return requests.get(f"{ORDERS}/orders", timeout=3).json()') }, expect: { path: '/w/web/app.py', line: 'requests.get(f"{ORDERS}/orders"', calls: 1, message: 'pybreaker' } },
  { name: 'reports a Go service calling another over net/http, naming gobreaker', files: { '/w/web/main.go': lines('package main', 'import (', '\t"net/http"', '\t"os"', ')', 'func orders() (*http.Response, error) {', '\treturn client.Get(os.Getenv("ORDERS_HOST") + "/orders")', '}', 'func main() { http.ListenAndServe(":8080", nil) }') }, expect: { path: '/w/web/main.go', line: 'client.Get(os.Getenv("ORDERS_HOST")', calls: 1, message: 'gobreaker' } },
  { name: 'reports a Java service using RestTemplate against a service URL, naming Resilience4j', files: { '/w/web/src/main/java/Web.java': lines('@SpringBootApplication', 'class Web {', '  String orders() { return rest.getForObject("http://orders:8080/orders", String.class); }', '}') }, expect: { path: '/w/web/src/main/java/Web.java', line: 'getForObject("http://orders:8080/orders"', calls: 1, message: 'Resilience4j' } },
  { name: 'reports a JavaScript service using the request package with a host from a *_HOST variable (robot-shop cart)', files: { '/w/web/server.js': lines('const request = require("request");', 'const app = require("express")();', 'var catalogueHost = process.env.CATALOGUE_HOST || "catalogue";', 'app.get("/add/:sku", (req, res) => {', '  request("http://" + catalogueHost + ":8080/product/" + req.params.sku, (err, r, body) => res.send(body));', '});', 'app.listen(8080);') }, expect: { path: '/w/web/server.js', line: 'request("http://" + catalogueHost', calls: 1, message: 'CATALOGUE_HOST' } },
  { name: 'reports a Go request built with http.NewRequest to a compose host, at the Do that sends it', files: { '/w/web/main.go': lines('package main', 'import "net/http"', 'func charge() {', '	req, _ := http.NewRequest("POST", "http://orders:8080/charges", nil)', '	client.Do(req)', '}', 'func main() { http.ListenAndServe(":8080", nil) }') }, expect: { path: '/w/web/main.go', line: 'client.Do(req)', calls: 1 } },
  { name: 'lists at most 20 calls and says how many more there are', files: { '/w/web/src/many.ts': lines(JS_SERVER, ...Array.from({ length: 25 }, (_, i) => `export const c${i} = () => fetch("http://orders:8080/o/${i}");`)) }, expect: { path: '/w/web/src/many.ts', line: 'fetch("http://orders:8080/o/0")', calls: 21, message: '25 calls' } },
  { name: 'does not report a service that imports opossum in any of its files', files: { '/w/web/src/a.ts': lines(JS_SERVER, 'export const a = () => fetch("http://orders:8080/orders");'), '/w/web/src/breaker.ts': lines('import CircuitBreaker from "opossum";', 'export const wrap = (f: () => Promise<unknown>) => new CircuitBreaker(f, { errorThresholdPercentage: 50 });') } },
  { name: 'does not report a Python service that uses pybreaker', files: { '/w/web/app.py': lines('import requests, pybreaker', 'breaker = pybreaker.CircuitBreaker(fail_max=5)', '@breaker', 'def orders():', '    return requests.get("http://orders:8080/orders", timeout=3)') } },
  { name: 'does not report a Java service with a Resilience4j @CircuitBreaker', files: { '/w/web/Web.java': lines('import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;', 'class Web {', '  @CircuitBreaker(name = "orders")', '  String orders() { return rest.getForObject("http://orders:8080/orders", String.class); }', '}') } },
  // Breakers judged per call (issue 16)
  { name: 'reports the call of a pybreaker service that runs outside its breaker', files: { '/w/web/app.py': lines('import requests, pybreaker', 'from flask import Flask', 'app = Flask(__name__)', 'breaker = pybreaker.CircuitBreaker(fail_max=5)', '@breaker', 'def orders():', '    return requests.get("http://orders:8080/orders", timeout=3)', '', 'def order(i):', '    return requests.get(f"http://orders:8080/orders/{i}", timeout=3)') }, expect: { path: '/w/web/app.py', line: 'requests.get(f"http://orders:8080/orders/{i}"', calls: 1, message: 'uses pybreaker, but a call' } },
  { name: 'reports a Go call outside gobreaker\'s Execute and not the one inside', files: { '/w/web/main.go': lines('package main', 'import (', '\t"net/http"', '\t"github.com/sony/gobreaker"', ')', 'var cb = gobreaker.NewCircuitBreaker(gobreaker.Settings{Name: "orders"})', 'func orders() {', '\tcb.Execute(func() (interface{}, error) { return client.Get("http://orders:8080/orders") })', '}', 'func order() {', '\tclient.Get("http://orders:8080/orders/1")', '}', 'func main() { http.ListenAndServe(":8080", nil) }') }, expect: { path: '/w/web/main.go', line: 'client.Get("http://orders:8080/orders/1")', calls: 1, message: 'uses sony/gobreaker' } },
  { name: 'counts a call in the function an opossum breaker is made from as protected', files: { '/w/web/src/a.ts': lines(JS_SERVER, 'import CircuitBreaker from "opossum";', 'async function getOrders() { return fetch("http://orders:8080/orders"); }', 'export const breaker = new CircuitBreaker(getOrders, { errorThresholdPercentage: 50 });') } },
  { name: 'reports a Java call outside a Resilience4j decorator in a service that has one', files: { '/w/web/Web.java': lines('import io.github.resilience4j.circuitbreaker.CircuitBreaker;', 'class Web {', '  String orders() { return CircuitBreaker.decorateSupplier(cb, () -> rest.getForObject("http://orders:8080/orders", String.class)).get(); }', '  String order() { return rest.getForObject("http://orders:8080/orders/1", String.class); }', '}') }, expect: { path: '/w/web/Web.java', line: 'getForObject("http://orders:8080/orders/1"', calls: 1, message: 'but a call' } },
  { name: 'does not report calls to a host whose Istio DestinationRule ejects failing endpoints', manifests: { '/w/k8s/orders-dr.yaml': lines('apiVersion: networking.istio.io/v1', 'kind: DestinationRule', 'metadata:', '  name: orders', 'spec:', '  host: orders.shop.svc.cluster.local', '  trafficPolicy:', '    outlierDetection:', '      consecutive5xxErrors: 5', '      interval: 10s') }, files: { '/w/web/src/a.ts': lines(JS_SERVER, 'export const a = () => fetch("http://orders:8080/orders");') } },
  { name: 'reports calls to a host whose DestinationRule has no outlier detection', manifests: { '/w/k8s/orders-dr.yaml': lines('apiVersion: networking.istio.io/v1', 'kind: DestinationRule', 'metadata:', '  name: orders', 'spec:', '  host: orders', '  trafficPolicy:', '    loadBalancer:', '      simple: ROUND_ROBIN') }, files: { '/w/web/src/a.ts': lines(JS_SERVER, 'export const a = () => fetch("http://orders:8080/orders");') }, expect: { path: '/w/web/src/a.ts', line: 'fetch("http://orders:8080/orders")', calls: 1 } },
  { name: 'does not report calls to public APIs only', files: { '/w/web/src/a.ts': lines(JS_SERVER, 'export const a = () => fetch("https://api.stripe.com/v1/charges");', 'export const b = () => fetch("https://api.github.com/repos");') } },
  { name: 'does not report calls to datastores only (elasticsearch over HTTP, DB_HOST)', files: { '/w/web/src/a.ts': lines(JS_SERVER, 'export const a = () => fetch("http://search:9200/_search");', 'export const b = () => fetch(`http://${process.env.DB_HOST}:5432`);') } },
  { name: "counts the SSR loader's call of a page file, not a call handed to a React hook of its component", expect: { path: '/w/web/pages/orders.js', line: 'fetch("http://orders:8080/orders/1"', calls: 1 }, files: { '/w/web/pages/orders.js': lines('import { useEffect } from "react";', 'export default function Orders() {', '  useEffect(() => { fetch("http://orders:8080/orders"); }, []);', '  return null;', '}', 'export async function getServerSideProps() {', '  const r = await fetch("http://orders:8080/orders/1", { signal: AbortSignal.timeout(3000) });', '  return { props: { orders: await r.json() } };', '}') } },
  { name: 'does not count calls made from browser code or load tests of the service folder (code/scope.ts)', expect: { path: '/w/web/src/index.ts', line: 'fetch("http://orders:8080/orders/1"', calls: 1 }, files: { '/w/web/src/index.ts': lines(JS_SERVER, 'export const one = () => fetch("http://orders:8080/orders/1", { signal: AbortSignal.timeout(3000) });'), '/w/web/src/Orders.tsx': lines('export function Orders() {', '  fetch("http://orders:8080/orders");', '  return <ul></ul>;', '}'), '/w/web/src/client.ts': lines('"use client";', 'export const load = () => fetch("http://orders:8080/orders");'), '/w/web/loadtest/orders.js': lines('import http from "k6/http";', 'export default () => http.get("http://orders:8080/orders");') } },
  { name: 'does not report calls made from test files', files: { '/w/web/src/a.test.ts': lines('it("lists", () => fetch("http://orders:8080/orders"));'), '/w/web/test/e2e.ts': lines('fetch("http://orders:8080/orders");') } },
  { name: 'reports at the first call outside the tests when an e2e folder sorts first', files: { '/w/web/e2e/flow.ts': lines('fetch("http://orders:8080/orders");'), '/w/web/src/a.ts': lines(JS_SERVER, 'export const a = () => fetch("http://orders:8080/orders");') }, expect: { path: '/w/web/src/a.ts', line: 'fetch("http://orders:8080/orders")', calls: 1 } },
  { name: "does not take lookups in a request's dictionaries (request.META.get, request.data.get) for calls", files: { '/w/web/app.py': lines('import os', 'def ip(request):', '    return request.META.get("HTTP_X_FORWARDED_FOR") or request.META.get("REMOTE_ADDR")', 'def name(request):', '    return request.data.get("ORDERS_SERVICE_NAME")') } },
  { name: 'takes a configured name this file sets to a public URL for that URL (no service), and a keyword argument for no assignment', files: { '/w/web/app.py': lines('import os, requests', 'from flask import Flask', 'app = Flask(__name__)', 'ELEVEN_API_URL = "https://api.elevenlabs.io/v1/text-to-speech"', 'base = os.getenv("ORDERS_BASE_URL")', 'def speak(voice):', '    return requests.post(f"{ELEVEN_API_URL}/{voice}", timeout=5)', 'def create(name):', '    Model.create(', '        name=base,', '        size=sizes.get(name),', '    )') } },
  { name: 'still reports a configured name the file reads from the environment', files: { '/w/web/app.py': lines('import os, requests', 'from flask import Flask', 'app = Flask(__name__)', 'ORDERS_API_URL = os.getenv("ORDERS_API_URL")', 'def orders():', '    return requests.get(f"{ORDERS_API_URL}/orders", timeout=5)') }, expect: { path: '/w/web/app.py', line: 'requests.get(', calls: 1 } },
  { name: 'does not report reading a service URL from the environment without calling it', files: { '/w/web/app.py': lines('import os', 'ORDERS = os.environ.get("ORDERS_SERVICE_URL")', 'print(ORDERS)') } },
  { name: 'does not report an express route whose handler calls nothing', files: { '/w/web/src/a.ts': lines(JS_SERVER, 'app.get("/orders", (req, res) => res.json([]));') } },
];

describe('missing-circuit-breaker', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const got = await findings(c.files, c.manifests);
      if (!c.expect) return assert.deepEqual(got.map((f) => `${f.path}:${f.range.start.line}: ${f.message}`), []);
      assert.equal(got.length, 1, got.map((f) => f.message).join('\n'));
      const f = got[0];
      assert.equal(f.path, c.expect.path);
      assert.equal(f.severity, 'information');
      const lineText = c.files[f.path].split('\n')[f.range.start.line];
      assert.ok(lineText.slice(f.range.start.character).startsWith(c.expect.line), `finding at "${lineText.slice(f.range.start.character)}"`);
      assert.equal(f.related?.length, c.expect.calls);
      assert.match(f.message, /circuit breaker/);
      if (c.expect.message) assert.ok(f.message.includes(c.expect.message), f.message);
    });
  }
});
