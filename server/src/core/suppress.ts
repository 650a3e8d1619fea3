import type { LineIndex } from './text/lineIndex';

const MARKER = /backend-architect-ignore\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*|\*)/;

/**
 * A secret scanner's own allow marker on the finding's line (detect-secrets' `pragma: allowlist secret`, gitleaks'
 * `gitleaks:allow`): the repository already reviewed that value and kept it.
 */
const SECRET_ALLOWED = /pragma:\s*allowlist[ -]secret|gitleaks:allow/i;

/**
 * True when the line above `line` holds a `backend-architect-ignore <rule-id>` comment naming this rule (or `*`), or,
 * for hardcoded-secret, when the line itself carries a secret scanner's allow marker.
 */
export function isSuppressed(lines: LineIndex, line: number, ruleId: string): boolean {
  if (ruleId === 'hardcoded-secret' && line >= 0 && SECRET_ALLOWED.test(lines.lineText(line))) return true;
  if (line <= 0) return false;
  const m = MARKER.exec(lines.lineText(line - 1));
  if (!m) return false;
  if (m[1] === '*') return true;
  return m[1].split(/\s*,\s*/).includes(ruleId);
}
