import { resolve } from 'node:path';
import { CliError } from './errors';
import { FAIL_ON, type FailOn } from './failThreshold';

/** The options of lint for CI: baselines, changed files and the fail threshold (parseArgs specs). */
export const CI_OPTIONS = {
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'changed-since': { type: 'string' },
  'fail-on': { type: 'string' },
  'max-warnings': { type: 'string' },
} as const;

export interface CiOptions {
  /** Absolute path of the baseline to hide known findings with. */
  baseline?: string;
  /** Absolute path to write the baseline of this run to. */
  writeBaseline?: string;
  changedSince?: string;
  failOn: FailOn;
  maxWarnings?: number;
}

type Values = { [K in keyof typeof CI_OPTIONS]?: string };

export function ciOptionsOf(values: Values, cwd: string): CiOptions {
  const file = (flag: string, v: string | undefined) => {
    if (v === '') throw new CliError(`--${flag} needs a file name`, [], true);
    return v === undefined ? undefined : resolve(cwd, v);
  };
  const baseline = file('baseline', values.baseline);
  const writeBaseline = file('write-baseline', values['write-baseline']);
  const changedSince = values['changed-since'];
  if (changedSince === '') throw new CliError('--changed-since needs a git revision (a branch, tag or commit)', [], true);
  if (writeBaseline && (baseline || changedSince !== undefined)) {
    throw new CliError('--write-baseline records every finding: it goes with neither --baseline nor --changed-since', [], true);
  }
  const failOn = (values['fail-on'] ?? 'error') as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new CliError(`--fail-on takes ${FAIL_ON.join(', ')}, not '${values['fail-on']}'`, [], true);
  const max = values['max-warnings'];
  const maxWarnings = max === undefined ? undefined : Number(max);
  if (maxWarnings !== undefined && !(max!.trim() !== '' && Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
    throw new CliError(`--max-warnings needs a whole number of 0 or more, not '${max}'`, [], true);
  }
  return { baseline, writeBaseline, changedSince, failOn, maxWarnings };
}
