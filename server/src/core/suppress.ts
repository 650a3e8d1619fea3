import type { LineIndex } from './text/lineIndex';

const MARKER = /backend-architect-ignore\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*|\*)/;

/** True when the line above `line` holds a `backend-architect-ignore <rule-id>` comment naming this rule (or `*`). */
export function isSuppressed(lines: LineIndex, line: number, ruleId: string): boolean {
  if (line <= 0) return false;
  const m = MARKER.exec(lines.lineText(line - 1));
  if (!m) return false;
  if (m[1] === '*') return true;
  return m[1].split(/\s*,\s*/).includes(ruleId);
}
