// The workspace scan's worker threads: service-code files are analyzed off the main thread with the same findings
// as on it, files without any trigger word are not parsed, and the server answers requests while it scans.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionRequest } from 'vscode-languageserver-protocol';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';
import { makeWorkspace, uriOf, withServer, type TestClient } from './client';

const FILES: Record<string, string> = {
  'py/client.py': 'import requests\nimport time\n\nAPI_KEY = "f3a9c2e81b7d4c6e9a0b5d2f7e1c8a4b"\n\ndef f(u):\n    for attempt in range(3):\n        try:\n            return requests.get(u)\n        except Exception:\n            time.sleep(1)\n',
  'ts/server.ts': 'import express from "express";\nconst app = express();\nconst sessions = new Map();\napp.post("/login", (req, res) => { sessions.set(1, 2); res.end(); });\napp.get("/x", async (req, res) => res.json(await (await fetch(u)).json()));\napp.listen(3000);\n',
  'go/main.go': 'package main\n\nimport "net/http"\n\nvar c = &http.Client{}\n\nfunc main() { http.Get("http://x") }\n',
  'java/C.java': 'class C { Object c = java.net.http.HttpClient.newHttpClient(); Object r = new RestTemplate(); }\n',
  'plain/util.ts': 'export const add = (a: number, b: number) => a + b;\n',
  // A message consumer is judged with its service's other files: the same finding from the workers' scan.
  'compose.yaml': 'services:\n  orders:\n    build: ./orders\n  rabbitmq:\n    image: rabbitmq:3.13\n',
  'orders/Orders.java': 'import org.springframework.amqp.rabbit.annotation.RabbitListener;\nclass Orders { @RabbitListener(queues = "orders") void on(String o) {} }\n',
};

/** Every published diagnostic of the workspace, as `file:line:col code`, sorted, once the scan is idle. */
async function scanFindings(env: string | undefined): Promise<string[]> {
  const saved = process.env.BA_SCAN_WORKERS;
  if (env === undefined) delete process.env.BA_SCAN_WORKERS;
  else process.env.BA_SCAN_WORKERS = env;
  try {
    const root = makeWorkspace(FILES);
    return await withServer({ root, settings: { debounceMs: 0 } }, async (c) => {
      await c.waitForMessage(STATUS_NOTIFICATION, (s: StatusParams) => s.state === 'idle' && s.files > 0);
      const out: string[] = [];
      for (const file of Object.keys(FILES)) {
        for (const d of c.latest(join(root, file)) ?? []) out.push(`${file}:${d.range.start.line}:${d.range.start.character} ${d.code}`);
      }
      return out.sort();
    });
  } finally {
    if (saved === undefined) delete process.env.BA_SCAN_WORKERS;
    else process.env.BA_SCAN_WORKERS = saved;
  }
}

describe('workspace scan workers', () => {
  test('report the same findings as a scan on the main thread', async () => {
    const onMain = await scanFindings('0');
    const inWorkers = await scanFindings(undefined);
    assert.deepEqual(inWorkers, onMain);
    for (const rule of ['missing-timeout', 'hardcoded-secret', 'retry-without-backoff', 'in-memory-state', 'missing-health-endpoint', 'consumer-without-dead-letter']) {
      assert.ok(inWorkers.some((f) => f.endsWith(` ${rule}`)), `${rule} found by the workers`);
    }
  });

  test('the server answers a code action request while the workers scan a large workspace', async () => {
    const files: Record<string, string> = { 'open.py': 'import requests\nrequests.get(u)\n' };
    for (let i = 0; i < 1500; i++) files[`pkg${i % 30}/m${i}.py`] = `import requests\n\ndef f${i}(u):\n    return requests.get(u, timeout=${i})\n`;
    const root = makeWorkspace(files);
    await withServer({ root, settings: { debounceMs: 0 } }, async (c: TestClient) => {
      await c.waitForMessage(STATUS_NOTIFICATION, (s: StatusParams) => s.state === 'scanning' && s.files > 0);
      const scanning = c.mark();
      const [d] = await c.open(join(root, 'open.py'));
      const actions = await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(join(root, 'open.py')) }, range: d.range, context: { diagnostics: [d] } });
      assert.ok(actions && actions.length > 0);
      const answeredDuringScan = !c.messages(STATUS_NOTIFICATION, scanning).some((s: StatusParams) => s.state === 'idle');
      assert.ok(answeredDuringScan, 'the code action was answered before the scan ended');
      await c.waitForMessage(STATUS_NOTIFICATION, (s: StatusParams) => s.state === 'idle', scanning);
    });
  });
});
