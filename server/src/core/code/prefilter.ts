import type { FileKind } from '../documents/classify';

/**
 * A cheap text test run before parsing a code file during a workspace scan: when a file contains none of the
 * words any service-code rule looks for, it cannot have a finding, so it is not parsed at all.
 * Keep in step with the rules: a word a new check depends on belongs here.
 */
const TRIGGERS = new RegExp(
  [
    // missing-timeout: clients
    'fetch', 'axios', '\\bgot\\b', 'undici', 'https?\\b', '\\brequest', 'urlopen', 'aiohttp', 'httpx', 'HttpClient', 'HttpRequest', 'RestTemplate', 'WebClient',
    // retry-without-backoff
    'sleep', 'setTimeout', 'retry', 'Retry', 'wait_', 'IntervalFunction',
    // in-memory-state, missing-health-endpoint: servers and handlers
    'express', 'fastify', 'koa', 'Flask', 'FastAPI', 'ResponseWriter', 'Mapping', '\\.listen\\(', 'ListenAndServe', 'gin', 'echo', 'session',
    // hardcoded-secret: secret-like names, URL passwords and known token prefixes
    'passw', 'passwd', 'pwd', 'secret', 'token', 'api.?key', 'credential', 'auth', 'private', 'BEGIN', 'AKIA', 'ASIA', 'gh[pousr]_', 'github_pat', 'sk_live', 'sk_test', 'rk_live', 'whsec_', 'xox[abeprs]-', 'AIza', 'GOCSPX', 'sk-', 'npm_', 'eyJ', '://[^\\s/:@]+:[^\\s/@]+@',
  ].join('|'),
  'i',
);

/** False when no service-code rule can find anything in this text (the file need not be parsed). */
export function mayHaveCodeFindings(kind: FileKind, text: string): boolean {
  if (kind !== 'python' && kind !== 'typescript' && kind !== 'javascript' && kind !== 'go' && kind !== 'java') return true;
  return TRIGGERS.test(text);
}
