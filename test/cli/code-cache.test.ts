// The CLI's code cache (server/src/cli/codeCache.ts): written by the first run, used by the next, and never a
// reason for a different result or a failure.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { codeCacheDir } from '../../server/src/cli/codeCache';
import { FIXTURES, runCli, tempWorkspace } from './helpers';

const findings = join(FIXTURES, 'findings');
const lint = (env: Record<string, string>) => runCli(['lint', '--format', 'json'], findings, env);
const caches = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.bin'));

describe('the CLI code cache', () => {
  it('is written by the first run, used unchanged by the second, and the output is the same', (t) => {
    const ws = tempWorkspace({});
    t.after(ws.cleanup);
    const first = lint({ BACKEND_ARCHITECT_CACHE_DIR: ws.dir });
    const [file] = caches(ws.dir);
    assert.match(file, /^cliMain-\d+-\d+-v[\d.]+-\w+\.bin$/);
    const written = statSync(join(ws.dir, file)).mtimeMs;
    const second = lint({ BACKEND_ARCHITECT_CACHE_DIR: ws.dir });
    assert.deepEqual([second.code, second.stdout, second.stderr], [first.code, first.stdout, first.stderr]);
    assert.equal(statSync(join(ws.dir, file)).mtimeMs, written, 'an accepted cache is not rewritten');
    assert.ok(first.stdout.includes('"ruleId"'));
  });

  it('replaces a corrupt cache file and still prints the same result', (t) => {
    const ws = tempWorkspace({});
    t.after(ws.cleanup);
    const clean = lint({ BACKEND_ARCHITECT_CACHE_DIR: ws.dir });
    const [file] = caches(ws.dir);
    writeFileSync(join(ws.dir, file), Buffer.alloc(4096, 7));
    const again = lint({ BACKEND_ARCHITECT_CACHE_DIR: ws.dir });
    assert.deepEqual([again.code, again.stdout, again.stderr], [clean.code, clean.stdout, clean.stderr]);
    assert.notDeepEqual(readFileSync(join(ws.dir, file)), Buffer.alloc(4096, 7));
  });

  it('drops the caches of older builds', (t) => {
    const ws = tempWorkspace({ 'cliMain-1-2-v0.0.0-x64.bin': 'stale', 'other.bin': 'kept' });
    t.after(ws.cleanup);
    lint({ BACKEND_ARCHITECT_CACHE_DIR: ws.dir });
    const names = caches(ws.dir);
    assert.ok(!names.includes('cliMain-1-2-v0.0.0-x64.bin'));
    assert.ok(names.includes('other.bin'));
    assert.equal(names.length, 2);
  });

  it('costs nothing but speed when its directory cannot be created', (t) => {
    const ws = tempWorkspace({ 'not-a-dir': 'a file' });
    t.after(ws.cleanup);
    const r = lint({ BACKEND_ARCHITECT_CACHE_DIR: join(ws.dir, 'not-a-dir', 'cache') });
    const off = lint({ BACKEND_ARCHITECT_CODE_CACHE: '0' });
    assert.deepEqual([r.code, r.stdout, r.stderr], [off.code, off.stdout, off.stderr]);
  });

  it('is not written when BACKEND_ARCHITECT_CODE_CACHE is 0', (t) => {
    const ws = tempWorkspace({});
    t.after(ws.cleanup);
    assert.equal(lint({ BACKEND_ARCHITECT_CACHE_DIR: ws.dir, BACKEND_ARCHITECT_CODE_CACHE: '0' }).code, 0);
    assert.deepEqual(caches(ws.dir), []);
  });

  it('is bypassed when Node maps stack traces through source maps', (t) => {
    const ws = tempWorkspace({});
    t.after(ws.cleanup);
    const r = lint({ BACKEND_ARCHITECT_CACHE_DIR: ws.dir, NODE_OPTIONS: '--enable-source-maps' });
    const plain = lint({ BACKEND_ARCHITECT_CODE_CACHE: '0' });
    assert.deepEqual([r.code, r.stdout, r.stderr], [plain.code, plain.stdout, plain.stderr]);
    assert.deepEqual(caches(ws.dir), []);
  });

  it('lives under XDG_CACHE_HOME or ~/.cache unless moved or turned off', () => {
    const cases: [NodeJS.ProcessEnv, string | undefined][] = [
      [{ BACKEND_ARCHITECT_CACHE_DIR: '/c' }, '/c'],
      [{ BACKEND_ARCHITECT_CODE_CACHE: '0', BACKEND_ARCHITECT_CACHE_DIR: '/c' }, undefined],
    ];
    if (process.platform !== 'win32') cases.push([{ XDG_CACHE_HOME: '/x' }, join('/x', 'backend-architect', 'code-cache')]);
    for (const [env, want] of cases) assert.equal(codeCacheDir(env), want, JSON.stringify(env));
  });
});
