import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { runCases, type CodeCase } from '../code/table';
import { lines } from './helpers';

const RULE = 'in-memory-state';

const ts: CodeCase[] = [
  { name: 'reports log-in sessions kept in a module-level Map written by a route handler, as a warning', text: lines('import express from "express";', 'const app = express();', 'const sessions = new Map<string, string>();', 'app.post("/login", (req, res) => { sessions.set(t, u); res.end(); });'), expect: [{ at: 'sessions', message: 'keeps log-in sessions in process memory', severity: 'warning' }] },
  { name: 'reports other per-user state written by a handler as information', text: lines('const carts = {};', 'export function add(req, res) { carts[req.params.id] = req.body; res.end(); }'), expect: [{ at: 'carts', message: 'keeps state in process memory', severity: 'information' }] },
  { name: 'reports express-session without a store', text: lines('import session from "express-session";', 'app.use(session({ secret: process.env.S, resave: false }));'), expect: [{ at: 'session', message: 'MemoryStore', severity: 'warning' }] },
  { name: 'does not report express-session with a store', text: lines('import session from "express-session";', 'app.use(session({ store: new RedisStore({ client }), secret: process.env.S }));'), expect: [] },
  { name: 'does not report a module-level Map that handlers only read', text: lines('const ROUTES = new Map([["a", 1]]);', 'app.get("/x", (req, res) => res.json(ROUTES.get("a")));'), expect: [] },
  { name: 'does not report a module-level Map of handles to work running in this process (AbortControllers of streams a handler starts)', text: lines('const controllers = new Map<string, AbortController>();', 'export function stream(req, res) { controllers.set(req.params.id, new AbortController()); res.end(); }'), expect: [] },
  { name: 'does not report a Map local to a handler', text: lines('app.get("/x", (req, res) => { const seen = new Map(); seen.set(1, 2); res.end(); });'), expect: [] },
];

const py: CodeCase[] = [
  { name: 'reports a module-level dict written by a Flask view', text: lines('from flask import Flask', 'app = Flask(__name__)', 'carts = {}', '@app.post("/carts/<cid>")', 'def add(cid):', '    carts[cid] = request.json', '    return "", 204'), expect: [{ at: 'carts', message: 'keeps state in process memory', severity: 'information' }] },
  { name: 'does not report a module-level dict only written at import time', text: lines('CODES = {}', 'CODES["a"] = 1', '@app.get("/c")', 'def c():', '    return CODES'), expect: [] },
];

const go: CodeCase[] = [
  { name: 'reports a package-level map written by an http handler', text: lines('package main', 'import "net/http"', 'var sessions = map[string]string{}', 'func login(w http.ResponseWriter, r *http.Request) {', '\tsessions[r.FormValue("u")] = "x"', '}'), expect: [{ at: 'sessions', message: 'log-in sessions', severity: 'warning' }] },
  { name: 'does not report a package-level map of cancel functions of running work', text: lines('package main', 'import "net/http"', 'var running = map[string]context.CancelFunc{}', 'func start(w http.ResponseWriter, r *http.Request) {', '\trunning[r.FormValue("id")] = cancel', '}'), expect: [] },
  { name: 'does not report a map local to a handler', text: lines('package main', 'import "net/http"', 'func h(w http.ResponseWriter, r *http.Request) {', '\tm := map[string]int{}', '\tm["a"] = 1', '}'), expect: [] },
];

const java: CodeCase[] = [
  { name: 'reports a controller field map written by a request mapping', text: lines('@RestController', 'class Carts {', '  private final Map<String, Cart> carts = new ConcurrentHashMap<>();', '  @PostMapping("/carts")', '  void add(@RequestBody Cart c) { carts.put(c.id(), c); }', '}'), expect: [{ at: 'carts', message: 'keeps state in process memory', severity: 'information' }] },
  { name: 'does not report a field map in a class that is not a Spring bean', text: lines('class Local {', '  private final Map<String, String> m = new HashMap<>();', '  @PostMapping("/x") void add() { m.put("a", "b"); }', '}'), expect: [] },
];

describe('in-memory-state in TypeScript', () => runCases(RULE, 'server.ts', ts));
describe('in-memory-state in Python', () => runCases(RULE, 'app.py', py));
describe('in-memory-state in Go', () => runCases(RULE, 'main.go', go));
describe('in-memory-state in Java', () => runCases(RULE, 'Carts.java', java));

describe('in-memory-state: test code by its place in the workspace', () => {
  const code = lines('import session from "express-session";', 'app.use(session({ secret: process.env.S, resave: false }));');
  const run = async (path: string) => {
    const workspace = new WorkspaceIndex({ boundary: '/w', fs: memoryFs({ [path]: code }) }); // as the CLI makes it: no root, a boundary
    const result = await analyzeSource({ source: makeSource(path, code, 'javascript'), config: new EffectiveConfig(DEFAULT_SETTINGS), workspace });
    return result.findings.filter((f) => f.ruleId === RULE);
  };
  it('leaves alone a test client deep under test/e2e/ of the workspace (more than two folders below it), and reports the same code of a service', async () => {
    assert.deepEqual(await run('/w/test/e2e/oauth2-client/src/index.js'), []);
    assert.equal((await run('/w/services/web/src/index.js')).length, 1);
  });
});
