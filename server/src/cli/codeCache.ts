// Loads a CommonJS bundle through V8's code cache, so later runs skip compiling it (Node 20 has no built-in
// compile cache for CommonJS). The cache lives in ~/.cache/backend-architect/code-cache (XDG_CACHE_HOME and
// LOCALAPPDATA honoured), keyed by the bundle's size and mtime and by Node's version; any failure to read or
// write it only costs speed. BACKEND_ARCHITECT_CODE_CACHE=0 turns it off, BACKEND_ARCHITECT_CACHE_DIR moves it,
// and --enable-source-maps bypasses it.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

type Env = NodeJS.ProcessEnv;

export function codeCacheDir(env: Env = process.env): string | undefined {
  if (env.BACKEND_ARCHITECT_CODE_CACHE === '0') return undefined;
  if (env.BACKEND_ARCHITECT_CACHE_DIR) return env.BACKEND_ARCHITECT_CACHE_DIR;
  const base = process.platform === 'win32' ? env.LOCALAPPDATA : env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return base ? join(base, 'backend-architect', 'code-cache') : undefined;
}

function cacheFile(dir: string, bundle: string): { path: string; prefix: string } {
  const st = statSync(bundle);
  const prefix = `${basename(bundle, '.js')}-`;
  return { path: join(dir, `${prefix}${st.size}-${Math.floor(st.mtimeMs)}-${process.version}-${process.arch}.bin`), prefix };
}

function tryRead(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Writes atomically (concurrent runs never see half a file) and drops the caches of older builds. */
function store(dir: string, file: { path: string; prefix: string }, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file.path);
    for (const n of readdirSync(dir)) {
      if (n.startsWith(file.prefix) && join(dir, n) !== file.path && n.endsWith('.bin')) unlinkSync(join(dir, n));
    }
  } catch {
    // A read-only or missing cache directory only costs speed.
  }
}

export interface Loaded {
  exports: unknown;
  /** Writes the cache when there was none or V8 rejected it (once; later calls do nothing). */
  save(): void;
}

/** Runs `bundle` as a CommonJS module, with the code cache when one is usable; `save` at exit (or sooner). */
export function loadWithCodeCache(bundle: string, parent: NodeModule, env: Env = process.env): Loaded {
  // Node maps stack traces through source maps only for modules it loads itself: with --enable-source-maps, no cache.
  if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) return { exports: require(bundle), save: () => undefined };
  const dir = codeCacheDir(env);
  const file = dir ? cacheFile(dir, bundle) : undefined;
  const cached = file ? tryRead(file.path) : undefined;
  let source = readFileSync(bundle, 'utf8');
  // A leading #! line is not JavaScript; blanking it keeps every offset (and source map) unchanged.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData: cached });
  const mod = new Module(bundle, parent);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(dirname(bundle));
  const req = Module.createRequire(bundle);
  req.main = require.main;
  script.runInThisContext()(mod.exports, req, mod, bundle, dirname(bundle));
  mod.loaded = true;
  let pending = !!dir && !!file && (!cached || script.cachedDataRejected === true);
  const save = () => {
    // Late in the run, the cache also holds the functions this run compiled, not only the top level.
    if (pending && dir && file) store(dir, file, script.createCachedData());
    pending = false;
  };
  return { exports: mod.exports, save };
}
