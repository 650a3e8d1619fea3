/** Whether a variable, key or field name says it holds a secret, and what sort. */
import { memoByString } from '../text/memo';

/** Words (lowercased) of a name in any case style: `dbPassword`, `DB_PASSWORD`, `db-password` -> db, password. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export type SecretName = 'password' | 'key';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'pass', 'secret']);
const KEY_WORDS = new Set(['token', 'apikey', 'secretkey', 'accesskey', 'privatekey', 'credential', 'credentials', 'auth', 'bearer', 'signature', 'salt', 'dsn', 'pat']);
/** `x_key` names that hold secrets (api_key, signing_key); a bare `key` or `cache_key` does not. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'master', 'client', 'app', 'auth', 'session', 'hmac', 'jwt', 'license', 'webhook', 'service', 'account']);
/** Last words that make the name about a secret rather than the secret itself. */
const NOT_A_VALUE = new Set([
  'file', 'path', 'dir', 'env', 'var', 'name', 'names', 'header', 'field', 'fields', 'label', 'type', 'id', 'ids', 'length', 'len', 'size',
  'min', 'max', 'count', 'prefix', 'suffix', 'regex', 'pattern', 'policy', 'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'endpoint', 'url',
  'uri', 'location', 'param', 'parameter', 'key', 'keys', 'hint', 'prompt', 'message', 'msg', 'error', 'placeholder', 'rule', 'rules', 'mode', 'format',
  'required', 'enabled', 'hash', 'hashed', 'hasher', 'algorithm', 'alg', 'provider', 'store', 'manager', 'service', 'client', 'ref', 'arn', 'version',
  'template', 'text', 'title', 'selector', 'column', 'table', 'index', 'input', 'form', 'reset', 'confirm', 'confirmation', 'validator', 'strength',
  'at', 'on', 'by', 'kind', 'source', 'cookie', 'scheme', 'schema', 'usage', 'count', 'attempts', 'retries', 'lifetime', 'rotation', 'chars', 'charset', 'pepper',
]);

/** The secret a name stands for, or undefined (`password` -> password; `api_key` -> key; `password_file` -> undefined). */
export const secretName: (name: string) => SecretName | undefined = memoByString(readSecretName, 20_000, 200);

function readSecretName(name: string): SecretName | undefined {
  const words = nameWords(name);
  if (!words.length) return undefined;
  const last = words[words.length - 1];
  const joined = words.join('');
  const isKey = (i: number) => (words[i] === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])) || KEY_WORDS.has(words[i]);
  // The secret word must be the last word (db_password, apiKey) or be followed only by a qualifier such as `value`.
  const tail = last === 'value' || last === 'secret' ? words.length - 2 : words.length - 1;
  if (last !== 'secret' && NOT_A_VALUE.has(last) && !(last === 'key' && isKey(words.length - 1))) return undefined;
  for (let i = words.length - 1; i >= Math.max(0, tail); i--) {
    if (PASSWORD_WORDS.has(words[i])) return words[i] === 'secret' && words.length > 1 ? 'key' : 'password';
    if (isKey(i)) return 'key';
  }
  if (/(password|passwd|apikey|secretkey|accesskey|privatekey|authtoken|accesstoken)$/.test(joined)) return joined.endsWith('word') || joined.endsWith('passwd') ? 'password' : 'key';
  return undefined;
}
