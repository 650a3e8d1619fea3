import { createHash } from 'node:crypto';
import type { Finding } from './findings';
import { LineIndex } from './text/lineIndex';

/** Version of the fingerprint recipe; SARIF names it in `partialFingerprints` ("backendArchitect/v1"). */
export const FINGERPRINT_VERSION = 1;
export const SARIF_FINGERPRINT_KEY = `backendArchitect/v${FINGERPRINT_VERSION}`;

/** The text a finding is anchored to: its first line, trimmed, whitespace runs as one space (not its line number). */
export function anchorText(lines: LineIndex, line: number): string {
  return line < lines.lineCount ? lines.lineText(line).trim().replace(/\s+/g, ' ') : '';
}

const hash = (parts: (string | number)[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);

/**
 * A finding's fingerprint: a hash of its rule id, its path (as reported: relative, forward slashes), the text of
 * its line and its occurrence among the file's findings with the same three. Lines inserted or removed elsewhere
 * leave it unchanged; editing the line itself changes it.
 */
export function fingerprintOf(finding: Pick<Finding, 'ruleId' | 'path' | 'range'>, sourceText: string | LineIndex, occurrence = 0): string {
  const lines = typeof sourceText === 'string' ? new LineIndex(sourceText) : sourceText;
  return hash([finding.ruleId, finding.path, anchorText(lines, finding.range.start.line), occurrence]);
}

/** The fingerprints of one file's findings (in the order given), occurrences counted in position order. */
export function fingerprintFile(findings: readonly Pick<Finding, 'ruleId' | 'path' | 'range'>[], sourceText: string): string[] {
  const lines = new LineIndex(sourceText);
  const byPosition = findings.map((f, i) => i).sort((a, b) => comparePosition(findings[a], findings[b]) || a - b);
  const seen = new Map<string, number>();
  const out: string[] = new Array(findings.length);
  for (const i of byPosition) {
    const f = findings[i];
    const parts = [f.ruleId, f.path, anchorText(lines, f.range.start.line)];
    const key = parts.join('\0');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out[i] = hash([...parts, n]);
  }
  return out;
}

function comparePosition(a: Pick<Finding, 'range'>, b: Pick<Finding, 'range'>): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
