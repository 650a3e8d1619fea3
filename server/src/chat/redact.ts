/**
 * Redaction of secret-looking values in text the tools return to the model, with the detector the
 * `hardcoded-secret` rule uses (server/src/core/secrets), so the chat hides what the analyzer reports.
 */
import { findSecrets } from '../core/secrets/index';

/** Replaces every secret-looking value with `[REDACTED <kind>]`; returns the text and how many values were hidden. */
export function redact(text: string): { text: string; count: number } {
  const spans = findSecrets(text);
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start) + `[REDACTED ${s.kind}]`;
    pos = s.end;
  }
  return { text: out + text.slice(pos), count: spans.length };
}
