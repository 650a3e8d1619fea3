import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { codeScope, leadingDirective } from '../../../server/src/core/code/scope';
import { packageJsonOnDisk } from '../../../server/src/core/code/packageJson';
import type { PackageJsonOf } from '../../../server/src/core/code/packageJson';

const pkg = (...dependencies: string[]): PackageJsonOf => () => ({ dependencies });
const outOfScope = (path: string, text = '', packageJsonOf?: PackageJsonOf) => {
  const s = codeScope(path, text, packageJsonOf, '/w');
  return s === 'backend' ? undefined : s.outOfScope;
};

describe('code scope: what runs in a browser or on a phone is out', () => {
  it('puts UI components out: .jsx/.tsx that render markup, .vue, .svelte', () => {
    assert.match(outOfScope('/w/web/src/Cart.tsx', 'export const Cart = () => <div>{n}</div>;')!, /UI component/);
    assert.match(outOfScope('/w/web/src/Icon.jsx', 'export default () => <img src="a.png" />;')!, /UI component/);
    assert.match(outOfScope('/w/web/src/App.vue')!, /UI component/);
    assert.match(outOfScope('/w/web/src/App.svelte')!, /UI component/);
    assert.equal(outOfScope('/w/api/src/util.tsx', 'export const add = (a: number, b: number) => a < b ? a : b;'), undefined);
  });
  it("puts 'use client' modules and service workers out", () => {
    assert.match(outOfScope('/w/web/lib/api.ts', '// data access\n"use client";\nexport const f = () => fetch("/x");')!, /use client/);
    assert.match(outOfScope('/w/web/service-worker.js')!, /service worker/);
    assert.match(outOfScope('/w/web/cache.js', "self.addEventListener('fetch', (e) => e.respondWith(fetch(e.request)));")!, /service worker/);
  });
  it("puts a browser extension's code out, by its calls of the extension APIs", () => {
    assert.match(outOfScope('/w/apps/extension/src/background.ts', 'const all = await chrome.cookies.getAll({ url });\nawait fetch(u);')!, /browser extension/);
    assert.match(outOfScope('/w/ext/bg.js', 'browser.runtime.sendMessage({ a: 1 }); fetch(u);')!, /browser extension/);
    assert.equal(outOfScope('/w/api/src/chrome.ts', 'const chrome = await launch(); await chrome.close(); await fetch(u);'), undefined);
  });
  it('puts static/, public/ and assets/ out, below the workspace root only', () => {
    assert.match(outOfScope('/w/shop/static/js/cart.js')!, /static/);
    assert.match(outOfScope('/w/public/app.js')!, /static/);
    assert.equal(codeScope('/w/shop/server.js', '', undefined, '/w'), 'backend');
    assert.equal(codeScope('/home/assets/w/shop/server.js', '', undefined, '/home/assets/w'), 'backend');
  });
  it('puts the source of a front-end app out, by its package.json', () => {
    assert.match(outOfScope('/w/web/src/api.ts', '', pkg('react', 'react-dom', 'vite'))!, /front-end app .*react-dom/);
    assert.match(outOfScope('/w/web/src/api.ts', '', pkg('@angular/core'))!, /front-end app/);
    assert.match(outOfScope('/w/mobile/src/api.ts', '', pkg('react', 'react-native'))!, /React Native/);
    assert.match(outOfScope('/w/mobile/src/api.ts', '', pkg('expo'))!, /Expo/);
    assert.equal(outOfScope('/w/ssr/src/server.ts', '', pkg('react-dom', 'express')), undefined, 'a server that renders React is a backend');
    assert.equal(outOfScope('/w/api/src/orders.ts', '', pkg('fastify')), undefined);
  });
  it('puts client folders of a full-stack app out, and keeps its other code in', () => {
    assert.match(outOfScope('/w/shop/components/cart.ts', '', pkg('next', 'react'))!, /client code of a next app/);
    assert.equal(outOfScope('/w/shop/lib/orders.ts', '', pkg('next', 'react')), undefined);
  });
  it("puts out a module of a UI app that uses React hooks or the browser's globals, wherever it sits, and keeps one that does not", () => {
    assert.match(outOfScope('/w/shop/lib/personalization.ts', 'export function flush() { const id = localStorage.getItem("sid"); return fetch("/api/e", { keepalive: true }); }', pkg('next', 'react'))!, /React hooks or the browser's globals in a react app/);
    assert.match(outOfScope('/w/shop/lib/authSession.ts', 'export function useSession() { const [s, set] = useState(null); useEffect(() => { fetch("/me"); }, []); }', pkg('next', 'react'))!, /runs in the browser/);
    assert.equal(outOfScope('/w/shop/lib/orders.ts', 'export const orders = () => fetch(process.env.ORDERS_URL!);', pkg('next', 'react')), undefined);
    // DOM APIs: creating elements, object URLs, file readers, an editor's DOM event handlers.
    for (const text of ['export async function dims(url) { const r = await fetch(url); const v = document.createElement("video"); window.URL.revokeObjectURL(v.src); }', 'export const read = (f) => { const r = new FileReader(); return fetch(u); }', 'export const plugin = { props: { handleDOMEvents: { drop() { void fetch(src); } } } };']) {
      assert.match(outOfScope('/w/shared/editor/lib/FileHelper.ts', text, pkg('koa', 'react'))!, /runs in the browser/, text);
    }
    // A server with no UI framework that names a `document` variable stays a backend.
    assert.equal(outOfScope('/w/api/src/store.ts', 'const document = await db.find(); document.body = x;', pkg('express')), undefined);
  });
  it("puts out a module of a UI app that calls a data library's hooks (React Query, SWR, Apollo), and keeps server code that calls use... methods", () => {
    const app = pkg('next', 'react');
    const hooks = [
      'export function useChart(key) {\n  const q = useQuery<ChartData, Error, T>({\n    queryKey: key,\n    queryFn: async () => (await axios.get(url)).data,\n  });\n  return q;\n}',
      'export const useDeleteOrder = () => useMutation({ mutationFn: (id) => axios.delete(`/api/orders/${id}`) });',
      'export function useOrders() { return useSWR("/api/orders", (u) => axios.get(u)); }',
      'export function useOrderLazy() { return useLazyQuery(ORDERS); }',
      // Any hook of a module that imports from one of these libraries: a custom hook of the app, here.
      'import { keepPreviousData } from "@tanstack/react-query";\nexport function fetchOrders() { const headers = useAuthHeaders(); return axios.get(url, { headers }); }',
    ];
    for (const text of hooks) assert.match(outOfScope('/w/shop/src/lib/useOrders.ts', text, app)!, /React hooks .* runs in the browser/, text);
    // Server code: methods named use... (NestJS), routing-controllers' functions, a function that only defines `useQuery`.
    const server = [
      'const app = await NestFactory.create(AppModule);\napp.useGlobalPipes(new ValidationPipe());\nawait axios.get(url);',
      'import { useContainer, useExpressServer } from "routing-controllers";\nuseContainer(Container);\nuseExpressServer(app, { controllers: [OrderController] });\nawait axios.get(url);',
      'export async function useQuery(sql) { return pool.query(sql); }',
      'import { ApolloClient } from "@apollo/client";\nexport const orders = () => client.query({ query: ORDERS }).then(() => axios.get(url));',
    ];
    for (const text of server) assert.equal(outOfScope('/w/shop/src/lib/orders.ts', text, app), undefined, text);
  });
});

describe('code scope: server code inside a front-end framework stays in', () => {
  const next = pkg('next', 'react', 'react-dom');
  for (const [path, text] of [
    ['/w/shop/app/api/orders/route.ts', ''],
    ['/w/shop/pages/api/orders.ts', ''],
    ['/w/shop/components/actions.ts', "'use server';\nexport async function order() {}"],
    ['/w/shop/pages/orders.tsx', 'export async function getServerSideProps() { return { props: {} }; }\nexport default () => <div />;'],
    ['/w/shop/src/routes/orders/+page.server.ts', ''],
    ['/w/shop/src/routes/api/+server.ts', ''],
    ['/w/shop/app/routes/orders.tsx', 'export async function loader() { return fetch(u); }\nexport default () => <div />;'],
    ['/w/shop/server/api/orders.ts', ''],
  ]) {
    it(`keeps ${path.slice(8)}`, () => assert.equal(codeScope(path, text, next, '/w'), 'backend'));
  }
});

describe('code scope: load generators', () => {
  it('puts out the code of a load generator folder (loadgen/, load-generator/), as a load test', () => {
    for (const p of ['/w/loadgen/main.go', '/w/load-generator/src/index.ts', '/w/tools/shop-loadgen/run.py']) assert.match(outOfScope(p, 'export const hit = () => fetch(u);')!, /load test/, p);
    assert.equal(outOfScope('/w/loader/main.go', 'package main'), undefined);
  });
});

describe("code scope: a command-line tool's commands", () => {
  it('puts out a file of cobra, commander, click or Typer commands that starts no server: a person runs each command', () => {
    const cobra = ['package isready', 'import "github.com/spf13/cobra"', 'func New() *cobra.Command {', '  return &cobra.Command{Use: "isready", Run: func(c *cobra.Command, a []string) { http.Get(u) }}', '}'].join('\n');
    assert.match(outOfScope('/w/backend/cmd/isready/isready.go', cobra)!, /command-line tool/);
    const commander = ["export function register(program) {", "  program.command('init').description('set up').action(async () => { await fetch(u); });", '}'].join('\n');
    assert.match(outOfScope('/w/plugin/cli/commands.ts', commander)!, /command-line tool/);
    const click = ['import click', 'import requests', '@click.command()', 'def sync():', '    requests.get(u)'].join('\n');
    assert.match(outOfScope('/w/sdk/mem/cli.py', click)!, /command-line tool/);
  });
  it("puts out the helpers in a command-line tool's own folder (cli/, acme-cli/), and keeps a server started there or a client/ folder", () => {
    const update = ['package update', 'import "net/http"', 'func Check(ctx context.Context) error {', '  _, err := http.Get(u)', '  return err', '}'].join('\n');
    assert.match(outOfScope('/w/cli/update/updater.go', update)!, /command-line tool/);
    assert.match(outOfScope('/w/tools/acme-cli/src/api.ts', 'export const get = () => fetch(u);')!, /command-line tool/);
    assert.equal(outOfScope('/w/client/internal/updater.go', update), undefined);
    assert.equal(outOfScope('/w/cli/server/main.go', `${update}\nfunc main() { http.ListenAndServe(":80", nil) }`), undefined);
  });
  it('puts out a Go package of a tools/ or scripts/ folder (compiled into the tools there), and keeps other languages\' libraries there', () => {
    const convert = ['package internal', 'import "net/http"', 'func Convert() error {', '  _, err := http.Get(u)', '  return err', '}'].join('\n');
    assert.match(outOfScope('/w/tools/s3/internal/conversion.go', convert)!, /script that a person runs/);
    assert.equal(outOfScope('/w/internal/s3/conversion.go', convert), undefined);
    assert.equal(outOfScope('/w/tools/lib/client.ts', 'export const get = () => fetch(u);'), undefined);
  });
  it('keeps a command file that starts the server, and a chat bot whose commands answer messages', () => {
    const serve = ['package serve', 'import "github.com/spf13/cobra"', 'var cmd = &cobra.Command{Use: "serve", Run: func(c *cobra.Command, a []string) { http.ListenAndServe(":80", h) }}'].join('\n');
    assert.equal(outOfScope('/w/backend/cmd/serve/serve.go', serve), undefined);
    const bot = ['import discord', 'import requests', '@bot.command()', 'async def weather(ctx):', '    requests.get(u)'].join('\n');
    assert.equal(outOfScope('/w/bot/commands.py', bot), undefined);
  });
});

describe('code scope: backup copies', () => {
  it('puts out a file named as a backup copy (index.backup.ts, client.bak.py, Api.orig.java), and keeps Go files and modules about backups', () => {
    for (const p of ['/w/sdk/src/index.backup.ts', '/w/sdk/firecrawl/firecrawl.backup.py', '/w/api/src/Api.orig.java', '/w/api/client.old.js']) assert.match(outOfScope(p, 'export const get = () => fetch(u);')!, /backup copy/, p);
    for (const p of ['/w/api/client.backup.go', '/w/api/src/db-backup.ts', '/w/api/backup.py', '/w/api/src/backup.service.ts']) assert.equal(outOfScope(p, 'export const get = () => fetch(u);'), undefined, p);
  });
});

describe("code scope: a front-end app kept in the repository's server/ folder", () => {
  const dashboard: PackageJsonOf = () => ({ dir: '/w/server/dashboard', dependencies: ['next', 'react', 'react-dom'] });
  it("puts its 'use client' pages and browser helpers out: the server/ folder above its package says nothing", () => {
    assert.match(outOfScope('/w/server/dashboard/src/app/setup/page.tsx', '"use client";\nexport default function P() { return fetch("/api/x"); }', dashboard)!, /use client/);
    assert.match(outOfScope('/w/server/dashboard/src/utils/api.ts', 'export const go = () => { window.location.href = "/login"; return fetch(u); };', dashboard)!, /browser/);
  });
  it('keeps its own server/ folder and route handlers in', () => {
    assert.equal(outOfScope('/w/server/dashboard/src/server/db.ts', 'export const q = () => fetch(u);', dashboard), undefined);
    assert.equal(outOfScope('/w/server/dashboard/src/app/api/auth/route.ts', 'export async function POST() { return fetch(u); }', dashboard), undefined);
  });
});

describe('code scope: test support outside test folders', () => {
  it('puts a module that imports a test library (supertest, @jest/globals, vitest, Playwright Test) out, and keeps other clients in', () => {
    for (const lib of ['supertest', '@jest/globals', 'vitest', '@playwright/test']) {
      assert.match(outOfScope('/w/api/src/fixtures.ts', `import request from '${lib}';\nexport const login = () => request(app).post('/login');`)!, /test support/, lib);
    }
    assert.match(outOfScope('/w/api/src/helpers.js', "const request = require('supertest');")!, /test support/);
    assert.equal(outOfScope('/w/api/src/client.ts', "import request from 'superagent';\nexport const get = () => request.get(u);"), undefined);
    assert.equal(outOfScope('/w/api/build.config.ts', "import { defineConfig } from 'vitest/config';"), undefined);
    assert.match(outOfScope('/w/internal-packages/testcontainers/src/webapp.ts', 'import { GenericContainer } from "testcontainers";\nexport async function ready(url) { return fetch(url); }\n')!, /test support/);
    assert.match(outOfScope('/w/packages/harness/src/db.ts', 'import { PostgreSqlContainer } from "@testcontainers/postgresql";\nexport const ping = (u) => fetch(u);\n')!, /test support/);
  });
});

describe('code scope: the directive that opens a module', () => {
  it('is read after any licence comments and line comments', () => {
    assert.equal(leadingDirective('/* licence */\n// note\n/** more */\n"use client";\nexport {}'), 'use client');
    assert.equal(leadingDirective("  'use server'\nexport async function f() {}"), 'use server');
    assert.equal(leadingDirective('import x from "y";\n"use client";'), undefined);
    assert.equal(leadingDirective('/* never closed "use client"'), undefined);
    assert.equal(leadingDirective('// only a comment'), undefined);
  });
  it('is decided at once for a script that opens with many block comments and has none', () => {
    // A regular expression over these backtracked for minutes (a bundled vue.js took 55 s per test). The check runs in
    // a child process, so that a regression fails here instead of hanging the suite.
    const scope = join(__dirname, '../../../server/src/core/code/scope.ts');
    const script = `const { codeScope } = require(${JSON.stringify(scope)});
      process.stdout.write(JSON.stringify(codeScope('/w/api/src/util.js', '/* c */\\n'.repeat(80) + 'var x = 1;', undefined, '/w')));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.stdout, '"backend"', run.error?.message ?? run.stderr);
  });
});

describe('code scope: load tests, benchmarks and tests are out', () => {
  it('recognizes k6, Locust, Artillery, Gatling and JMeter by their imports', () => {
    for (const [path, text] of [
      ['/w/ops/orders.js', "import http from 'k6/http';"],
      ['/w/ops/locustfile.py', 'from locust import HttpUser, task'],
      ['/w/ops/processor.js', "const { run } = require('artillery');"],
      ['/w/ops/Sim.java', 'import io.gatling.javaapi.core.*;'],
      ['/w/ops/Plan.java', 'import org.apache.jmeter.control.LoopController;'],
    ]) assert.match(outOfScope(path, text)!, /load test/, path);
  });
  it('recognizes load-test and benchmark folders', () => {
    for (const dir of ['load-test', 'load-tests', 'loadtest', 'perf', 'benchmarks', 'tracer-benchmark', 'shop_benchmarks', 'api-load-tests']) assert.match(outOfScope(`/w/${dir}/client.go`)!, /load test/, dir);
    for (const dir of ['benchmarker', 'workbench', 'bench-ui']) assert.equal(outOfScope(`/w/${dir}/client.go`), undefined, dir);
    assert.equal(outOfScope('/w/performance/client.go'), undefined);
    for (const name of ['benchmark_gpt4o.py', 'bench-api.js', 'http_benchmark.go', 'benchmarks_llm.py']) assert.match(outOfScope(`/w/agent/${name}`)!, /load test/, name);
    for (const name of ['benchmarking.py', 'workbench.ts', 'bench.go']) assert.equal(outOfScope(`/w/agent/${name}`), undefined, name);
  });
  it('puts out a Go package of test helpers (it imports testing and an exported function, generic or not, takes *testing.T), not a package that only mentions testing', () => {
    const helper = 'package dbtest\nimport (\n\t"testing"\n)\nfunc New(t *testing.T, name string) *Database {\n\treturn open("postgres://postgres:postgres@db/x")\n}\n';
    assert.match(outOfScope('/w/business/sdk/dbtest/dbtest.go', helper)!, /test helpers/);
    // A generic helper (`func CallNode[Req any, Res any](t *testing.T, ...)`) too.
    const generic = 'package integration\nimport (\n\t"testing"\n)\nfunc CallNode[Req any, Res any](t *testing.T, addr string, req Req) (Res, error) {\n\treturn call(addr, req)\n}\n';
    assert.match(outOfScope('/w/svc/api/integration/http.go', generic)!, /test helpers/);
    assert.equal(outOfScope('/w/business/sdk/db/db.go', 'package db\n// see testing notes\nfunc Open(url string) *DB { return nil }\n'), undefined);
    const suite = 'package clitest\nimport (\n\t"github.com/stretchr/testify/suite"\n)\nconst testPassword = "temporal"\ntype SQLConnTestSuite struct { suite.Suite }\n';
    assert.match(outOfScope('/w/tools/sql/clitest/conn_tests.go', suite)!, /testify suite/);
    assert.equal(outOfScope('/w/pkg/assertx/assert.go', 'package assertx\nimport "github.com/stretchr/testify/assert"\nfunc Eq() {}\n'), undefined);
  });
  it('puts out a sample program in an examples/ or samples/ folder, and keeps a service whose own name only contains example', () => {
    assert.match(outOfScope('/w/examples/go/chunking-example/main.go', 'package main\nfunc main() { http.Get(u) }\n')!, /sample program in an examples\/, example\/, samples\/ or demo\/ folder/);
    assert.match(outOfScope('/w/sdk/samples/quickstart/app.py', 'import requests\nrequests.get(u)\n')!, /sample program/);
    assert.equal(outOfScope('/w/services/example-service/main.go', 'package main\nfunc main() { http.ListenAndServe(":8080", nil) }\n'), undefined);
    // A Java package named example or sample is no folder of samples.
    assert.equal(outOfScope('/w/src/ui/src/main/java/com/amazon/sample/ui/UiApplication.java', 'class UiApplication {}'), undefined);
    assert.equal(outOfScope('/w/api/src/main/java/com/example/demo/Client.java', 'class Client {}'), undefined);
    // Outside JVM code a folder named example holds sample programs too.
    assert.match(outOfScope('/w/server/utils/agents/example/websocket/chat.js', 'export const f = () => fetch(u);')!, /sample program/);
    // A build module of samples named so (`xxl-job-executor-samples/`), and not a module that only contains the word.
    assert.match(outOfScope('/w/xxl-job-executor-samples/sample-springboot/src/main/java/Index.java', 'class Index {}')!, /sample program/);
    assert.equal(outOfScope('/w/samplesvc/src/main/java/Index.java', 'class Index {}'), undefined);
    // A module of demos (`zlt-demo/`, `demos/`), and not Spring's starter package `com/example/demo`.
    assert.match(outOfScope('/w/zlt-demo/sso-demo/web-sso/src/main/java/ApiController.java', 'class ApiController {}')!, /sample program/);
    assert.match(outOfScope('/w/demos/chat/server.ts', 'export const f = () => fetch(u);')!, /sample program/);
    assert.equal(outOfScope('/w/demo/src/main/java/com/example/demo/App.java', 'class App {}'), undefined);
  });
  it('puts out code in a folder the repository README says is deprecated, or whose own README opens by deprecating it, and keeps the others', () => {
    const root = mkdtempSync(join(tmpdir(), 'ba-deprecated-'));
    for (const d of ['legacy/src', 'mcp/server', 'api/src']) mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'README.md'), '| Folder | What |\n| --- | --- |\n| [`legacy/`](legacy/) | Deprecated Community Edition (unsupported) |\n| [`api/`](api/) | The REST API (v1 endpoints deprecated) |\n');
    writeFileSync(join(root, 'mcp', 'README.md'), '# MCP Server (Deprecated)\n\n> **Deprecated:** This server is no longer maintained.\n');
    const code = 'package main\nfunc main() { http.Get(u) }\n';
    const scope = (p: string) => codeScope(join(root, p), code, undefined, root);
    assert.match(JSON.stringify(scope('legacy/src/main.go')), /not in use/);
    assert.match(JSON.stringify(scope('mcp/server/main.go')), /not in use/);
    assert.equal(scope('api/src/main.go'), 'backend');
  });
  it('puts out code in a docs/ folder, and a program in a scripts/ folder that starts no server', () => {
    assert.match(outOfScope('/w/svc/docs/proxy.js', 'fetch(url)')!, /docs\/ folder/);
    const script = '#!/usr/bin/env python3\nimport requests\nrequests.get(URL)\n';
    assert.match(outOfScope('/w/scripts/backfill.py', script)!, /script that a person runs.*scripts\/, tools\/ or bin\/ folder/);
    assert.match(outOfScope('/w/svc/scripts/seed.py', 'import httpx\nif __name__ == "__main__":\n    main()\n')!, /scripts\/, tools\/ or bin\/ folder/);
    // A module there that runs as no program, or a script that starts a server, is code like any other.
    assert.equal(outOfScope('/w/scripts/helpers.py', 'import requests\n'), undefined);
    assert.equal(outOfScope('/w/scripts/serve.py', 'if __name__ == "__main__":\n    uvicorn.run(app)\n'), undefined);
    assert.match(outOfScope('/w/tools/sync.py', script)!, /person runs/);
    assert.match(outOfScope('/w/bin/release_manager.py', script)!, /person runs/);
    assert.match(outOfScope('/w/dev/code-generation/gen_locales.py', script)!, /person runs/);
    // A bin/www that starts the server is the service.
    assert.equal(outOfScope('/w/bin/www.js', "const app = require('../app');\nrequire('http').createServer(app).listen(3000);\nfetch(url);\n"), undefined);
    // A JavaScript program there (it exports nothing) is one too; a module it imports is code like any other.
    assert.match(outOfScope('/w/tools/git/download-artifact.js', "const axios = require('axios');\naxios({ url });\n")!, /person runs/);
    assert.equal(outOfScope('/w/tools/git/client.js', "const axios = require('axios');\nmodule.exports = () => axios({ url });\n"), undefined);
    assert.match(outOfScope('/w/agent/experiments/run_eval.py', script)!, /person runs/);
    // A one-off backfill under migrations/ (`migrations/cmd/backfill-x/main.go`) is run by hand too.
    assert.match(outOfScope('/w/backend/migrations/cmd/backfill-session-events/main.go', 'package main\nfunc main() { http.Get(u) }\n')!, /person runs/);
    assert.equal(outOfScope('/w/backend/worker/main.go', 'package main\nfunc main() { http.Get(u) }\n'), undefined);
    assert.equal(outOfScope('/w/documents/client.py', 'import requests'), undefined);
  });
  it('puts out a program anywhere that calls only localhost and starts no server (seeding a local stack)', () => {
    const seed = "import requests\nAPI = 'http://localhost:8070/products'\nfor i in range(100):\n    requests.post(API, json={})\n";
    assert.match(outOfScope('/w/data_generator.py', seed)!, /calls only localhost/);
    assert.match(outOfScope('/w/login.py', "import requests\nURL = 'http://127.0.0.1:8082/login'\ndef main():\n    requests.post(URL)\nif __name__ == '__main__':\n    main()\n")!, /calls only localhost/);
    assert.match(outOfScope('/w/script.js', "const API = 'http://localhost:8070/products';\nsetInterval(async () => { await fetch(API, { method: 'POST' }); }, 1000);\n")!, /calls only localhost/);
    // A script that writes a module (an `export` inside a template literal) exports nothing itself.
    const writesModule = "const res = await fetch(`http://127.0.0.1:11434/api/chat`, { method: 'POST' });\nwriteFileSync(out, `const T = {};\nexport default T;`);\n";
    assert.match(outOfScope('/w/extras/translator/index.mjs', writesModule)!, /calls only localhost/);
    assert.equal(outOfScope('/w/extras/translator/index.mjs', writesModule + 'export const run = 1;\n'), undefined);
    // A hand-run gRPC test client beside its server: a loopback target, in Python, JavaScript and Java.
    assert.match(outOfScope('/w/src/emailservice/email_client.py', "import grpc\ndef send(o):\n    channel = grpc.insecure_channel('[::]:8080')\n    return Stub(channel).Send(o)\nif __name__ == '__main__':\n    send({})\n")!, /calls only localhost/);
    assert.match(outOfScope('/w/src/currency/client.js', "const PORT = process.env.PORT;\nconst client = new shopProto.CurrencyService(`localhost:${PORT}`, creds);\nclient.convert(req, cb);\n")!, /calls only localhost/);
    assert.match(outOfScope('/w/src/ads/AdClient.java', 'class AdClient {\n  public static void main(String[] args) {\n    String host = arg(args, 1, "localhost");\n    ManagedChannelBuilder.forAddress(host, 9555).build();\n  }\n}\n')!, /calls only localhost/);
    // A server (gRPC in Python, Spring in Java), and a worker whose loopback address is only the default of one read from the environment, stay in.
    assert.equal(outOfScope('/w/src/rec/server.py', "import grpc\nif __name__ == '__main__':\n    server = grpc.server(pool)\n    ch = grpc.insecure_channel('localhost:3550')\n"), undefined);
    assert.equal(outOfScope('/w/src/api/Api.java', 'class Api {\n  public static void main(String[] a) { SpringApplication.run(Api.class, a); }\n  String h = "localhost";\n}\n'), undefined);
    assert.equal(outOfScope('/w/worker/main.go', 'package main\nvar addr = getEnv("REDIS_ADDR", "localhost:6379")\nfunc main() { http.Post(os.Getenv("ORDERS_URL"), "", nil) }\n'), undefined);
    // A provider module with a settings hint and a manual-test block naming localhost stays in: no call targets it.
    assert.equal(outOfScope('/w/providers/cilium.py', 'import grpc\nFIELDS = {"hint": "localhost:4245"}\ndef flows(cfg):\n    return Stub(grpc.insecure_channel(cfg.host)).GetFlows(req)\nif __name__ == "__main__":\n    endpoint = "localhost:4245"\n    flows(endpoint)\n'), undefined);
    // A module (imported, not run), a program that also calls another host, one that starts a server, or one that writes no URL stays in.
    assert.equal(outOfScope('/w/client.py', "import requests\nAPI = 'http://localhost:8070'\ndef create():\n    return requests.post(API)\n"), undefined);
    assert.equal(outOfScope('/w/client.js', "const API = 'http://localhost:8070';\nexport const create = () => fetch(API);\n"), undefined);
    assert.equal(outOfScope('/w/sync.py', "import requests\nfor u in ['http://localhost:1', 'https://api.example.com']:\n    requests.get(u)\n"), undefined);
    assert.equal(outOfScope('/w/app.js', "const app = express();\nfetch('http://localhost:3000');\napp.listen(3000);\n"), undefined);
    assert.equal(outOfScope('/w/worker.py', "import requests\nwhile True:\n    requests.get(URL)\n"), undefined);
  });
  it('reuses isTestPath for tests', () => {
    assert.match(outOfScope('/w/orders/client_test.go')!, /test code/);
  });
  it('keeps ordinary service code in every language', () => {
    for (const p of ['/w/orders/main.go', '/w/orders/app.py', '/w/orders/src/main/java/Orders.java', '/w/orders/src/index.ts']) assert.equal(codeScope(p, '', pkg('express'), '/w'), 'backend', p);
  });
  it('puts out a script that an HTML page in its folder or up to two above loads, wherever it sits, and keeps a script no page loads', () => {
    const root = mkdtempSync(join(tmpdir(), 'ba-scope-'));
    mkdirSync(join(root, 'cmd/web/app/js'), { recursive: true });
    writeFileSync(join(root, 'cmd/web/app/index.html'), '<html><body><script src="static/js/script.js?v=2"></script></body></html>');
    const scope = (path: string) => codeScope(join(root, path), 'fetch("/x")', () => undefined, root);
    assert.deepEqual(scope('cmd/web/app/js/script.js'), { outOfScope: 'an HTML page beside it loads it with a <script> tag, so it runs in the browser' });
    assert.equal(scope('cmd/web/app/js/server.js'), 'backend');
    assert.equal(scope('cmd/other/script.js'), 'backend');
  });
  it('puts out a package that a browser bundler builds from its index.html page, a command-line tool (bin, no server framework), and unused folders', () => {
    assert.match(outOfScope('/w/dashboard/src/services/api.ts', '', () => ({ dependencies: ['vite', 'fabricate.js'], page: true }))!, /front-end app \(vite builds its index\.html page\)/);
    assert.match(outOfScope('/w/packages/cli/src/commands/apps.js', '', () => ({ dependencies: ['node-fetch', 'ws'], bin: true }))!, /command-line tool/);
    assert.match(outOfScope('/w/unused/dashboard-v1/src/index.ts')!, /not in use/);
    // A server built with a bundler, a server with a bin, and a bundler without a page stay in.
    assert.equal(codeScope('/w/api/src/index.ts', '', () => ({ dependencies: ['vite', 'express'], page: true }), '/w'), 'backend');
    assert.equal(codeScope('/w/api/src/index.ts', '', () => ({ dependencies: ['fastify'], bin: true }), '/w'), 'backend');
    assert.equal(codeScope('/w/api/src/index.ts', '', () => ({ dependencies: ['webpack'] }), '/w'), 'backend');
  });
  it('reads from package.json on disk whether a package declares bin and whether an index.html page sits at its root', () => {
    const root = mkdtempSync(join(tmpdir(), 'ba-pkg-'));
    mkdirSync(join(root, 'dash/src'), { recursive: true });
    mkdirSync(join(root, 'cli/src'), { recursive: true });
    writeFileSync(join(root, 'dash/package.json'), JSON.stringify({ devDependencies: { vite: '^5' } }));
    writeFileSync(join(root, 'dash/index.html'), '<script type="module" src="/src/main.ts"></script>');
    writeFileSync(join(root, 'cli/package.json'), JSON.stringify({ bin: { nms: 'bin/cli.js' }, dependencies: { ws: '^8' } }));
    assert.deepEqual(packageJsonOnDisk(join(root, 'dash/src/main.ts')), { dir: join(root, 'dash'), dependencies: ['vite'], runtime: [], page: true });
    assert.deepEqual(packageJsonOnDisk(join(root, 'cli/src/index.js')), { dir: join(root, 'cli'), dependencies: ['ws'], runtime: ['ws'], bin: true });
    assert.match((codeScope(join(root, 'dash/src/main.ts'), '', packageJsonOnDisk, root) as { outOfScope: string }).outOfScope, /vite builds its index\.html page/);
  });
  it("puts out a client application's package: an editor, browser or desktop app's plugin or extension, a desktop app", () => {
    const call = 'export async function sync() { return fetch(url); }';
    assert.match(outOfScope('/w/interface/obsidian/src/api.ts', call, pkg('obsidian', 'diff'))!, /an Obsidian plugin .*runs on the user's machine/);
    assert.match(outOfScope('/w/desktop/main.js', call, pkg('electron'))!, /Electron desktop app/);
    assert.match(outOfScope('/w/ext/src/extension.ts', call, pkg('@types/vscode'))!, /VS Code extension/);
    assert.match(outOfScope('/w/ext/src/background.ts', call, pkg('webextension-polyfill'))!, /browser extension/);
    assert.equal(outOfScope('/w/desktop/server.ts', call, pkg('electron', 'express')), undefined, 'a package that also runs a server framework is judged as one');
  });
  it("puts out a browser library: tested in an emulated browser, or using the browser's globals without a server framework", () => {
    const call = 'export async function send(batch) { return fetch(url, { method: "POST", body: batch }); }';
    const sdk: PackageJsonOf = () => ({ dependencies: ['web-vitals', 'jest', 'jest-environment-jsdom'], runtime: ['web-vitals'] });
    assert.match(outOfScope('/w/tracker/src/batcher.ts', call, sdk)!, /browser library .*jest-environment-jsdom/);
    const htmlParser: PackageJsonOf = () => ({ dependencies: ['happy-dom'], runtime: ['happy-dom'] });
    assert.equal(outOfScope('/w/worker/src/scrape.ts', call, htmlParser), undefined, 'a browser emulator the service runs with is no test environment');
    assert.match(outOfScope('/w/tracker/src/canvas.ts', `${call}\nconst v = document.createElement("video");`, pkg('web-vitals'))!, /browser's globals .*without a server framework/);
    assert.match(outOfScope('/w/sdk/src/id.ts', `${call}\nconst id = localStorage.getItem("sid");`, pkg())!, /runs in the browser/);
    const client = 'export const api = axios.create({ baseURL: "", withCredentials: true });';
    assert.match(outOfScope('/w/ui/packages/api-client/index.ts', client, pkg('axios', 'qs'))!, /runs in the browser/);
    assert.equal(outOfScope('/w/api/src/client.ts', client, pkg('axios', 'express')), undefined, 'a server framework keeps it a backend');
    assert.equal(outOfScope('/w/sdk/src/client.ts', 'export const api = axios.create({ withCredentials: false });', pkg('axios')), undefined);
    // Node code that names a stored document, or drives a browser, stays a backend.
    assert.equal(outOfScope('/w/worker/src/index.ts', `${call}\nconst document = await db.find(); document.body = x;`, pkg('mongodb')), undefined);
    assert.equal(outOfScope('/w/crawler/src/crawl.ts', `${call}\nawait page.evaluate(() => document.querySelector("h1"));`, pkg('puppeteer')), undefined);
  });
  it('takes a server framework among devDependencies only (a mock API, an e2e webhook receiver) for no backend, and one among dependencies for one', () => {
    const root = mkdtempSync(join(tmpdir(), 'ba-pkg-dev-'));
    for (const d of ['portal/src', 'ssr/src']) mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'portal/package.json'), JSON.stringify({ dependencies: { '@angular/core': '^17' }, devDependencies: { express: '^4.21.2' } }));
    writeFileSync(join(root, 'ssr/package.json'), JSON.stringify({ dependencies: { '@angular/core': '^17', express: '^4.21.2' } }));
    assert.match(JSON.stringify(codeScope(join(root, 'portal/src/api.ts'), '', packageJsonOnDisk, root)), /front-end app/);
    assert.equal(codeScope(join(root, 'ssr/src/server.ts'), '', packageJsonOnDisk, root), 'backend');
  });
});
