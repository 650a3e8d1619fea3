import picomatch from 'picomatch';
import type { Severity } from '../findings';
import type { ConfigFile, RuleSetting, Settings } from './schema';

/** Defaults <- editor settings <- `.backend-architect.yaml`, resolved once per change. */
export class EffectiveConfig {
  private readonly ruleSettings: Record<string, RuleSetting>;
  private readonly ignored: (path: string) => boolean;

  constructor(
    readonly settings: Settings,
    readonly file: ConfigFile = {},
  ) {
    this.ruleSettings = { ...settings.rules, ...(file.rules ?? {}) };
    const globs = [...settings.exclude, ...(file.ignore ?? [])];
    this.ignored = globs.length ? picomatch(globs, { dot: true }) : () => false;
  }

  /** Severity a rule runs at, or undefined when it is off. */
  severityOf(ruleId: string, defaultSeverity: Severity): Severity | undefined {
    const s = this.ruleSettings[ruleId];
    if (s === 'off') return undefined;
    if (s === undefined || s === 'on') return defaultSeverity;
    return s;
  }

  /** Whether a workspace-relative path (forward slashes) is excluded or ignored. */
  isIgnored(relativePath: string): boolean {
    return this.ignored(relativePath);
  }
}
