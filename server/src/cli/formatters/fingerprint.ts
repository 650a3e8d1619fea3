import { createHash } from 'node:crypto';

/**
 * A minimal stable fingerprint of a finding for `--format gitlab`, private to the CLI formatters until the shared
 * fingerprint (core) lands: sha256 of the rule id, the path, the trimmed text of the finding's first line and the
 * finding's index among those with the same three. Moving a finding to another line keeps it; editing its line does not.
 */
export function localFingerprint(ruleId: string, path: string, lineText: string, occurrence: number): string {
  return createHash('sha256').update(JSON.stringify([ruleId, path, lineText.trim(), occurrence])).digest('hex');
}
