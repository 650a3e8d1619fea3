import { resolve } from 'node:path';
import picomatch from 'picomatch';
import type { Severity } from '../findings';
import type { ConfigFile, RuleSetting, Settings } from './schema';

/** The `rules` key that sets every rule a layer does not name. */
export const ALL_RULES = '*';

/** Defaults <- editor settings <- `.backend-architect.yaml`, resolved once per change. */
export class EffectiveConfig {
  /** Rule settings by layer, most specific last: settings, then the config file. */
  private readonly layers: Record<string, RuleSetting>[];
  private readonly globs: string[];
  /** Compiled on first use: a lint of named files never needs it. */
  private ignored?: (path: string) => boolean;
  private backend?: (path: string) => boolean;

  constructor(
    readonly settings: Settings,
    readonly file: ConfigFile = {},
  ) {
    this.layers = [settings.rules, file.rules ?? {}];
    this.globs = [...settings.exclude, ...(file.ignore ?? [])];
  }

  /**
   * Severity a rule runs at, or undefined when it is off. The config file wins over settings; within a layer the
   * rule's own entry wins over `*` (the default for every rule that layer does not name).
   */
  severityOf(ruleId: string, defaultSeverity: Severity): Severity | undefined {
    let s: RuleSetting | undefined;
    for (const layer of this.layers) s = layer[ruleId] ?? layer[ALL_RULES] ?? s;
    if (s === 'off') return undefined;
    if (s === undefined || s === 'on') return defaultSeverity;
    return s;
  }

  /** Whether a workspace-relative path (forward slashes) is excluded or ignored. */
  isIgnored(relativePath: string): boolean {
    this.ignored ??= this.globs.length ? picomatch(this.globs, { dot: true }) : () => false;
    return this.ignored(relativePath);
  }

  /** Whether a workspace-relative path is put back in the backend scope by `scope.backend` (see code/scope.ts). */
  isForcedBackend(relativePath: string): boolean {
    const globs = this.file.scope?.backend ?? [];
    this.backend ??= globs.length ? picomatch(globs, { dot: true }) : () => false;
    return this.backend(relativePath);
  }

  /** `services:` of the config file: each service's specs (absolute, from `root`) and gateway prefix. */
  serviceSpecs(root: string): { service: string; specs: string[]; prefix?: string }[] {
    return Object.entries(this.file.services ?? {}).map(([service, s]) => ({
      service,
      specs: (typeof s.spec === 'string' ? [s.spec] : (s.spec ?? [])).map((p) => resolve(root, p)),
      ...(s.prefix ? { prefix: s.prefix } : {}),
    }));
  }
}
