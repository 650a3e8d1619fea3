import { isTestPath } from './testFiles';
import { foldersOf, inUnusedFolder } from '../unusedFolders';
import { packageJsonOnDisk, type PackageJsonOf } from './packageJson';
import { loadedByHtmlPage } from './htmlPages';
import { callsDataLibraryHook } from './componentHooks';

/**
 * Whether a code file is backend code, the only code the rules about outbound calls judge (missing-timeout,
 * missing-circuit-breaker, retry-without-backoff). Code that runs in a browser or on a phone, load tests and
 * benchmarks, and tests are out of scope; server code inside a front-end framework stays in. See docs/scope.md.
 */
export type CodeScope = 'backend' | { outOfScope: string };

/** Server code inside a front-end framework: Next.js route handlers and API pages, server actions, Nuxt server
 * routes, SvelteKit server files, `*.server.ts` modules (Remix), SSR data loaders. */
const SERVER_PATH = /[\\/]app[\\/](.+[\\/])?route\.[cm]?[jt]sx?$|[\\/]pages[\\/]api[\\/]|[\\/]server[\\/]|[\\/]\+(page|layout)\.server\.[jt]s$|[\\/]\+server\.[jt]s$|[\\/]hooks\.server\.[jt]s$|\.server\.[cm]?[jt]sx?$/;
const SSR_EXPORT = /export\s+(async\s+)?(function|const)\s+(getServerSideProps|getStaticProps|loader|action)\b/;
const SERVICE_WORKER_NAME = /(^|[\\/.-])(service-?worker|sw)\.[cm]?[jt]s$/i;
const SERVICE_WORKER_CODE = /\bself\.addEventListener\(\s*['"](fetch|install|activate)['"]|\bimportScripts\s*\(/;
/** The extension APIs of Chrome and Firefox (`chrome.cookies.getAll`, `browser.runtime.sendMessage`): only an extension has them. */
const EXTENSION_CODE = /\b(?:chrome|browser)\.(?:runtime|tabs|cookies|storage|alarms|action|browserAction|scripting|webRequest|contextMenus|identity|declarativeNetRequest)\.\w+\s*\(/;
const UI_FILE = /\.(vue|svelte)$/;
const JSX_FILE = /\.[jt]sx$/;
/** JSX markup: a closing tag or a self-closing element. */
const JSX_MARKUP = /<\/[A-Za-z][\w.]*>|<[A-Za-z][\w.]*(\s[^<>]*)?\/>/;
const WEB_FOLDER = /^(static|public|assets)$/i;

const LOAD_TEST_CODE = /from\s+['"]k6(\/[\w-]+)?['"]|require\(\s*['"]k6(\/[\w-]+)?['"]\s*\)|^\s*(from\s+locust\s+import|import\s+locust)\b|['"]artillery[\w-]*['"]|\bimport\s+io\.gatling\.|\bimport\s+org\.apache\.jmeter\./m;
const LOAD_TEST_FOLDER = /^(load-?tests?|loadtests?|load-?gen(erators?)?|perf|benchmarks?)$|[-_](benchmarks?|load-?tests?|load-?gen)$/i;
/** A JavaScript or TypeScript module that imports a test runner's or an HTTP test client's API: test support, wherever it lies. */
const TEST_LIBRARY_IMPORT = /(?:\bfrom\s*|\brequire\(\s*)['"](?:supertest|@jest\/globals|vitest|@playwright\/test|@testing-library\/[\w-]+|testcontainers|@testcontainers\/[\w-]+)['"]/;
const BENCHMARK_FILE = /[\\/](bench(mark)?s?[_-][^\\/]*|[^\\/]*[_-]bench(mark)?s?)\.(py|[cm]?[jt]s|go|java)$/i;

/** Dependencies that make a package a browser or phone app, and those that make it (also) a server. */
const PHONE_APP = ['react-native', 'expo'];
const SPA = ['react-dom', 'vue', 'svelte', '@angular/core', 'preact', 'solid-js'];
const FULL_STACK = ['next', 'nuxt', '@sveltejs/kit', '@remix-run/react', 'astro'];
const SERVER_FRAMEWORK = /^(express|fastify|koa|@nestjs\/core|@hapi\/hapi|hono|restify|@apollo\/server)$/;
/** Host APIs of client applications that run on the user's machine: a plugin or extension of an editor, a browser
 * or a desktop app, and desktop apps themselves. */
const CLIENT_HOST: Record<string, string> = {
  obsidian: 'an Obsidian plugin', electron: 'an Electron desktop app', '@tauri-apps/api': 'a Tauri desktop app',
  '@types/vscode': 'a VS Code extension', '@raycast/api': 'a Raycast extension', '@figma/plugin-typings': 'a Figma plugin',
  'webextension-polyfill': 'a browser extension', '@types/chrome': 'a browser extension', wxt: 'a browser extension', plasmo: 'a browser extension',
};
/** Test environments that emulate a browser: a package tested in one is browser code (an SDK loaded by web pages). */
const BROWSER_TEST_ENVIRONMENT = ['jest-environment-jsdom', 'happy-dom', '@happy-dom/global-registrator', '@vitest/browser', 'karma'];
/** Libraries that drive or emulate a browser from Node: their users name the browser's globals in server code. */
const BROWSER_FROM_NODE = ['puppeteer', 'puppeteer-core', 'playwright', 'playwright-core', 'selenium-webdriver', 'webdriverio', 'jsdom', 'linkedom', 'happy-dom', 'cheerio'];
/** Bundlers that build an HTML page's scripts for the browser. */
const BROWSER_BUNDLER = ['vite', 'webpack', 'parcel', 'snowpack'];
/** Folders of code that documents (samples in the docs), not code that runs. */
const DOCS_FOLDER = /^(docs?|documentation)$/i;
/**
 * Folders of sample programs that show how to use the product (`examples/go/chunking-example/`): not its services.
 * Plural only in JVM code: `example` and `sample` are package names there (`com/example/demo`, `com/amazon/sample/ui`). A build
 * module of samples named so counts too (`xxl-job-executor-samples/`, `shop-demo/`; a folder named `demo` alone does not: Spring's
 * starter package is `com/example/demo`).
 */
const EXAMPLES_FOLDER = /^(examples|samples|sample[-_]?apps|demos)$|[-_](examples|samples|demos?)$/i;
/** A folder of sample programs by its name (`examples/`, `samples/`, `shenyu-examples/`): plural, or a module named so. */
export function isSamplesFolder(name: string): boolean {
  return EXAMPLES_FOLDER.test(name);
}

/** Outside JVM code, where package names are folders, a folder named `example` holds sample programs as `examples/` does. */
const EXAMPLE_FOLDER = /^example$/i;
const JVM_FILE = /\.(java|kt|kts|scala|groovy)$/;
/** A Go file other than a _test.go one: a package of test helpers (`dbtest`, `apitest`) is one that takes *testing.T. */
const GO_TEST_SUPPORT = /\.go$/;

/** Folders of scripts, tools and commands a person runs by hand (and of experiments a person runs). */
const SCRIPT_FOLDER = /^(scripts?|tools?|bin|hack|dev|code-?gen(eration)?|generators?|experiments?|migrations?|backfills?)$/i;
/** A program's own entry: a `#!` line, Python's `__main__` guard, Go's `package main`. */
const RUNS_AS_PROGRAM = /^#!|^if\s+__name__\s*==\s*['"]__main__['"]|^package\s+main\b/m;
/** A script that starts a server is a service, wherever it lies. */
const STARTS_SERVER = /(\b(uvicorn\.run|web\.run_app|serve_forever|ListenAndServe\w*|SpringApplication\.run|Micronaut\.run|Quarkus\.run|HttpServer\.create|ServerBuilder\.forPort)|\.listen)\s*\(|\bapp\.run\s*\(|\bgrpc\.server\s*\(/;
/** A Java class with a `main` method: a program of its own. */
const JAVA_MAIN = /\bpublic\s+static\s+void\s+main\s*\(/;
/**
 * A copy kept beside the code under a backup name (`index.backup.ts`, `client.bak.py`, `Api.orig.java`): no import
 * reaches it by that name (a Python module name cannot hold a dot). Go is left out: its compiler builds every file.
 */
const BACKUP_FILE = /\.(backup|bak|orig|old)\.(py|[cm]?[jt]sx?|java)$/i;

/** Hosts of the URLs written in a file's strings, and loopback addresses written as a string's start (a gRPC
 * target `'localhost:50051'`, `'[::]:8080'`, a host argument's default `"localhost"`). */
const URL_HOST = /['"`]https?:\/\/(\[[\d:a-f]+\]|[\w.-]+)|['"`](localhost|127(?:\.\d+){3}|0\.0\.0\.0|\[::1?\])(?=[:'"`])/gi;
const LOOPBACK = /^(localhost|127(\.\d+){3}|0\.0\.0\.0|\[::1?\])$/i;
/** A Python loop at the top level of a file, or a JavaScript/TypeScript file that exports nothing: run, not imported. */
const PY_TOP_LOOP = /^(for|while)\b[^\n]*:\s*$/m;
const JS_EXPORTS = /\bexport\s|\bmodule\.exports\b|\bexports\.\w+\s*=/;
const TEMPLATE_LITERAL = /`(?:[^`\\]|\\[\s\S])*`/g;

function isProgram(path: string, text: string): boolean {
  if (RUNS_AS_PROGRAM.test(text) || (path.endsWith('.java') && JAVA_MAIN.test(text))) return true;
  if (path.endsWith('.py')) return PY_TOP_LOOP.test(text);
  // An `export` inside a template literal is text the script writes (a generated module), not its own export.
  return /\.[cm]?[jt]s$/.test(path) && !JS_EXPORTS.test(text.replace(TEMPLATE_LITERAL, '``'));
}

/** The text before a bare loopback address on its line, when the address is a call's argument that it connects to. */
const LOOPBACK_TARGET = /(?:insecure_channel|secure_channel|Dial\w*|forAddress|forTarget|new\s+[\w.$]+|\w*[Aa]rgs?\w*)\s*\([^()]*$/;
const ADDRESS_FROM_ENV = /\b(getenv|Getenv|LookupEnv|environ|process\.env|System\.getenv)\b[^\n]{0,40}(ADDR|HOST|URL|URI|ENDPOINT|BROKER|SERVER|TARGET)/i;

/** Whether every URL the file writes is on the machine it runs on (and it writes at least one). */
function callsOnlyThisMachine(text: string): boolean {
  // A bare loopback address counts where it is a target: a channel's, a client's, a program argument's default (not
  // a settings hint, `"hint": "localhost:4245"`, nor a manual-test block's variable).
  const found = [...text.matchAll(URL_HOST)].filter((m) => !m[2] || LOOPBACK_TARGET.test(text.slice(text.lastIndexOf('\n', m.index!) + 1, m.index!)));
  // A bare loopback default beside an address read from the environment (`getenv("REDIS_ADDR", "localhost:6379")`) is
  // a worker's local default, not proof that it calls only this machine.
  if (found.some((m) => m[2]) && ADDRESS_FROM_ENV.test(text)) return false;
  const hosts = found.map((m) => m[1] ?? m[2]);
  return hosts.length > 0 && hosts.every((h) => LOOPBACK.test(h));
}

/**
 * Commands of a command-line tool defined in the file: cobra's and urfave/cli's command structs, commander's
 * `.command(...)` with an `.action(...)`, click's and Typer's command decorators.
 */
const CLI_COMMANDS = /&cobra\.Command\s*\{|\bcli\.Command\s*\{|\.command\(\s*["'`][\w:-]+[^)]*\)[\s\S]{0,2000}?\.action\(/;
const PY_CLI_COMMANDS = /^\s*@(?:click\.(?:command|group)|\w+\.command)\(/m;
const PY_CLI_LIBRARY = /^\s*(?:import|from)\s+(?:click|typer)\b/m;

const CLI_FOLDER = /^(cli|[\w.-]+[-_]cli)$/i;

function definesCliCommands(path: string, text: string): boolean {
  if (path.endsWith('.py')) return PY_CLI_COMMANDS.test(text) && PY_CLI_LIBRARY.test(text);
  return CLI_COMMANDS.test(text);
}

/**
 * A script a person runs and can stop: a program that starts no server, in a scripts/, tools/, bin/, dev/ or code-generation folder (a `#!`
 * line, a `__main__` guard, `package main`, or a JavaScript file that exports nothing), or anywhere when every URL
 * it calls is on the machine it runs on (a seeding or token-collecting script against a local stack); or a file of
 * a command-line tool's commands (a cobra subcommand such as `isready`, a commander action) or in its own folder (`cli/`,
 * `acme-cli/`) that starts no server.
 */
export function isHandRunScript(path: string, text: string, root?: string): boolean {
  if (STARTS_SERVER.test(text)) return false;
  if (definesCliCommands(path, text)) return true;
  // A command-line tool's own folder (`cli/`, `acme-cli/`): its helpers run inside the commands a person starts.
  if (foldersOf(path, root).some((d) => CLI_FOLDER.test(d))) return true;
  // A Go package of a tools/ or scripts/ folder is compiled into the tools there (`tools/s3/internal/conversion.go`).
  if (path.endsWith('.go') && foldersOf(path, root).some((d) => SCRIPT_FOLDER.test(d))) return true;
  if (!isProgram(path, text)) return false;
  return foldersOf(path, root).some((d) => SCRIPT_FOLDER.test(d)) || callsOnlyThisMachine(text);
}

/** Folders of a full-stack framework's app whose code (server files aside) renders in the browser. */
const CLIENT_FOLDER = /^(components|hooks|pages)$/;

/** React hooks and globals only a browser has: a module that uses them runs in the browser, whatever its folder. */
const BROWSER_CODE = /\buse(State|Effect|Callback|Memo|Ref|Reducer|Context|LayoutEffect|Router|SearchParams)\s*\(|\b(localStorage|sessionStorage)\.|\bdocument\.(cookie|getElementById|querySelector\w*|body|createElement|documentElement|addEventListener)\b|\bwindow\.(location|localStorage|sessionStorage|addEventListener|dispatchEvent|URL|open|matchMedia|scrollTo)\b|\bnavigator\.(sendBeacon|clipboard)\b|\bnew\s+(FileReader|DOMParser)\s*\(|\bhandleDOMEvents\b/;
/** The browser's own globals, as a package without any UI framework uses them (`document.body` left out: a server
 * names its stored documents so), and axios's `withCredentials: true`, which only a browser's requests act on. */
const BROWSER_GLOBALS = /\bwithCredentials\s*:\s*true\b|\b(localStorage|sessionStorage)\.|\bdocument\.(cookie|getElementById|querySelector\w*|createElement|documentElement|addEventListener)\b|\bwindow\.(location|localStorage|sessionStorage|addEventListener|dispatchEvent|open|matchMedia|scrollTo)\b|\bnavigator\.(sendBeacon|clipboard|userAgent)\b/;
const UI_FRAMEWORK = ['react', 'react-dom', 'next', 'vue', 'nuxt', 'svelte', '@sveltejs/kit', 'preact', 'solid-js', '@angular/core', '@remix-run/react', 'astro'];

function packageScope(path: string, text: string, packageJsonOf: PackageJsonOf, root?: string): CodeScope | undefined {
  const manifest = packageJsonOf(path);
  const deps = manifest?.dependencies;
  if (!manifest || !deps) return undefined;
  const has = (names: string[]) => names.find((n) => deps.includes(n));
  const phone = has(PHONE_APP);
  if (phone) return { outOfScope: `it belongs to a ${phone === 'expo' ? 'Expo' : 'React Native'} app (package.json), which runs on a phone` };
  const fullStack = has(FULL_STACK);
  if (fullStack && foldersOf(path, root).some((d) => CLIENT_FOLDER.test(d))) return { outOfScope: `it is client code of a ${fullStack} app (not a route handler, server action or server file)` };
  // Any module of a UI app that uses React hooks (its own, or a data library's) or the browser's globals (a `lib/`
  // helper imported by client components).
  const ui = has(UI_FRAMEWORK);
  if (ui && (BROWSER_CODE.test(text) || callsDataLibraryHook(text))) return { outOfScope: `it uses React hooks or the browser's globals in a ${ui} app, so it runs in the browser` };
  if (fullStack) return undefined;
  const spa = has(SPA);
  // A server framework among devDependencies (a mock API for the front end's development, an e2e test's webhook
  // receiver) makes no backend.
  const server = (manifest.runtime ?? deps).some((d) => SERVER_FRAMEWORK.test(d));
  if (spa && !server) return { outOfScope: `it belongs to a front-end app (package.json depends on ${spa}), which runs in the browser` };
  if (server) return undefined;
  const host = Object.keys(CLIENT_HOST).find((n) => deps.includes(n));
  if (host) return { outOfScope: `it belongs to ${CLIENT_HOST[host]} (package.json depends on ${host}), which runs on the user's machine` };
  const emulated = BROWSER_TEST_ENVIRONMENT.find((n) => deps.includes(n) && !manifest.runtime?.includes(n));
  if (emulated) return { outOfScope: `it belongs to a browser library (its tests run in ${emulated}, an emulated browser)` };
  if (BROWSER_GLOBALS.test(text) && !has(BROWSER_FROM_NODE)) return { outOfScope: "it uses the browser's globals (document, window, localStorage) in a package without a server framework, so it runs in the browser" };
  const bundler = has(BROWSER_BUNDLER);
  if (bundler && manifest.page) return { outOfScope: `it belongs to a front-end app (${bundler} builds its index.html page), which runs in the browser` };
  if (manifest.bin) return { outOfScope: 'it belongs to a command-line tool (package.json declares bin and no server framework), which a person runs and can stop' };
  return undefined;
}

/** The scope of a code file, from its path, its text and (for JavaScript and TypeScript) its package.json. */
export function codeScope(path: string, text: string, packageJsonOf?: PackageJsonOf, root?: string): CodeScope {
  // A load-test folder is also a test folder: the more precise reason first.
  if (LOAD_TEST_CODE.test(text) || BENCHMARK_FILE.test(path) || foldersOf(path, root).some((d) => LOAD_TEST_FOLDER.test(d))) return { outOfScope: 'it is a load test or a benchmark' };
  if (isTestPath(path, root)) return { outOfScope: 'it is test code' };
  if (BACKUP_FILE.test(path)) return { outOfScope: 'it is a backup copy (its name says so), which no import reaches' };
  if (TEST_LIBRARY_IMPORT.test(text)) return { outOfScope: 'it is test support (it imports a test library)' };
  if (GO_TEST_SUPPORT.test(path) && /"testing"/.test(text) && /\bfunc\s+(?:\([^)]*\)\s*)?[A-Z]\w*(?:\[[^\]]*\])?\([^)]*\*?testing\.(?:T|TB|B)\b/.test(text)) return { outOfScope: 'it is test code (a package of test helpers: it imports testing and its functions take *testing.T)' };
  if (GO_TEST_SUPPORT.test(path) && /"github\.com\/stretchr\/testify\/suite"/.test(text)) return { outOfScope: "it is test code (a testify suite: it imports testify's suite package)" };
  if (inUnusedFolder(path, root)) return { outOfScope: 'it is in a folder the repository marks as not in use' };
  if (foldersOf(path, root).some((d) => DOCS_FOLDER.test(d))) return { outOfScope: 'it is code in a docs/ folder, a sample of the documentation' };
  // Only below a known workspace root: a project that itself lives in an `examples/` folder is no sample of another.
  if (root && foldersOf(path, root).some((d) => EXAMPLES_FOLDER.test(d) || (EXAMPLE_FOLDER.test(d) && !JVM_FILE.test(path)))) return { outOfScope: 'it is a sample program in an examples/, example/, samples/ or demo/ folder, not a service of the system' };
  if (isHandRunScript(path, text, root)) return { outOfScope: 'it is a script that a person runs and can stop (a program in a scripts/, tools/ or bin/ folder, one that calls only localhost, or a command-line tool\'s commands; it starts no server)' };
  const directive = leadingDirective(text);
  // Folders above the file's own package do not count: a dashboard app kept in the repository's `server/` folder is
  // no server code for that.
  const dir = /\.[cm]?[jt]sx?$/.test(path) ? packageJsonOf?.(path)?.dir : undefined;
  const inPackage = dir && path.startsWith(dir) ? path.slice(dir.length) : path;
  if (SERVER_PATH.test(inPackage) || directive === 'use server' || SSR_EXPORT.test(text)) return 'backend';
  if (directive === 'use client') return { outOfScope: "it is a 'use client' module, which runs in the browser" };
  if (SERVICE_WORKER_NAME.test(path) || SERVICE_WORKER_CODE.test(text)) return { outOfScope: 'it is a service worker, which runs in the browser' };
  if (EXTENSION_CODE.test(text)) return { outOfScope: "it is a browser extension's code (it calls the chrome.* extension APIs), which runs in the browser" };
  if (UI_FILE.test(path) || (JSX_FILE.test(path) && JSX_MARKUP.test(text))) return { outOfScope: 'it is a UI component' };
  if (foldersOf(path, root).some((d) => WEB_FOLDER.test(d))) return { outOfScope: 'it is under a static/, public/ or assets/ folder, which a web server sends to browsers' };
  if (packageJsonOf && loadedByHtmlPage(path, root)) return { outOfScope: 'an HTML page beside it loads it with a <script> tag, so it runs in the browser' };
  if (/\.([cm]?[jt]sx?)$/.test(path) && packageJsonOf) return packageScope(path, text, packageJsonOf, root) ?? 'backend';
  return 'backend';
}

/** Whether a file on disk is judged as backend code: in the scope, or forced back in by the config file. */
export function inBackendScope(path: string, text: string, root: string | undefined, isForcedBackend: (path: string) => boolean): boolean {
  return isForcedBackend(path) || codeScope(path, text, packageJsonOnDisk, root) === 'backend';
}

const DIRECTIVE = /^['"](use server|use client)['"]/;

/** The 'use server' or 'use client' directive that opens a module after its comments, read in one pass (a regular
 * expression over several block comments backtracks without end on long licence headers). */
export function leadingDirective(text: string): 'use server' | 'use client' | undefined {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at])) at++;
    if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      if (end < 0) return undefined;
      at = end + 1;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      if (end < 0) return undefined;
      at = end + 2;
    } else {
      return DIRECTIVE.exec(text.slice(at, at + 16))?.[1] as 'use server' | 'use client' | undefined;
    }
  }
}
