// The chat webview's Content-Security-Policy and the zod schemas of the messages between webview and host.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { chatHtml, contentSecurityPolicy, makeNonce } from '../../client/src/chat/html';
import { linkTarget, namedFile, type LinkTarget } from '../../client/src/chat/codeBlocks';
import { HostToWebviewSchema, parseWebviewMessage } from '../../client/src/chat/protocol';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('content security policy', () => {
  const nonce = makeNonce();
  const csp = contentSecurityPolicy(SOURCE, nonce);
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

  test('denies everything by default', () => assert.deepEqual(directives['default-src'], ["'none'"]));
  test('allows scripts only with the nonce: no self, no inline, no eval, no hosts', () => assert.deepEqual(directives['script-src'], [`'nonce-${nonce}'`]));
  test('loads styles, fonts and images only from the extension media (no remote images)', () => {
    for (const d of ['style-src', 'font-src', 'img-src']) assert.deepEqual(directives[d], [SOURCE], d);
  });
  test('allows no connections, frames, forms or base URL changes', () => {
    assert.equal(directives['connect-src'], undefined);
    assert.equal(directives['frame-src'], undefined);
    assert.deepEqual(directives['form-action'], ["'none'"]);
    assert.deepEqual(directives['base-uri'], ["'none'"]);
  });
  test('never contains unsafe-inline, unsafe-eval, a bare * source or http:', () => assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\s\*(\s|;|$)|http:/));
  test("accepts VS Code's cspSource forms: a wildcard CDN host, or 'self' with a host", () => {
    for (const source of ['https://*.vscode-cdn.net', "'self' https://*.vscode-cdn.net"]) assert.match(contentSecurityPolicy(source, nonce), new RegExp(`style-src ${source.replace(/[.*]/g, '\\$&')};`));
  });
  test('rejects a short or non-alphanumeric nonce and a cspSource that could add directives', () => {
    assert.throws(() => contentSecurityPolicy(SOURCE, 'abc'));
    assert.throws(() => contentSecurityPolicy(SOURCE, "abcdefghijklmnop'; script-src *"));
    assert.throws(() => contentSecurityPolicy(`${SOURCE}; script-src *`, nonce));
  });
  test('nonces differ each time and are long enough', () => {
    const a = makeNonce();
    assert.notEqual(a, makeNonce());
    assert.ok(a.length >= 16);
  });
  test('the page loads one script, with the nonce, and has no inline script or style', () => {
    const html = chatHtml({ cspSource: SOURCE, nonce, scriptUri: `${SOURCE}/dist/webview/chat.js`, styleUri: `${SOURCE}/media/chat.css` });
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}" src="${SOURCE}/dist/webview/chat.js"></script>`));
    assert.doesNotMatch(html, /<style|style="/);
    assert.match(html, /http-equiv="Content-Security-Policy"/);
  });
  test('the webview script and the diagram code it shares with the map never assign innerHTML or evaluate strings, and load nothing remote', () => {
    for (const dir of ['../../client/src/chat/webview', '../../client/src/diagram'].map((d) => join(__dirname, d))) {
      for (const name of readdirSync(dir).filter((n) => /\.(js|ts)$/.test(n))) {
        // The SVG namespace is a name, not an address anything loads.
        const js = readFileSync(join(dir, name), 'utf8').replaceAll("'http://www.w3.org/2000/svg'", '');
        assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function|fetch\(|XMLHttpRequest|https?:\/\//, name);
      }
    }
  });
  test('the bundled webview script (markdown-it, highlight.js core) makes no request and evaluates no string', () => {
    const bundle = readFileSync(join(__dirname, '../../dist/webview/chat.js'), 'utf8');
    assert.doesNotMatch(bundle, /\beval\(|new Function|fetch\(|XMLHttpRequest|WebSocket|sendBeacon|importScripts|setAttribute\(\s*["']src/);
  });
});

describe('webview to host messages', () => {
  const accepted: unknown[] = [
    { type: 'ready' },
    { type: 'send', text: 'Should orders share a database?' },
    { type: 'stop' },
    { type: 'delegate', personaId: 'database-architect' },
    { type: 'apply', code: 'x = 1', language: 'python' },
    { type: 'action', action: 'setApiKey' },
  ];
  for (const m of accepted) test(`accepts ${JSON.stringify(m)}`, () => assert.ok(parseWebviewMessage(m).ok));

  const rejected: [string, unknown][] = [
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
    ['an extra key', { type: 'stop', command: 'rm -rf /' }],
    ['an empty question', { type: 'send', text: '' }],
    ['a question over 20,000 characters', { type: 'send', text: 'x'.repeat(20_001) }],
    ['a number for text', { type: 'send', text: 42 }],
    ['an unknown action', { type: 'action', action: 'readSecrets' }],
    ['a message without a type', { text: 'hi' }],
    ['a string', 'send'],
    ['null', null],
  ];
  for (const [what, m] of rejected) {
    test(`rejects ${what}`, () => {
      const r = parseWebviewMessage(m);
      assert.equal(r.ok, false);
    });
  }
});

describe('host to webview messages', () => {
  const state = {
    type: 'state', conversationId: 'c1', personaId: 'backend-architect', items: [{ role: 'user', text: 'q', chips: [] }, { role: 'assistant', persona: 'backend-architect', text: 'a', tools: [], status: 'partial', error: { message: 'cut', actions: ['retry'] } }],
    personas: [{ id: 'backend-architect', description: 'd', source: 'builtin', delegates: [{ persona: 'database-architect', when: 'schemas' }] }], conversations: [], chips: [], model: 'm', busy: false, trusted: true, hasKey: true, notices: [],
  };
  test('accepts a full state with a partial answer', () => assert.ok(HostToWebviewSchema.safeParse(state).success));
  test('rejects a state carrying an unexpected key (such as an API key)', () => assert.ok(!HostToWebviewSchema.safeParse({ ...state, apiKey: 'sk-ant-x' }).success));
  test('rejects an answer with an unknown status or error action', () => {
    const bad = structuredClone(state);
    (bad.items[1] as { status: string }).status = 'lost';
    assert.ok(!HostToWebviewSchema.safeParse(bad).success);
    const bad2 = structuredClone(state);
    (bad2.items[1] as { error: { actions: string[] } }).error.actions = ['runCommand'];
    assert.ok(!HostToWebviewSchema.safeParse(bad2).success);
  });
  test('accepts streamed text and tool lines', () => {
    assert.ok(HostToWebviewSchema.safeParse({ type: 'text', text: 'delta' }).success);
    assert.ok(HostToWebviewSchema.safeParse({ type: 'tool', tool: { id: 't', name: 'read_file', summary: 'Read x', refused: false, running: false } }).success);
  });
});

describe('code blocks and links', () => {
  const named: [string, string | undefined][] = [
    ['// path: src/server.ts\nconst x = 1;', 'src/server.ts'],
    ['# orders/app.py\nimport requests', 'orders/app.py'],
    ['<!-- docs/readme.md -->\ntext', 'docs/readme.md'],
    ['// ../../etc/passwd.txt\nx', undefined],
    ['// /etc/hosts.txt\nx', undefined],
    ['const x = 1;', undefined],
  ];
  for (const [code, path] of named) test(`takes ${path ?? 'no file'} from ${JSON.stringify(code.split('\n')[0])}`, () => assert.equal(namedFile(code), path));

  const links: [string, LinkTarget][] = [
    ['https://example.com/docs', { kind: 'external', url: 'https://example.com/docs' }],
    ['orders/app.py:25', { kind: 'file', path: 'orders/app.py', line: 25 }],
    ['command:workbench.action.terminal.new', { kind: 'ignored' }],
    ['javascript:alert(1)', { kind: 'ignored' }],
    ['file:///etc/passwd', { kind: 'ignored' }],
    ['../secret.txt', { kind: 'ignored' }],
    ['mailto:team@example.com', { kind: 'external', url: 'mailto:team@example.com' }],
    ['docker-compose.yml#L12', { kind: 'file', path: 'docker-compose.yml', line: 12 }],
    ['my%20docs/a%28b%29.md#L3', { kind: 'file', path: 'my docs/a(b).md', line: 3 }],
    ['%2E%2E/secret.txt', { kind: 'ignored' }],
    ['src/%2A%2A/x.ts', { kind: 'ignored' }],
  ];
  for (const [href, target] of links) test(`treats the link ${href} as ${target.kind}`, () => assert.deepEqual(linkTarget(href), target));
});
