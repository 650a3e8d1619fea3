import { missingAuth } from './missing-auth';
import { missingHealthcheck } from './missing-healthcheck';
import { missingTimeout } from './missing-timeout';
import { hardcodedSecret } from './hardcoded-secret';
import type { Rule } from './types';

/** Every rule, in catalogue order. Ids are unique (asserted by a test). */
export const RULES: readonly Rule[] = [missingAuth, missingHealthcheck, missingTimeout, hardcodedSecret];

const byId = new Map(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

export const RULE_IDS: ReadonlySet<string> = new Set(byId.keys());
