/**
 * One secret detector for the whole product: the hardcoded-secret rule (compose and code) and the chat's redaction.
 * Nothing here returns or logs a secret's text beyond the spans it occupies.
 */
import { SECRET_FORMATS, URL_PASSWORD } from './formats';
import { nameWords, secretName } from './names';
import { isPlaceholder, looksLikePassword, looksRandom } from './values';

export { isPlaceholder, entropy } from './values';
export { secretName, nameWords } from './names';

export interface SecretMatch {
  /** UTF-16 offsets of the secret itself (not the name it is assigned to). */
  start: number;
  end: number;
  /** What it is, for messages: "GitHub token", "password in a connection string", "password", "API key or token". */
  kind: string;
}

/** The known token format a value contains, if any (a private key only with key material in it). */
export function knownFormat(value: string): SecretMatch | undefined {
  for (const f of SECRET_FORMATS) {
    f.re.lastIndex = 0;
    const m = f.re.exec(value);
    if (m) return { start: m.index, end: m.index + m[0].length, kind: f.kind };
  }
  return undefined;
}

/**
 * knownFormat, but what the rules count as a secret: a private key block only with a key in it (holdsKeyMaterial),
 * and a token only when its body is generated, not readable words (`xoxb-test-token`, `sk_test_placeholder_key`).
 */
export function knownSecret(value: string): SecretMatch | undefined {
  const found = knownFormat(value);
  if (!found) return undefined;
  const text = value.slice(found.start, found.end);
  if (found.kind === 'private key') return holdsKeyMaterial(text) ? found : undefined;
  // The key id of a presigned URL (`X-Amz-Credential=AKIA.../20230117/...`): handed out with the URL by design, and
  // nothing without the secret key, which the signature only proves.
  if (found.kind === 'AWS access key id' && /X-Amz-Credential=$/i.test(value.slice(Math.max(0, found.start - 20), found.start))) return undefined;
  // Cut short by an elision (`xoxp-1-Mi0y...MDkw`, or the one-character ellipsis): a token redacted for a document or a test, not usable.
  if (/^(\.\.\.|\u2026)/.test(value.slice(found.end)) || /\.\.\.|\u2026/.test(text)) return undefined;
  return typedByHand(text) ? undefined : found;
}

const KEYBOARD_RUN = /([A-Za-z0-9])\1{5}|0123456|1234567|2345678|3456789|abcdefg/i;

/**
 * A token typed by hand: one with a keyboard run in it (a character six times over, an ascending sequence), or whose
 * body after its prefix (`xoxb-`, `sk_test_`) is readable: words only (`xoxb-test-token`), or two or more words
 * between separators (`xoxb-secret-bot-token-12345`), or words in one case each (`xoxb-BOT-SECRET`). Generated bodies
 * are digits and mixed-case runs.
 */
function typedByHand(token: string): boolean {
  // A run typed at the keyboard (`AAAAAAAAAAAAAAAA`, `9999999`, `1234567890`, `abcdefghij`): generated bodies have none.
  if (KEYBOARD_RUN.test(token)) return true;
  const body = token.replace(/^[A-Za-z]+[-_](?:(?:live|test)_)?/, '');
  if (body === token) return false;
  if (/^[a-z]+(?:[-_][a-z]+)*$/.test(body)) return true;
  // Words in one case each (`xoxb-BOT-SECRET`, `xoxe-REFRESH-SECRET`): generated bodies mix cases within a run.
  if (body.split(/[-_]/).every((part) => /^(?:[a-z]{2,16}|[A-Z]{2,16})$/.test(part))) return true;
  return body.split(/[-_]+/).filter((part) => /^[a-z]{3,}$/.test(part)).length >= 2;
}

/**
 * A private key block with a key in it: a body of at least 100 base64 characters (the shortest real keys have more),
 * no elision in it (`…`, a line of dots), and when it has no END line, one that is not cut short with `...` (a stub in
 * a test or a doc).
 */
function holdsKeyMaterial(block: string): boolean {
  const start = block.indexOf('-----', 5) + 5;
  const end = block.indexOf('-----END ', start);
  let n = 0;
  for (let i = start, stop = end < 0 ? block.length : end; i < stop && n < 100; i++) if (BASE64_CHAR[block.charCodeAt(i)]) n++;
  if (n < 100) return false;
  // An elision inside the body (`…` or a line of dots): an excerpt shown to a reader, never a key a program loads.
  if (/\u2026|\n\s*\.{3,}\s*\n/.test(block.slice(start, end < 0 ? block.length : end))) return false;
  return end >= 0 || !/(\.\.\.|\u2026)["'`]?\s*$/.test(block.slice(-12));
}

/** Base64 characters by char code. */
const BASE64_CHAR: boolean[] = Array.from({ length: 128 }, (_, c) => /[A-Za-z0-9+/=]/.test(String.fromCharCode(c)));

/** Documentation examples of real formats (AWS's AKIAIOSFODNN7EXAMPLE, `xxxx` runs): not secrets. */
export function isExample(value: string): boolean {
  return /example|dummy|fake|sample|xxxx|0000000/i.test(value) || isExpiredJwt(value);
}

/** A JSON Web Token whose `exp` has passed: a sample kept in docs or code, no longer accepted anywhere. */
function isExpiredJwt(value: string): boolean {
  const m = /^(?:Bearer\s+)?eyJ[\w-]+\.(eyJ[\w-]+)\.[\w-]+$/.exec(value.trim());
  if (!m) return false;
  try {
    const exp = (JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && exp * 1000 < Date.now();
  } catch {
    return false; // not a JSON payload: judged as any token
  }
}

/** Passwords inside URLs and connection strings of a text (`postgres://user:pw@host`), placeholders left out. */
/** A password that says what it is instead of being one (`postgres_password`): a snake_case name, as outside a URL. */
const SELF_NAMED = /^[a-z]+(_[a-z]+)*_(password|secret)$/i;

export function urlPasswords(text: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  URL_PASSWORD.lastIndex = 0;
  for (let m = URL_PASSWORD.exec(text); m; m = URL_PASSWORD.exec(text)) {
    const pw = m[1];
    const plain = decodeURIComponentSafe(pw);
    // A placeholder, or a password that names itself (`postgres_password`), as a value outside a URL is judged.
    if (isPlaceholder(plain) || SELF_NAMED.test(plain)) continue;
    const start = m.index + m[0].indexOf(`:${pw}@`) + 1;
    out.push({ start, end: start + pw.length, kind: 'password in a connection string' });
  }
  return out;
}

/**
 * Whether `value`, assigned to `name`, is a hardcoded secret; the kind when it is.
 * Known token formats count whatever the name; otherwise the name must say secret (password, token, api_key, ...)
 * and the value must look like one: any non-placeholder literal for passwords, a random-looking string for keys.
 * References (`${VAR}`, `$VAR`, `vault:...`) and placeholders (`changeme`, `<your-key>`, `xxxx`) never count.
 */
export function looksLikeSecret(name: string, value: string): string | undefined {
  if (value.length > 2000) return judgeSecret(name, value);
  const key = `${name}\0${value}`;
  const cached = judged.get(key);
  if (cached !== undefined) return cached || undefined;
  if (judged.size >= MAX_JUDGED) judged.clear();
  const kind = judgeSecret(name, value);
  judged.set(key, kind ?? '');
  return kind;
}

/** looksLikeSecret's answers by name and value ('' for none): each keystroke in a manifest judges the same variables again. */
const judged = new Map<string, string>();
const MAX_JUDGED = 20_000;

/** A password hash (bcrypt, argon2, scrypt, PBKDF2, crypt's SHA-512): what a system stores instead of the password. */
const PASSWORD_HASH = /^\$(2[abxy]?|argon2(id|i|d)|scrypt|6|5)\$|^pbkdf2_sha(1|256|512)\$/;

/** Words of a name that say its value is no credential: a stand-in, a mask, a sample. */
const STAND_IN = /^(dummy|fake|placeholder|redacted|masked|mock|sample|example|blank)$/;

const CALL_SHAPE = /^[A-Za-z_][\w.]*\([\w\s,.[\]"'=]*\)$/;
const BARE_URL = /^[a-z][\w+.-]*:\/\/[^\s@?#]+$/i;

/**
 * An endpoint's path, maybe with a query (`auth/token?grant_type=client_credentials`, `third-party-service/v1/auth/token`):
 * two or more segments, each a lowercase word, a version or a `{parameter}` (a token's slashes split random runs);
 * or a scoped package's module path.
 */
function isEndpointPath(value: string): boolean {
  // A scoped package's module path (`@medusajs/medusa/auth`) names code, not a credential.
  if (/^@[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*(\/[\w.-]+)*$/.test(value)) return true;
  const [path, query] = value.split('?', 2);
  const segments = path.replace(/^\/+|\/+$/g, '').split('/');
  if (segments.length < 2 || !segments.every((x) => /^[a-z][a-z0-9_-]{0,40}$|^v\d+$|^\{\w+\}$/.test(x))) return false;
  return query === undefined || /^[\w.-]+=[\w.-]*(&[\w.-]+=[\w.-]*)*$/.test(query);
}

/** A value that repeats its own name (`client_secret: client_secret`): a stand-in for the real one. */
export function repeatsItsName(name: string, value: string): boolean {
  const plain = (t: string) => t.toLowerCase().replace(/[^a-z0-9]/g, '');
  return plain(value) === plain(name);
}

function judgeSecret(name: string, value: string): string | undefined {
  if (PASSWORD_HASH.test(value)) return undefined;
  const known = knownSecret(value);
  if (known) return isExample(value) ? undefined : known.kind;
  if (urlPasswords(value).length) return 'password in a connection string';
  const sort = secretName(name);
  if (!sort) return undefined;
  if (repeatsItsName(name, value)) return undefined;
  // A name that says the value stands in for a secret (`DUMMY_SIGNATURE`, `REDACTED_CREDENTIAL_VALUE`, `fakeToken`).
  if (nameWords(name).some((w) => STAND_IN.test(w))) return undefined;
  // An address without user info or query (`redis://redis:6379` named a DSN) carries no credential, and a call's shape
  // (`signature="search_vector_update()"`, a SQL function's signature) is code.
  if (BARE_URL.test(value) || CALL_SHAPE.test(value) || isEndpointPath(value)) return undefined;
  // A DSN carries a credential only as a password in it: a URL's (found above) or a driver DSN's
  // (`shop:pa55@tcp(db:3306)/shop`); `root:@tcp(localhost:3306)/app` has none.
  if (nameWords(name).includes('dsn')) {
    // A URL's user name without a password (a Sentry DSN's public key: `https://<key>@o1.ingest.sentry.io/2`) is none.
    if (/^[a-z][\w+.-]*:\/\//i.test(value)) return undefined;
    const password = /^[^:@\s/]+:([^@\s]+)@/.exec(value)?.[1];
    return password && !isPlaceholder(password) && !password.includes('$') ? 'password in a connection string' : undefined;
  }
  if (sort === 'password') return looksLikePassword(value, nameWords(name)) ? 'password' : undefined;
  return !isPlaceholder(value) && looksRandom(value) ? 'API key or token' : undefined;
}

/** `name = "value"`, `name: value`, `"name": "value"`, `NAME=value` in free text (.env files, YAML, JSON, code, chat). */
const ASSIGNMENT = /([A-Za-z_][\w.-]{0,80})["']?\s*(?::=|=>|[:=])\s*(["'`]?)([^\s"'`,;#]{4,512})\2/g;

/** Every secret in a text: known token formats, URL passwords, and secret-looking values assigned to secret-like names. */
export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const f of SECRET_FORMATS) {
    f.re.lastIndex = 0;
    for (let m = f.re.exec(text); m; m = f.re.exec(text)) found.push({ start: m.index, end: m.index + m[0].length, kind: f.kind });
  }
  found.push(...urlPasswords(text));
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    const [whole, name, quote, value] = m;
    const start = m.index + whole.lastIndexOf(value);
    const sort = secretName(name);
    if (!sort || (!quote && notALiteral(value, text.slice(start + value.length, start + value.length + 2)))) continue;
    const ok = sort === 'password' ? looksLikePassword(value, nameWords(name)) : !isPlaceholder(value) && looksRandom(value);
    if (ok) found.push({ start, end: start + value.length, kind: sort === 'password' ? 'password' : 'API key or token' });
  }
  return dedupe(found);
}

/**
 * An unquoted value that is prose or code, not a literal: a lowercase word that a sentence goes on after
 * ("hardcoded password: anyone who ..."), or an expression (`request.form[...]`, `os.environ.get(...)`).
 */
function notALiteral(value: string, after: string): boolean {
  if (/^[a-z]+$/.test(value) && /^ [a-z]/.test(after)) return true;
  return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+[[(]?$/.test(value) || /^[A-Za-z_$][\w$]*[[(]$/.test(value);
}

/** Replaces every secret of a text with `[REDACTED <kind>]`, keeping everything else as it was. */
export function redact(text: string): string {
  let out = '';
  let at = 0;
  for (const s of findSecrets(text)) {
    out += text.slice(at, s.start) + `[REDACTED ${s.kind}]`;
    at = s.end;
  }
  return out + text.slice(at);
}

/** Sorted by start; overlapping matches merged into the first (the outermost known format wins). */
function dedupe(ms: SecretMatch[]): SecretMatch[] {
  const sorted = ms.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretMatch[] = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) last.end = Math.max(last.end, m.end);
    else out.push({ ...m });
  }
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
