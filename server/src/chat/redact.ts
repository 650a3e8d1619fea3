/**
 * Redaction of secret-looking values in text the tools return to the model.
 *
 * The detector is pluggable: `setSecretFinder` installs the one `hardcoded-secret` uses (server/src/core/secrets)
 * once it exists; until then a small interim finder covers assignments to secret-named keys, private key blocks,
 * credentials in URLs and well-known token prefixes.
 */
export interface SecretSpan {
  start: number;
  end: number;
}
export type SecretFinder = (text: string) => SecretSpan[];

const NAMED_ASSIGNMENT = /\b([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|auth)[A-Za-z0-9_.-]*)["']?\s*[:=]\s*["']?([^\s"',;}{)]{4,})/gi;
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/gi;
const TOKEN_PREFIXES = /\b(?:sk-ant-[A-Za-z0-9_-]{10,}|sk-[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abpr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;
const PLACEHOLDER = /^(?:\$\{?[A-Za-z_][\w:-]*\}?|<[^>]*>|x+|\*+|changeme|example|dummy|null|none|true|false|env\(.*|os\.environ.*|process\.env.*)$/i;

export const interimSecretFinder: SecretFinder = (text) => {
  const spans: SecretSpan[] = [];
  for (const m of text.matchAll(NAMED_ASSIGNMENT)) {
    const value = m[2];
    if (PLACEHOLDER.test(value)) continue;
    const start = m.index + m[0].length - value.length;
    spans.push({ start, end: start + value.length });
  }
  for (const m of text.matchAll(URL_CREDENTIALS)) {
    const start = m.index + m[0].length - 1 - m[1].length;
    spans.push({ start, end: start + m[1].length });
  }
  for (const re of [TOKEN_PREFIXES, PRIVATE_KEY]) for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
};

let finder: SecretFinder = interimSecretFinder;

export function setSecretFinder(f: SecretFinder): void {
  finder = f;
}

export const REDACTED = '[REDACTED]';

/** Replaces every secret-looking value with [REDACTED]; returns the text and how many values were hidden. */
export function redact(text: string): { text: string; count: number } {
  const spans = finder(text).sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  let count = 0;
  for (const s of spans) {
    if (s.end <= pos) continue;
    out += text.slice(pos, Math.max(pos, s.start)) + REDACTED;
    pos = s.end;
    count++;
  }
  return { text: out + text.slice(pos), count };
}
