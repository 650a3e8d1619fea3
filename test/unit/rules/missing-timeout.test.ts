import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCode } from '../../../server/src/core/documents/treeSitter';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';
import { applyFix, findingsOf, lines } from './helpers';

const RULE = 'missing-timeout';
const FILE = 'client.py';

interface Case {
  name: string;
  text: string;
  /** Expected findings: the source text each one points at and a fragment of its message. */
  expect: { at: string; message: string }[];
  settings?: { rules: Record<string, 'off'> };
}

const noTimeout = (name: string) => ({ at: name, message: `${name}() has no timeout` });

const cases: Case[] = [
  {
    name: 'reports a requests.get call that has no timeout',
    text: lines('import requests', '', 'def load(url):', '    return requests.get(url).json()'),
    expect: [noTimeout('requests.get')],
  },
  {
    name: 'reports every requests verb and requests.request without a timeout, once for the file (one client, one cause)',
    text: lines('import requests', 'requests.post(u, json=b)', 'requests.put(u)', 'requests.patch(u)', 'requests.delete(u)', 'requests.head(u)', 'requests.options(u)', 'requests.request("GET", u)'),
    expect: [{ at: 'requests.post', message: 'requests.post() has no timeout: requests waits forever for a slow or dead server, holding a worker and cascading the failure (6 more calls like it in this file)' }],
  },
  {
    name: 'reports calls through a module alias from `import requests as r`',
    text: lines('import requests as r', 'r.post(url, json={"id": 1})'),
    expect: [noTimeout('r.post')],
  },
  {
    name: 'reports functions imported with `from requests import get, post as p`',
    text: lines('from requests import get, post as p', 'get(url)', 'p(url, data=body)'),
    expect: [noTimeout('get'), noTimeout('p')],
  },
  {
    name: 'reports the methods of a Session assigned to a variable',
    text: lines('import requests', 'session = requests.Session()', 'session.get(url)', 'session.post(url, json=body)'),
    expect: [{ at: 'session.get', message: 'session.get() has no timeout: requests waits forever for a slow or dead server, holding a worker and cascading the failure (1 more call like it in this file)' }],
  },
  {
    name: 'reports the methods of a Session opened with `with requests.Session() as s`',
    text: lines('import requests', 'with requests.Session() as s:', '    s.get(url)'),
    expect: [noTimeout('s.get')],
  },
  {
    name: 'reports a Session imported with `from requests import Session`',
    text: lines('from requests import Session', 'http = Session()', 'http.put(url)'),
    expect: [noTimeout('http.put')],
  },
  {
    name: 'reports timeout=None at the None value',
    text: lines('import requests', 'requests.get(url, timeout=None)'),
    expect: [{ at: 'None', message: 'requests.get() passes timeout=None' }],
  },
  {
    name: 'reports the right span when non-ASCII and astral characters come before the call',
    text: lines('import requests', 'greeting = "héllo 🙂"; requests.get(url)'),
    expect: [noTimeout('requests.get')],
  },
  {
    name: 'keeps a finding whose suppression comment names another rule',
    text: lines('import requests', '# backend-architect-ignore missing-auth', 'requests.get(url)'),
    expect: [noTimeout('requests.get')],
  },
  {
    name: 'finds nothing when a timeout is passed',
    text: lines('import requests', 'requests.get(url, timeout=5)', 'requests.post(url, json=b, timeout=(3.05, 27))', 's = requests.Session()', 's.get(url, timeout=TIMEOUT)'),
    expect: [],
  },
  {
    name: 'finds nothing when the call forwards **kwargs, which may carry a timeout',
    text: lines('import requests', 'def call(url, **kwargs):', '    return requests.get(url, **kwargs)'),
    expect: [],
  },
  {
    name: 'finds nothing for a get() call in a module that does not import requests',
    text: lines('from cache import get', 'value = get("key")'),
    expect: [],
  },
  {
    name: 'finds nothing for get() when only the requests module is imported',
    text: lines('import requests', 'def get(key):', '    return key', 'get("key")'),
    expect: [],
  },
  {
    name: 'finds nothing for httpx.get, which has a 5 s default timeout',
    text: lines('import httpx', 'httpx.get(url)', 'httpx.Client().post(url)'),
    expect: [],
  },
  {
    name: 'finds nothing for a requests call that only appears in a comment or a string',
    text: lines('import requests', '# requests.get(url)', 'doc = "requests.get(url)"'),
    expect: [],
  },
  {
    name: 'drops the finding when a suppression comment is on the line above',
    text: lines('import requests', '# backend-architect-ignore missing-timeout', 'requests.get(url)'),
    expect: [],
  },
  {
    name: 'finds nothing when the rule is turned off in the settings',
    text: lines('import requests', 'requests.get(url)'),
    expect: [],
    settings: { rules: { 'missing-timeout': 'off' } },
  },
];

describe('missing-timeout', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsOf(RULE, FILE, c.text, c.settings);
      const at = (f: (typeof found)[number]) => c.text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character);
      assert.deepEqual(found.map(at), c.expect.map((e) => e.at), found.map((f) => f.message).join('\n'));
      c.expect.forEach((e, i) => assert.ok(found[i].message.includes(e.message), found[i].message));
    });
  }
});

interface FixCase {
  name: string;
  text: string;
  /** The fixed text (the whole file). */
  fixed: string;
  defaultTimeoutMs?: number;
}

const fixes: FixCase[] = [
  {
    name: 'adds timeout=10 after the last argument',
    text: lines('import requests', 'requests.get(url)'),
    fixed: lines('import requests', 'requests.get(url, timeout=10)'),
  },
  {
    name: 'adds the timeout to an empty argument list',
    text: lines('from requests import post as p', 'p()'),
    fixed: lines('from requests import post as p', 'p(timeout=10)'),
  },
  {
    name: 'adds the timeout after a trailing comma on one line',
    text: lines('from requests import get', 'get(url,)'),
    fixed: lines('from requests import get', 'get(url, timeout=10)'),
  },
  {
    name: 'adds the timeout on its own line when multi-line arguments end with a trailing comma',
    text: lines('import requests', 'requests.post(', '    url,', '    json=body,', ')'),
    fixed: lines('import requests', 'requests.post(', '    url,', '    json=body,', '    timeout=10,', ')'),
  },
  {
    name: 'adds the timeout after the last of multi-line arguments without a trailing comma',
    text: lines('import requests', 'requests.post(', '    url,', '    json={"a": 1}', ')'),
    fixed: lines('import requests', 'requests.post(', '    url,', '    json={"a": 1}, timeout=10', ')'),
  },
  {
    name: 'adds the timeout before a trailing comment, not inside it',
    text: lines('import requests', 'requests.get(url  # the catalogue', ')'),
    fixed: lines('import requests', 'requests.get(url, timeout=10  # the catalogue', ')'),
  },
  {
    name: 'adds the timeout after a trailing comma followed by a comment',
    text: lines('import requests', 'requests.post(', '    url,', '    json=body,  # the order', ')'),
    fixed: lines('import requests', 'requests.post(', '    url,', '    json=body,  # the order', '    timeout=10,', ')'),
  },
  {
    name: 'keeps CRLF line endings when it adds the timeout on its own line',
    text: lines('import requests', 'requests.post(', '    url,', ')').replace(/\n/g, '\r\n'),
    fixed: lines('import requests', 'requests.post(', '    url,', '    timeout=10,', ')').replace(/\n/g, '\r\n'),
  },
  {
    name: 'replaces timeout=None with the default timeout',
    text: lines('import requests', 's = requests.Session()', 's.get(url, timeout=None)'),
    fixed: lines('import requests', 's = requests.Session()', 's.get(url, timeout=10)'),
  },
  {
    name: 'writes the defaultTimeoutMs setting in seconds (2500 ms gives 2.5)',
    text: lines('import requests', 'requests.get(url)'),
    fixed: lines('import requests', 'requests.get(url, timeout=2.5)'),
    defaultTimeoutMs: 2500,
  },
  {
    name: 'writes a sub-second defaultTimeoutMs without trailing zeros (250 ms gives 0.25)',
    text: lines('import requests', 'requests.get(url, timeout=None)'),
    fixed: lines('import requests', 'requests.get(url, timeout=0.25)'),
    defaultTimeoutMs: 250,
  },
];

describe('missing-timeout quick fix', () => {
  for (const c of fixes) {
    it(c.name, async () => {
      const settings = c.defaultTimeoutMs ? { defaultTimeoutMs: c.defaultTimeoutMs } : {};
      const [finding, ...rest] = await findingsOf(RULE, FILE, c.text, settings);
      assert.equal(rest.length, 0);
      assert.ok(finding?.fix, 'expected a finding with a fix');
      const fixed = applyFix(c.text, finding);
      assert.equal(fixed, c.fixed);
      const tree = await parseCode('python', fixed);
      assert.equal(tree.rootNode.hasError, false, `the fixed file does not parse:\n${fixed}`);
      assert.deepEqual((await findingsOf(RULE, FILE, fixed, settings)).map((f) => f.message), []);
    });
  }
});

describe('missing-timeout judges backend code only (code/scope.ts)', () => {
  const call = 'export const load = () => fetch("http://orders:8080/orders");';
  it('does not report a call in a UI component, a use-client module or a k6 script', async () => {
    assert.deepEqual(await findingsOf(RULE, 'web/src/Orders.tsx', lines('export function Orders() {', '  fetch("http://orders:8080/orders");', '  return <ul></ul>;', '}')), []);
    assert.deepEqual(await findingsOf(RULE, 'web/src/load.ts', lines("'use client';", call)), []);
    assert.deepEqual(await findingsOf(RULE, 'ops/orders.js', lines("import http from 'k6/http';", call)), []);
    assert.deepEqual(await findingsOf(RULE, 'ops/locustfile.py', lines('from locust import HttpUser', 'import requests', 'requests.get("http://orders:8080/orders")')), []);
  });
  it('reports the same call in a Next.js route handler and a server action', async () => {
    assert.equal((await findingsOf(RULE, 'shop/app/api/orders/route.ts', lines(call))).length, 1);
    assert.equal((await findingsOf(RULE, 'shop/components/actions.ts', lines("'use server';", call))).length, 1);
  });
  it("reports the SSR loader's call of a page file, not the calls handed to React hooks in its components", async () => {
    const page = lines(
      'import axios from "axios";',
      'import React from "react";',
      'import { useMutation, useQuery } from "@tanstack/react-query";',
      'export function Settings({ apiBase }) {',
      '  const config = useQuery({ queryKey: ["config"], queryFn: async () => (await axios.get(`${apiBase}/api/config`)).data });',
      '  const save = useMutation<void, Error>({ mutationFn: () => axios.put(`${apiBase}/api/config`, {}) });',
      '  const upload = React.useCallback(async (data) => { await axios({ method: "POST", url: `${apiBase}/api/upload`, data }); }, [apiBase]);',
      '  return <form onSubmit={upload} />;',
      '}',
      'export async function getServerSideProps() {',
      '  const { data } = await axios.get("http://api:3001/api/config");',
      '  return { props: { data } };',
      '}',
    );
    const found = await findingsOf(RULE, 'dashboard/src/pages/settings.page.tsx', page);
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.equal(found[0].range.start.line, 10);
    assert.doesNotMatch(found[0].message, /more call/);
  });
  it('reports a file that scope.backend in the config file puts back in scope', async () => {
    const path = '/w/web/src/load.ts';
    const text = lines("'use client';", call);
    const run = (backend: string[]) =>
      analyzeSource({ source: makeSource(path, text, 'typescript'), config: new EffectiveConfig(DEFAULT_SETTINGS, { scope: { backend } }), workspace: new WorkspaceIndex({ root: '/w', fs: memoryFs({ [path]: text }) }) });
    assert.equal((await run([])).findings.filter((f) => f.ruleId === RULE).length, 0);
    assert.equal((await run(['web/src/**'])).findings.filter((f) => f.ruleId === RULE).length, 1);
  });
});
