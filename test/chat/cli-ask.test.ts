// `backend-architect ask` (dist/cli.js) against the fake Messages API: streamed answer, tool lines, refusals.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { FakeAnthropic, splitJson, textAnswer, toolAnswer } from './fakeAnthropic';
import { API_KEY, CANARY, chatWorkspace } from './helpers';

const CLI = resolve(__dirname, '../../dist/cli.js');
let fake: FakeAnthropic;
const fx = chatWorkspace();
after(() => fx.cleanup());
beforeEach(async () => {
  await fake?.close();
  fake = await FakeAnthropic.start();
});
after(() => fake?.close());

function runAsk(args: string[], env: Record<string, string | undefined> = {}, onStdout?: (soFar: string, child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, 'ask', ...args], { cwd: fx.dir, env: { ...process.env, ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: fake.url, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe('backend-architect ask', () => {
  test('streams the answer to stdout, lists the tool calls and usage on stderr, and refuses .env', async () => {
    fake.reply(
      { kind: 'sse', events: toolAnswer([{ id: 't1', name: 'read_file', jsonPieces: splitJson({ path: '.env' }) }, { id: 't2', name: 'read_file', jsonPieces: splitJson({ path: 'README.md' }) }]) },
      { kind: 'sse', events: textAnswer(['One database ', 'per service.']) },
    );
    const r = await runAsk(['Should', 'orders share the database?']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'One database per service.\n');
    assert.match(r.stderr, /\[read_file\] refused: Refused to read \.env: it is a secrets file/);
    assert.match(r.stderr, /\[read_file\] Read README\.md/);
    assert.match(r.stderr, /tokens: 200 in, 19 out, 160 cache read, 40 cache write/);
    assert.equal(fake.requests[0].body.messages[0].content[0].text, 'Should orders share the database?');
    assert.ok(!fake.allBodies().includes(CANARY));
    assert.ok(!(r.stdout + r.stderr).includes(API_KEY));
  });

  test('uses the persona named with --persona, including one from the workspace', async () => {
    mkdirSync(join(fx.dir, '.backend-architect/personas'), { recursive: true });
    writeFileSync(join(fx.dir, '.backend-architect/personas/team-lead.md'), '---\nname: team-lead\ndescription: Our lead\nversion: 0.1.0\n---\nYou are our team lead.\n');
    fake.reply({ kind: 'sse', events: textAnswer(['ok']) }, { kind: 'sse', events: textAnswer(['ok']) });
    assert.equal((await runAsk(['hi', '--persona', 'security-auditor'])).code, 0);
    assert.match(fake.requests[0].body.system[0].text, /# Security auditor/);
    assert.equal((await runAsk(['hi', '--persona', 'team-lead', '--workspace', fx.dir])).code, 0);
    assert.equal(fake.requests[1].body.system[0].text, 'You are our team lead.');
  });

  test('reports an invalid workspace persona with the zod error and still answers', async () => {
    mkdirSync(join(fx.dir, '.backend-architect/personas'), { recursive: true });
    writeFileSync(join(fx.dir, '.backend-architect/personas/broken.md'), '---\nname: broken\nversion: one\n---\nbody\n');
    fake.reply({ kind: 'sse', events: textAnswer(['ok']) });
    const r = await runAsk(['hi']);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /broken\.md: invalid frontmatter: description: .*; version: a semantic version such as 1\.0\.0/);
  });

  test('exits 1 with the message and the partial answer when the stream fails midway', async () => {
    fake.reply({ kind: 'sse', events: textAnswer(['Half']).slice(0, 4), errorEvent: { type: 'api_error', message: 'Internal' } });
    const r = await runAsk(['hi']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'Half\n');
    assert.match(r.stderr, /the answer above is partial: The API reported an error during the answer: Internal \(try again\)/);
  });

  test('exits 1 on a 401 with a hint to check the key, without printing it', async () => {
    fake.reply({ kind: 'status', status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } });
    const r = await runAsk(['hi']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /rejected the API key \(401\).*check ANTHROPIC_API_KEY/);
    assert.ok(!r.stderr.includes(API_KEY));
  });

  test('Ctrl-C stops the answer: the partial text stays on stdout and the exit code is 1', async () => {
    fake.reply({ kind: 'sse', events: textAnswer(['Partial ', 'never sent']).slice(0, 4), end: false });
    let signalled = false;
    const r = await runAsk(['hi'], {}, (soFar, child) => {
      if (!signalled && soFar.includes('Partial')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'Partial \n');
    assert.match(r.stderr, /stopped \(the answer above is partial\)/);
  });

  test('exits 2 on an unknown persona or a base URL that is not http(s)', async () => {
    const a = await runAsk(['hi', '--persona', 'nobody']);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /unknown persona 'nobody' \(known: .*backend-architect/);
    const b = await runAsk(['hi'], { ANTHROPIC_BASE_URL: 'file:///etc' });
    assert.equal(b.code, 2);
    assert.match(b.stderr, /ANTHROPIC_BASE_URL: Invalid URL/);
    assert.equal(fake.requests.length, 0);
  });
});
