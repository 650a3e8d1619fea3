import type { FileKind } from '../documents/classify';
import { startsServer } from './observability/scan';
import { MESSAGING_MARKER } from './messaging/index';

/**
 * A cheap text test run before parsing a code file during a workspace scan: a file that holds none of the things
 * the service-code rules look for cannot have a finding, so it is not parsed at all. Keep in step with the rules:
 * a check that needs a new client, library or word must add it here (test/unit/code/prefilter.test.ts runs every
 * rule's positive cases through it).
 */
const CLIENTS: Record<string, RegExp> = {
  python: /\b(requests|httpx|aiohttp|urlopen|urllib)\b/,
  typescript: /\bfetch\s*\(|axios|['"](got|undici|request|node-fetch|cross-fetch|isomorphic-fetch)['"]|['"](node:)?https?['"]|@nestjs\/microservices/,
  go: /"net\/http"/,
  java: /HttpClient|HttpRequest|RestTemplate|WebClient/,
};
CLIENTS.javascript = CLIENTS.typescript;

/** Retry loops (a sleep and a caught error) and retry libraries. */
const RETRY = /((\bsleep|Sleep|setTimeout|\bdelay|\bwait)\s*\(|IntervalFunction|RetryConfig|axios-retry|p-retry|tenacity)/;
const CAUGHT = /\bcatch\b|\bexcept\b|err\s*[!=]=\s*nil|IntervalFunction|RetryConfig|axios-retry|p-retry|tenacity/;

/** HTTP servers and request handlers (in-memory-state, missing-health-endpoint). */
const SERVER = /express|fastify|\bkoa\b|hono|urlpatterns|Flask|FastAPI|ResponseWriter|Mapping\b|\.listen\s*\(|ListenAndServe|gin\.|echo\.|\(\s*req\s*,\s*res\b/;

/** Secrets: known token prefixes, passwords in URLs, and a secret-like name given a quoted literal. */
const SECRET =
  /-----BEGIN|\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}|\bgh[pousr]_|github_pat_|\b[sr]k_(live|test)_|whsec_|xox[abeprs]-|AIza|GOCSPX-|sk-ant-|sk-proj-|T3BlbkFJ|\bnpm_|eyJ[\w-]{8,}\.eyJ|:\/\/[^\s/:@'"`]*:[^\s/@'"`]+@|(pass|pwd|secret|token|key|credential|auth|bearer|signature|salt|dsn)\w*["'`]?\s*(:=|=>|[:=]|,)\s*[rbuf]*["'`][^"'`\s]{4}/i;

/** False when no service-code rule can find anything in this text (the file need not be parsed). */
export function mayHaveCodeFindings(kind: FileKind, text: string): boolean {
  const clients = CLIENTS[kind];
  if (!clients) return true;
  return clients.test(text) || MESSAGING_MARKER.test(text) || SECRET.test(text) || SERVER.test(text) || (RETRY.test(text) && CAUGHT.test(text)) || startsServer(kind, text);
}
