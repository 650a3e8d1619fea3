import { basename, extname } from 'node:path';
import { sampleDataRegions } from '../code/sampleData';
import { LineIndex } from '../text/lineIndex';
import type { KeyValue } from './connections';
import type { Location } from './model';
import { memoByString } from '../text/memo';

/** Files of a build context read for connection strings and hosts: config by name, code by extension. */
const CONFIG_NAME = /^(\.env(\..*)?|[\w.-]*\.env|application([-.][\w-]+)?\.(properties|ya?ml)|bootstrap\.(properties|ya?ml)|settings\.py|config\.(py|js|ts|json|ya?ml)|appsettings(\.[\w-]+)?\.json|database\.ya?ml|knexfile\.(js|ts)|ormconfig\.(json|js|ts)|alembic\.ini|[\w.-]*\.(properties|ini|toml|conf))$/i;
const CODE_EXT = new Set(['.py', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.go', '.java', '.kt', '.rb', '.php', '.cs', '.rs', '.scala', '.yml', '.yaml', '.json']);
export const SKIP_DIRS = new Set(['node_modules', '.git', 'vendor', 'dist', 'build', 'target', 'out', '.venv', 'venv', 'env', '__pycache__', '.next', '.gradle', '.mvn', 'coverage', 'test', 'tests', '__tests__', 'testdata', 'fixtures', 'docs']);

/** Files the model reads that the analyzer does not: watched by the language server so the model stays current. */
export const MODEL_GLOBS = ['**/.env*', '**/*.env', '**/Dockerfile*', '**/*.properties', '**/*.{ini,toml,conf}', '**/{go.mod,pom.xml,build.gradle,build.gradle.kts}', '**/requirements*.txt', '**/{logback,log4j2}*.xml'];

export function isContextFileOfInterest(path: string): boolean {
  const name = basename(path);
  if (/(^|[._-])(test|spec)s?[._-]|_test\.go$/i.test(name)) return false;
  return CONFIG_NAME.test(name) || CODE_EXT.has(extname(name).toLowerCase());
}

const isConfigFile = (path: string) => CONFIG_NAME.test(basename(path));

const KV_LINE = /^[ \t]*(?:export[ \t]+)?["']?([A-Za-z_][\w.-]*)["']?[ \t]*[:=][ \t]*["']?([^"'\r\n#]*?)["']?[ \t]*,?[ \t]*(?:#.*)?$/gm;
const PY_ANNOTATED = /^[ \t]*([A-Za-z_]\w*)[ \t]*:[^=\r\n]*=[ \t]*["']?([^"'\r\n#]*?)["']?[ \t]*,?[ \t]*(?:#.*)?$/gm;
const PY_CONSTANT = /^(None|True|False)$/;
const GETENV = /(?:getenv|environ\.get|getEnv|env\.get|Getenv|config\.get)\(\s*["']([A-Za-z_][\w.]*)["']\s*,\s*["']([^"'\n]+)["']|process\.env\.([A-Za-z_]\w*)\s*(?:\|\||\?\?)\s*["'`]([^"'`\n]+)["'`]|\$\{([A-Za-z_][\w.]*):([^}\s]+)\}/g;
const LITERAL_ADO = /["'`]([^"'`\n]*(?:Server|Host|Data Source)\s*=\s*[\w.-]+[^"'`\n]*;[^"'`\n]*)["'`]/gi;
const LITERAL_URL = /["'`]((?:jdbc:[a-z0-9]+:|[a-z][a-z0-9+.-]*:\/\/)[^"'`\s]+)["'`]/gi;

/**
 * The key/value pairs and URL literals of one file of a service's own code or config that may name a host:
 * `KEY=value` and `key: value` lines of config files, `os.getenv("DB_HOST", "db")`-style defaults and
 * `${DB_HOST:db}` placeholders, and quoted URL literals in code. A text scan: cheap, no parse.
 */
export function scanContextFile(path: string, text: string): KeyValue<Location>[] {
  const out: KeyValue<Location>[] = [];
  let lines: LineIndex | undefined;
  const loc = (start: number, end: number): Location => ({ path, start, end, range: (lines ??= new LineIndex(text)).rangeOf(start, end) });
  const config = isConfigFile(path);
  if (config) {
    // Python: `NAME: type = value` (a settings class) is read from what follows `=`; an unquoted `NAME: ...` is an
    // annotation, not a value (a quoted `'HOST': 'db'` is a dict entry, as in Django's DATABASES).
    const python = path.endsWith('.py');
    const matches = python ? [...text.matchAll(KV_LINE)].filter((m) => !/^[ \t]*[A-Za-z_][\w.-]*[ \t]*:/.test(m[0])).concat([...text.matchAll(PY_ANNOTATED)]) : text.matchAll(KV_LINE);
    for (const m of matches) {
      if (!m[2] || (python && PY_CONSTANT.test(m[2]))) continue;
      const start = m.index! + m[0].lastIndexOf(m[2]);
      out.push({ name: m[1], value: m[2], location: loc(start, start + m[2].length) });
    }
  }
  for (const m of text.matchAll(GETENV)) {
    const name = m[1] ?? m[3] ?? m[5];
    const value = m[2] ?? m[4] ?? m[6];
    const start = m.index! + m[0].lastIndexOf(value);
    out.push({ name, value, location: loc(start, start + value.length) });
  }
  if (!config) {
    // URLs in sample data (`example_payload = {... "externalURL": "http://f1d1ef51d710:9093" ...}`) are data.
    let samples: [number, number][] | undefined; // read when a URL is first found
    const inSample = (at: number) => (samples ??= sampleDataRegions(text)).some(([a, b]) => at >= a && at < b);
    for (const m of text.matchAll(LITERAL_URL)) {
      const start = m.index! + 1;
      if (!inSample(start) && !out.some((o) => o.location.start === start)) out.push({ name: '', value: m[1], location: loc(start, start + m[1].length) });
    }
    for (const m of text.matchAll(LITERAL_ADO)) {
      const start = m.index! + 1;
      if (!inSample(start)) out.push({ name: '', value: m[1], location: loc(start, start + m[1].length) });
    }
  }
  return out;
}

const HEALTH_ROUTE = /["'`](\/(?:[\w-]+\/)?(?:health|healthz|healthcheck|ready|readyz|livez|readiness|liveness|status|ping)(?:\/[\w-]+)?)["'`]/g;

/** Health routes a service's code declares ('/health', '/actuator/health', '/api/healthz'), most specific first. */
export function healthRoutes(path: string, text: string): string[] {
  if (!/\.(py|ts|mts|cts|js|mjs|cjs|go|java|kt|rb|php|cs|rs)$/i.test(path)) return [];
  const found = [...text.matchAll(HEALTH_ROUTE)].map((m) => m[1]);
  if (/management\.endpoints|spring-boot-starter-actuator|@SpringBootApplication/.test(text)) found.push('/actuator/health');
  return [...new Set(found)];
}

/** The image of the final stage of a Dockerfile (`FROM image [AS name]`), with build args left as written. */
export const dockerfileFrom: (text: string) => string | undefined = memoByString((text) => {
  const stages = new Map<string, string>();
  let last: string | undefined;
  for (const m of text.matchAll(/^[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?(\S+)(?:[ \t]+AS[ \t]+(\S+))?/gim)) {
    const image = stages.get(m[1].toLowerCase()) ?? m[1];
    if (m[2]) stages.set(m[2].toLowerCase(), image);
    last = image;
  }
  return last;
}, 2000, 100_000);
