import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, findingsOfWorkspace } from './deploymentHelpers';
import { lines } from './helpers';

const RULE = 'unknown-service-host';

const COMPOSE = lines(
  'services:',
  '  web:',
  '    build: ./web',
  '    ports: ["8000:80"]',
  '  orders:',
  '    build: ./orders',
  '    container_name: orders-svc',
  '    ports: ["9090:8080"]',
  '    networks:',
  '      default:',
  '        aliases: [ordering]',
  '  db:',
  '    image: postgres:16',
);
const withWeb = (env: string[]) => COMPOSE.replace('    ports: ["8000:80"]', ['    ports: ["8000:80"]', '    environment:', ...env.map((e) => `      ${e}`)].join('\n'));
const PY = (line: string) => lines('import os, requests', 'from flask import Flask', 'app = Flask(__name__)', line);

interface Case {
  name: string;
  files: Record<string, string>;
  /** The hosts reported (`host` or `host:port`), in order. */
  expect: string[];
}

const cases: Case[] = [
  { name: 'reports a URL literal in Python code whose host is no compose service', files: { '/w/compose.yaml': COMPOSE, '/w/web/app.py': PY('r = requests.get("http://inventory:8080/items", timeout=3)') }, expect: ['inventory'] },
  { name: 'does not report a URL literal whose host is a compose service, container_name or alias', files: { '/w/compose.yaml': COMPOSE, '/w/web/app.py': PY('A = "http://orders:8080/x"\nB = "http://orders-svc:8080/x"\nC = "http://ordering:8080/x"') }, expect: [] },
  { name: "does not report compose's default container name of a service (<project>-<service>-<n>, v1 underscores), and reports one of no service", files: { '/w/compose.yaml': COMPOSE, '/w/web/app.py': PY('A = "http://shop-prod-orders-1:8080/x"\nB = "http://shop_orders_2:8080/x"\nC = "http://shop-prod-billing-1:8080/x"') }, expect: ['shop-prod-billing-1'] },
  { name: 'does not report localhost, host.docker.internal, dotted public hosts or placeholders', files: { '/w/compose.yaml': COMPOSE, '/w/web/app.py': PY('A = "http://localhost:8080"\nB = "http://host.docker.internal:9000"\nC = "https://api.github.com"\nD = "http://%s:8080" % h\nE = "http://example/x"') }, expect: [] },
  { name: 'does not report a URL in sample data (an integration\'s example payload), and reports one after it', files: { '/w/compose.yaml': COMPOSE, '/w/web/app.py': PY('example_payload = {\n    "alerts": [],\n    "externalURL": "http://f1d1ef51d710:9093",\n}\nALERTS = "http://alertmanager:9093"') }, expect: ['alertmanager'] },
  { name: 'reports a default value of an environment read in TypeScript naming an unknown host', files: { '/w/compose.yaml': COMPOSE, '/w/web/package.json': '{}', '/w/web/src/index.ts': lines('import express from "express";', 'const payments = process.env.PAYMENTS_URL || "http://payments:8080";', 'express().listen(3000);') }, expect: ['payments'] },
  { name: 'reports a Go default host naming an unknown service', files: { '/w/compose.yaml': COMPOSE, '/w/web/main.go': lines('package main', 'import "os"', 'var catalog = getenv("CATALOG_URL", "http://catalog:3550")', 'func getenv(k, d string) string { if v := os.Getenv(k); v != "" { return v }; return d }') }, expect: ['catalog'] },
  { name: 'reports a Java Spring placeholder default naming an unknown host', files: { '/w/compose.yaml': COMPOSE, '/w/web/src/main/java/Web.java': lines('@RestController', 'class Web {', '  @Value("${shipping.url:http://shipping:8080}") String shipping;', '}') }, expect: ['shipping'] },
  { name: 'does not report the default of a setting that the deployment sets (pydantic field names match the variable in any case, with a prefix too)', files: { '/w/compose.yaml': withWeb(['ANALYTICS_URL: http://orders:8080', 'APP_SEARCH_URL: http://orders:8080']), '/w/web/config.py': lines('from pydantic_settings import BaseSettings', 'class Settings(BaseSettings):', '    analytics_url: str = "http://analytics-service:8107"', '    search_url: str = "http://search:8106"', '    feed_url: str = "http://feed:8101"') }, expect: ['feed'] },
  { name: 'reports an unknown host once per file however often it is written', files: { '/w/compose.yaml': COMPOSE, '/w/web/app.py': PY('A = "http://inventory:8080/a"\nB = "http://inventory:8080/b"') }, expect: ['inventory'] },
  { name: "does not report an address the code compares a caller's origin with (an allow-list check), and reports one it calls", files: { '/w/compose.yaml': COMPOSE, '/w/web/main.go': lines('package main', 'func allowed(origin string) bool {', '\treturn origin == "http://casdoor-authenticator" || "http://sso-desk" != origin', '}', 'var billing = "http://billing:8080"') }, expect: ['billing'] },
  { name: 'does not report a host in a commented line', files: { '/w/compose.yaml': COMPOSE, '/w/web/app.py': PY('# e.g. "http://inventory:8080/a"') }, expect: [] },
  { name: 'does not report a host in a Python docstring (a usage example), and reports the same host in code', files: { '/w/compose.yaml': COMPOSE, '/w/web/client.py': lines('class Client:', '    """Usage:', '        Client(base_url="http://inventory:8080")', '    """', '    def __init__(self):', '        self.base = "http://billing:8080"') }, expect: ['billing'] },
  { name: 'does not report a host in a test file', files: { '/w/compose.yaml': COMPOSE, '/w/web/test_app.py': PY('r = requests.get("http://inventory:8080/items")') }, expect: [] },
  { name: 'reports a compose environment value naming an unknown host', files: { '/w/compose.yaml': withWeb(['ORDERS_URL: http://order:8080', 'CART_HOST: cart']) }, expect: ['order', 'cart'] },
  { name: 'does not report compose environment values naming known hosts, bind addresses or flags', files: { '/w/compose.yaml': withWeb(['ORDERS_URL: http://orders:8080', 'DB_HOST: db', 'HOSTNAME: web', 'BIND_HOST: all', 'FEATURE_SERVICE: enabled']) }, expect: [] },
  { name: 'reads each URL of a comma-separated list, never a scheme as a host', files: { '/w/compose.yaml': withWeb(['UPSTREAMS: "http://orders:8080,http://billing:8080"']) }, expect: ['billing'] },
  { name: "does not report where a build fetches packages (GOPROXY's direct keyword, a pip index), and reports a service URL beside them", files: { '/w/compose.yaml': withWeb(['GOPROXY: https://goproxy.cn,direct', 'PIP_INDEX_URL: http://pypi-mirror/simple', 'ORDERS_URL: http://order:8080']) }, expect: ['order'] },
  { name: 'does not report the browser origins a service allows (CORS, allowed hosts)', files: { '/w/compose.yaml': withWeb(['CORS_ORIGINS: "https://shop.example.com,http://frontend:3000"', 'ALLOWED_HOSTS: "web,admin"']) }, expect: [] },
  { name: "reports a compose host called on its published host port instead of the container's port", files: { '/w/compose.yaml': withWeb(['ORDERS_URL: http://orders:9090']) }, expect: ['orders:9090'] },
  { name: "does not report a compose host called on its container port", files: { '/w/compose.yaml': withWeb(['ORDERS_URL: http://orders:8080']) }, expect: [] },
  { name: 'does not report a host that the service resolves through extra_hosts or a link alias', files: { '/w/compose.yaml': withWeb(['LEGACY_URL: http://mainframe:8080', 'DATABASE_URL: postgres://database/shop']).replace('  orders:', '    extra_hosts: ["mainframe:10.0.0.5"]\n    links: ["db:database"]\n  orders:') }, expect: [] },
  { name: 'reads hosts only from network schemes (http, grpc, datastores, brokers), not from an application URI scheme or a bucket', files: { '/w/compose.yaml': COMPOSE, '/w/web/app.py': PY('A = "myapp://workspaces/{id}/catalog"\nB = "mcp://tools/list"\nC = "s3://exports/2024"\nD = "grpc://inventory:50051"\nE = "amqp://broker:5672"') }, expect: ['inventory', 'broker'] },
  { name: 'does not report the host of an HTTP URL that a file sends over a Unix-domain socket (httpx uds=, aiohttp UnixConnector, Go dial to "unix", Node socketPath)', files: {
    '/w/compose.yaml': COMPOSE,
    '/w/web/gateway.py': PY('client = httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(uds=socket_path))\nr = await client.get(f"http://action-gateway/internal{path}")'),
    '/w/web/sidecar.py': PY('conn = aiohttp.UnixConnector(path="/run/agent.sock")\nURL = "http://agent/v1/status"'),
    '/w/web/docker.go': lines('package main', 'import ("context"; "net"; "net/http")', 'var c = &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) { return (&net.Dialer{}).DialContext(ctx, "unix", "/var/run/docker.sock") }}}', 'const containers = "http://docker/containers/json"'),
    '/w/web/package.json': '{}',
    '/w/web/src/agent.ts': lines('import http from "node:http";', 'http.request({ socketPath: "/run/agent.sock", path: "/v1" });', 'const base = "http://agent-api/v1";', 'export default base;'),
    // The same URL in a file that dials over TCP is judged.
    '/w/web/remote.py': PY('client = httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(retries=3))\nr = await client.get("http://action-gateway/internal")'),
  }, expect: ['action-gateway'] },
  { name: 'does not report a Go unix-socket URL', files: { '/w/compose.yaml': COMPOSE, '/w/web/main.go': lines('package main', 'const containers = "http://unix/containers/json"') }, expect: [] },
  { name: 'does not report a host that a workload resolves through hostAliases', files: { '/w/k8s/web.yaml': deployment('web', 'web', ['- name: LEGACY_HOST', '  value: "mainframe"']).replace('      containers:', '      hostAliases: [{ip: 10.0.0.5, hostnames: [mainframe]}]\n      containers:') }, expect: [] },
  { name: 'reports a Kubernetes env value naming an unknown Service', files: { '/w/k8s/web.yaml': deployment('web', 'web', ['- name: ORDERS_ADDR', '  value: "order:8080"']), '/w/k8s/orders.yaml': deployment('orders', 'orders', []) }, expect: ['order'] },
  { name: 'does not report Kubernetes Service names in every DNS form', files: { '/w/k8s/web.yaml': deployment('web', 'web', ['- name: A_ADDR', '  value: "orders:8080"', '- name: B_URL', '  value: http://orders.default.svc.cluster.local:8080', '- name: C_URL', '  value: http://orders.default:8080']), '/w/k8s/orders.yaml': deployment('orders', 'orders', []) }, expect: [] },
  { name: 'reports a Kubernetes Service called on a port it does not forward', files: { '/w/k8s/web.yaml': deployment('web', 'web', ['- name: ORDERS_ADDR', '  value: "orders:9555"']), '/w/k8s/orders.yaml': deployment('orders', 'orders', []) }, expect: ['orders:9555'] },
  { name: 'does not report a selector-less or ExternalName Service, which callers may use', files: { '/w/k8s/web.yaml': deployment('web', 'web', ['- name: MAIL_HOST', '  value: "mailer"']), '/w/k8s/mailer.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: mailer}', 'spec: {type: ExternalName, externalName: smtp.example.org}') }, expect: [] },
  { name: 'does not report a cluster name in a namespace the workspace does not deploy to', files: { '/w/k8s/web.yaml': deployment('web', 'web', ['- name: OTEL_URL', '  value: http://collector.observability.svc.cluster.local:4317']) }, expect: [] },
  { name: 'reports nothing when the workspace has no deployment', files: { '/w/web/app.py': PY('r = requests.get("http://inventory:8080/items")') }, expect: [] },
];

const hostOf = (message: string) => /^(?:Host )?'([\w.:-]+)'/.exec(message)?.[1];

describe(RULE, () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsOfWorkspace(RULE, c.files);
      assert.deepEqual(found.map((f) => hostOf(f.message)), c.expect, found.map((f) => f.message).join('\n'));
    });
  }

  it('says where the unknown host is named and what is wrong with it', async () => {
    const [f] = await findingsOfWorkspace(RULE, { '/w/compose.yaml': withWeb(['ORDERS_URL: http://order:8080']) });
    assert.match(f.message, /^Host 'order' \(ORDERS_URL\) is no service of this workspace's deployments/);
    assert.equal(f.path, '/w/compose.yaml');
    assert.equal(f.range.start.line, 5);
    assert.equal(f.severity, 'warning');
  });

  it('says that a host may be served by another stack when the file joins an external network (information)', async () => {
    const text = withWeb(['ORDERS_URL: http://order:8080']) + 'networks:\n  shared:\n    external: true\n';
    const [f] = await findingsOfWorkspace(RULE, { '/w/compose.yaml': text });
    assert.equal(f.severity, 'information');
    assert.match(f.message, /^Host 'order' \(ORDERS_URL\) is no service of this workspace's deployments, and this file joins the external network 'shared'/);
    const internal = withWeb(['ORDERS_URL: http://order:8080']) + 'networks:\n  shared:\n    driver: bridge\n';
    assert.equal((await findingsOfWorkspace(RULE, { '/w/compose.yaml': internal }))[0].severity, 'warning');
  });
});

describe(`${RULE}: a datastore or broker no manifest deploys`, () => {
  it('says that a cluster name of a broker may be installed from a vendor chart (information), and keeps an unknown application a warning', async () => {
    const files = { '/w/k8s/web.yaml': deployment('web', 'web', ['- name: AMQP_URL', '  value: amqp://rabbitmq.default.svc.cluster.local:5672', '- name: ORDERS_URL', '  value: http://orders.default.svc.cluster.local:8080']), '/w/k8s/db.yaml': deployment('db', 'db', []) };
    const found = await findingsOfWorkspace(RULE, files);
    assert.deepEqual(found.map((f) => [f.severity, /^Host '([\w.-]+)'/.exec(f.message)?.[1]]), [['information', 'rabbitmq.default.svc.cluster.local'], ['warning', 'orders.default.svc.cluster.local']]);
    assert.match(found[0].message, /a rabbitmq installed from a vendor chart or an operator\?/);
  });
  it("says that a tracing back end (JAEGER_AGENT_HOST, an OTEL exporter's collector) may come from its vendor's chart, as information that no request fails", async () => {
    const files = { '/w/k8s/web.yaml': deployment('web', 'web', ['- name: JAEGER_AGENT_HOST', '  value: jaeger.default.svc.cluster.local', '- name: TRACES_HOST', '  value: grafana-agent-traces.default.svc.cluster.local', '- name: ORDERS_URL', '  value: http://orders.default.svc.cluster.local:8080']), '/w/k8s/db.yaml': deployment('db', 'db', []) };
    const found = await findingsOfWorkspace(RULE, files);
    assert.deepEqual(found.map((f) => [f.severity, /^Host '([\w.-]+)'/.exec(f.message)?.[1]]), [['information', 'jaeger.default.svc.cluster.local'], ['information', 'grafana-agent-traces.default.svc.cluster.local'], ['warning', 'orders.default.svc.cluster.local']]);
    assert.match(found[0].message, /telemetry back end installed from its vendor's chart or an agent DaemonSet\?.*requests are not affected/);
  });
});
