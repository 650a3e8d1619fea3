/**
 * Redaction of secret-looking values in text the tools return to the model, with the detector the
 * `hardcoded-secret` rule uses (server/src/core/secrets), so the chat hides what the analyzer reports.
 */
import { findSecrets, type SecretMatch } from '../core/secrets/index';

/**
 * The detector's spans, found line by line (a `name:` at the end of one line and a word on the next are not an
 * assignment: in YAML that is a nested mapping), plus the multi-line ones (private key blocks) from the whole text.
 */
function secretSpans(text: string): SecretMatch[] {
  const blocks = findSecrets(text).filter((s) => text.slice(s.start, s.end).includes('\n'));
  const spans: SecretMatch[] = [...blocks];
  let offset = 0;
  for (const line of text.split('\n')) {
    for (const s of findSecrets(line)) {
      const span = { ...s, start: s.start + offset, end: s.end + offset };
      if (!blocks.some((b) => span.start < b.end && b.start < span.end)) spans.push(span);
    }
    offset += line.length + 1;
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Replaces every secret-looking value with `[REDACTED <kind>]`; returns the text and how many values were hidden. */
export function redact(text: string): { text: string; count: number } {
  let out = '';
  let pos = 0;
  let count = 0;
  for (const s of secretSpans(text)) {
    if (s.start < pos) continue;
    out += text.slice(pos, s.start) + `[REDACTED ${s.kind}]`;
    pos = s.end;
    count++;
  }
  return { text: out + text.slice(pos), count };
}
