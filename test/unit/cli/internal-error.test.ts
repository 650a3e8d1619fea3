import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT_INTERNAL, reportInternalError } from '../../../server/src/cli/internalError';
import { debugFlag, main, type Io } from '../../../server/src/cli/main';

const ROOT = join(__dirname, '..', '..', '..');
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const HINT = `please report this at https://github.com/backend-architect/backend-architect/issues`;
const FINDINGS = join(ROOT, 'test', 'fixtures', 'cli', 'findings');

/** An Io into strings; `write` (report chunks) and `out` can be replaced to fail. */
function io(overrides: Partial<Io> = {}): Io & { stdout: string; stderr: string } {
  const r = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (r.stdout += t),
    write: async (t: string) => void (r.stdout += t),
    err: (t: string) => void (r.stderr += t),
    cwd: FINDINGS,
    env: {},
    isTTY: false,
    ...overrides,
  };
  return r;
}

function bug(): Error {
  return new TypeError("Cannot read properties of undefined (reading 'range')");
}

describe('internal errors', () => {
  it('print the message, the version and where to report it, without a stack, and exit 3', () => {
    let stderr = '';
    const code = reportInternalError(bug(), false, (t) => (stderr += t));
    assert.equal(code, EXIT_INTERNAL);
    assert.equal(code, 3);
    const lines = stderr.split('\n');
    assert.equal(lines[0], `backend-architect: internal error: TypeError: Cannot read properties of undefined (reading 'range')`);
    assert.equal(lines[1], `backend-architect ${version} (Node ${process.version}): ${HINT} (--debug adds the stack trace)`);
    assert.equal(lines.length, 3);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  it('print the stack trace with --debug', () => {
    let stderr = '';
    reportInternalError(bug(), true, (t) => (stderr += t));
    assert.match(stderr, /please report this at .*\/issues\nTypeError: Cannot read .*\n\s+at bug \(/);
  });

  it('keep a multi-line message on one line', () => {
    let stderr = '';
    reportInternalError('two\nlines', false, (t) => (stderr += t));
    assert.equal(stderr.split('\n')[0], 'backend-architect: internal error: two lines');
  });

  it('end a command with exit 3 instead of the usage error code', async () => {
    const failing = io({ out: () => { throw bug(); } });
    assert.equal(await main(['--version'], failing), 3);
    assert.match(failing.stderr, new RegExp(`^backend-architect: internal error: TypeError: .*\\n.*${version}.*${HINT}`));
    assert.doesNotMatch(failing.stderr, /\n\s+at /);
  });

  it('end a command with the stack trace when --debug is given, before or after the command', async () => {
    for (const argv of [['--debug', '--version'], ['lint', '--debug', '--format', 'json']]) {
      const failing = io({ out: () => { throw bug(); }, write: async () => { throw bug(); } });
      assert.equal(await main(argv, failing), 3);
      assert.match(failing.stderr, /\n\s+at bug \(/, argv.join(' '));
    }
  });

  it('are not the usage errors, which still exit 2 with their message alone', async () => {
    const r = io();
    assert.equal(await main(['lint', '--format', 'xml'], r), 2);
    assert.doesNotMatch(r.stderr, /: internal error:|report this at/);
  });
});

describe('--debug', () => {
  it('is taken anywhere before `--`, and is a path after it', () => {
    assert.deepEqual(debugFlag(['lint', '--debug', 'api']), { debug: true, args: ['lint', 'api'] });
    assert.deepEqual(debugFlag(['lint', '--', '--debug']), { debug: false, args: ['lint', '--', '--debug'] });
    assert.deepEqual(debugFlag(['lint']), { debug: false, args: ['lint'] });
  });
});

describe('a closed stdout', () => {
  it('stops lint quietly with the exit status of its findings', async () => {
    const closed = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    let writes = 0;
    const r = io({ write: async () => { writes++; throw closed; } });
    assert.equal(await main(['lint', '--format', 'json'], r), 0);
    assert.equal(writes, 1);
    assert.equal(r.stderr, '');
    const strict = io({ write: async () => { throw closed; } });
    assert.equal(await main(['lint', '--config', 'ci-strict.yaml'], strict), 1);
    assert.equal(strict.stderr, '');
  });
});
