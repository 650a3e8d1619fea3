// Starts the VS Code server (code-server's bundled VS Code) on 127.0.0.1 with its own data directories, in its own
// process group, and ends that group when asked. Shared by the test runner, the screenshots and `npm start`.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { NODE_BIN, SERVER_MAIN } from './paths.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts server-main.js; resolves once it listens. `dir` holds its server-data, user-data and extensions folders
 * and server.log. `extraArgs` are appended (e.g. --enable-smoke-test-driver); `userSettings` seeds the user's
 * settings.json. Returns { port, base, stop(), exited, ... }.
 */
export async function startServer({ dir, port, extraArgs = [], env = {}, echo = false, userSettings }) {
  port ??= await freePort();
  const dirs = { serverData: join(dir, 'server-data'), userData: join(dir, 'user-data'), extensions: join(dir, 'extensions') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  if (userSettings) {
    mkdirSync(join(dirs.userData, 'User'), { recursive: true });
    writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  }
  const logPath = join(dir, 'server.log');
  const log = createWriteStream(logPath);
  const args = [
    SERVER_MAIN,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--server-data-dir', dirs.serverData,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    ...extraArgs,
  ];
  // detached: its own process group, so stop() ends the server and every extension host and language server it started.
  // The suite sets the chat's key and endpoint itself: a developer's own Anthropic variables stay out of the server.
  const { ANTHROPIC_API_KEY: _key, ANTHROPIC_BASE_URL: _url, ...inherited } = process.env;
  const child = spawn(NODE_BIN, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...inherited, ...env } });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const listening = new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      log.write(text);
      if (echo) process.stdout.write(text);
      seen = (seen + text).slice(-4096);
      if (/listening on/i.test(seen)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    exited.then(({ code, signal }) => reject(new Error(`the VS Code server exited (${code ?? signal}) before listening; see ${logPath}:\n${seen}`)));
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // The group has already gone.
    }
    const forced = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }, 5000);
    await exited;
    clearTimeout(forced);
    // Children that outlived the server in its group.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // None left.
    }
    log.end();
    for (const [signal, handler] of signalHandlers) process.off(signal, handler);
  };
  // Interrupted (Ctrl-C, CI's kill): end the server's process group before exiting.
  const signalHandlers = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => {
    const handler = () => {
      stop().finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));
    };
    process.once(signal, handler);
    return [signal, handler];
  });
  try {
    await listening;
  } catch (error) {
    await stop();
    throw error;
  }
  const base = `http://127.0.0.1:${port}`;
  return {
    port, base, logPath, dirs, exited, stop, pid: child.pid,
    /** True once stop() was called (by the caller or on a signal). */
    get stopping() {
      return stopped;
    },
  };
}

/** The web client's URL for a folder, with an optional smoke-test payload ([[key, value], ...]). */
export function clientUrl(server, folder, payload) {
  const params = new URLSearchParams({ folder });
  if (payload) params.set('payload', JSON.stringify(payload));
  return `${server.base}/?${params.toString()}`;
}

/** A path on the server's machine as the web client names it. */
export function remoteUri(server, absPath) {
  return `vscode-remote://127.0.0.1:${server.port}${absPath}`;
}
