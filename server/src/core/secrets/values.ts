/** Judging a literal value: placeholders, environment references and how random it looks. */

const PLACEHOLDER_WORDS =
  /change[-_ ]?me|changeit|replace[-_ ]?me|your[-_ ]?|example|placeholder|dummy|redacted|sample|fake|mock|todo|tbd|fixme|insert[-_ ]|xxx|\*\*\*|\.\.\.|<[^>]*>|not[-_ ]?(a[-_ ]?)?(real|secret)|^(none|null|nil|undefined|unknown|anonymous|n\/a|true|false|yes|no|on|off|test|testing|secret|password|passwd|pass|token|key|string|value|admin|root|guest|user|default|empty|unset|required|hidden|s3cr3t)$/i;

/** A value that points elsewhere instead of holding a secret: `${VAR}`, `$VAR`, Kubernetes' `$(VAR)`, `%(x)s`, `{{ x }}`, `{x}`, `env:X`, `vault:...`. */
const REFERENCE = /^\$\{[^}]*\}$|^\$[A-Za-z_][A-Za-z0-9_]*$|\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[A-Za-z_][^}]*\}|%\(?[a-z_]*\)?[sd]|\{\{[^}]*\}\}|^\{[A-Za-z_][\w.]*\}$|^(env|vault|secret|secrets|ssm|arn|sm|op|file|k8s):/i;

/**
 * A label looked up in a translation table (`$t('accessKeySecret')`, `i18n.t("password")`), a command-line option's
 * name (`--password`), or a property's name or suffix (`.tls.certPrivateKeyPassword`, `spring.datasource.password`).
 */
const LABEL = /^\$?(?:i18n\.)?t\(\s*['"][\w.-]+['"]\s*\)$|^--?[a-z][a-z0-9]*(?:-[a-z0-9]+)*=?$|^\.[a-z][\w-]*(?:\.[a-z][\w-]*)*$|^[a-z][\w-]*(?:\.[a-z][\w-]*){2,}$/i;

/** True for values that are obviously not a real secret: empty, placeholders, references to the environment or a vault, labels. */
export function isPlaceholder(value: string): boolean {
  // Quotes written inside a list item's value (`- MYSQL_RANDOM_ROOT_PASSWORD="yes"`) are not part of it.
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (v.length < 4) return true;
  if (LABEL.test(v)) return true;
  if (/^(.)\1*$/.test(v)) return true; // "xxxxxxxx", "00000000"
  if (REFERENCE.test(v)) return true;
  return PLACEHOLDER_WORDS.test(v);
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * A readable label with versions or numbers in it (`seaweedfs-sse-s3-kek-wrapping-v1`, a key-derivation context, a
 * hand-typed test token `vault-test-token-123`, a cache key's prefix `UID_PID_TOKEN_STATUS:`): three or more parts of one
 * case or short counters, most of them plain words.
 */
function isLabel(value: string): boolean {
  // Or in capitals, as a constant's or a key prefix's name (`UID_PID_TOKEN_STATUS:`).
  const parts = (/[a-z]/.test(value) ? value : value.toLowerCase()).split(/[_.:-]+/).filter((p, i, all) => p || i < all.length - 1);
  if (parts.length < 3 || !parts.every((p) => /^[a-z][a-z0-9]{0,15}$|^\d{1,4}$/.test(p))) return false;
  return parts.filter((p) => /^[a-z]{3,}$/.test(p)).length * 2 > parts.length;
}

/**
 * A CamelCase identifier (`OAuth2RefreshTokenSignature`, an attribute or event name): capitalised words, most of its
 * letters in words of three or more lowercase letters. A generated token's case changes carry no such words.
 */
function isCamelCaseName(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(value)) return false;
  const parts = value.split(/(?=[A-Z][a-z])/);
  if (parts.length < 3 || !parts.every((p) => /^[A-Z]{0,4}[a-z]*\d{0,3}$/.test(p))) return false;
  const inWords = parts.map((p) => /[a-z]{3,}/.exec(p)?.[0].length ?? 0).reduce((a, b) => a + b, 0);
  return inWords >= value.length * 0.7;
}

/**
 * A key its vendor makes to be shipped inside clients and web pages: a PostHog project key (`phc_`), a Stripe or
 * Clerk publishable key (`pk_live_`, `pk_test_`), a Mapbox public token (`pk.eyJ`). It only identifies the project.
 */
const PUBLISHABLE_KEY = /^(?:phc_|pk_(?:live|test)_|pk\.eyJ)/;

/** Looks like a generated key or token: long enough, no spaces, mixed character classes, high entropy. */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || /\s/.test(value) || PUBLISHABLE_KEY.test(value)) return false;
  if (/^[_.-]*[a-z]+([_.:/-]+[a-z]+)*[_.-]*$/i.test(value)) return false; // words, identifiers, sentinels (__NAME__) and URNs (urn:ietf:params:...)
  if (isLabel(value) || isCamelCaseName(value)) return false;
  if (/0123456|1234567|2345678|3456789|abcdefg/i.test(value)) return false; // typed by hand: "pk-lf-1234567890", "key-abcdefgh"
  if (/^(https?|wss?|ftp|file):\/\//i.test(value) || /^\.{0,2}\//.test(value)) return false; // URLs and paths
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[\w.-]+){2,}$/i.test(value)) return false; // import paths and URLs without a scheme: `github.com/jcmturner/gokrb5/v8/ctxCredentials`
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false; // UUIDs are ids
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  if (classes < 2) return false;
  return entropy(value) >= (value.length >= 32 ? 3.5 : 3.0);
}

/** A literal that could be a password: not a placeholder, not a sentence, not an identifier-like label. */
export function looksLikePassword(value: string, nameWords: string[]): boolean {
  if (isPlaceholder(value)) return false;
  if (/\s/.test(value.trim())) return false; // "Enter your password", messages
  const lower = value.toLowerCase();
  if (nameWords.some((w) => lower === w || (w.length >= 4 && lower.includes(w))) || lower === nameWords.join('_')) return false; // labels: PASSWORD = "password", PASSWORD_BANNED = "passwordBanned"
  if (/^[a-z]+(_[a-z]+)+$/.test(value)) return false; // snake_case identifiers are keys and field names
  if (/^(https?|wss?):\/\//i.test(value) || /^\.{0,2}\/[\w./-]*$/.test(value)) return false;
  // A rate limit (`"1/m/user"`, `"5/hour"`): django-allauth's ACCOUNT_RATE_LIMITS keys are named for the action.
  if (/^\d+\/(s|sec|second|m|min|minute|h|hour|d|day)(\/[a-z]+)?$/i.test(value.trim())) return false;
  return true;
}
