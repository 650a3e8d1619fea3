import * as z from 'zod';
import { DEFAULTS as D, DEFAULT_SETTINGS } from './defaults';

/** What a rule can be set to: off, on (its default severity), or a severity. */
export const RuleSettingSchema = z.enum(['off', 'on', 'error', 'warning', 'information', 'hint']);
export type RuleSetting = z.infer<typeof RuleSettingSchema>;

/** `backendArchitect.helm.*`: running `helm template` on charts. Read from editor settings only, never from the workspace's config file. */
export const HelmSettingsSchema = z.object({
  render: z.boolean().default(D.helm.render).describe('Run `helm template` on charts in the workspace (with their default values) and check what it renders; findings map back to the template lines. Runs a helm binary: only in a trusted workspace.'),
  path: z.string().default(D.helm.path).describe('The helm binary to run: an absolute path, or a name looked up on PATH. Empty: `helm` on PATH.'),
  timeoutMs: z.number().int().min(1000).max(600000).default(D.helm.timeoutMs).describe('Stop a `helm template` that runs longer than this, in milliseconds (one render-error on the chart\'s Chart.yaml).'),
});
export type HelmSettings = z.infer<typeof HelmSettingsSchema>;

export { DEFAULT_EXCLUDE, DEFAULT_SETTINGS } from './defaults';

/** The `backendArchitect.*` settings, one schema for the server, the CLI and package.json (kept in step by a test). */
export const SettingsSchema = z.object({
  enable: z.boolean().default(D.enable).describe('Analyze OpenAPI specs, compose files and service code in this workspace.'),
  rules: z.record(z.string(), RuleSettingSchema).default({}).describe('Rule severity overrides: a rule id (or * for every rule not named) mapped to off, on, error, warning, information or hint.'),
  exclude: z.array(z.string()).default(D.exclude).describe('Glob patterns of files and folders the workspace scan skips (in addition to .gitignore).'),
  scanWorkspace: z.boolean().default(D.scanWorkspace).describe('Analyze every file of the workspace at start-up and watch for changes, not only open editors.'),
  maxFileSizeKb: z.number().int().min(1).max(102400).default(D.maxFileSizeKb).describe('Files larger than this (in KB) are skipped with an information message.'),
  maxDiagnosticsPerFile: z.number().int().min(1).max(10000).default(D.maxDiagnosticsPerFile).describe('At most this many findings per file are shown, then one summary diagnostic.'),
  debounceMs: z.number().int().min(0).max(5000).default(D.debounceMs).describe('Delay after an edit before the file is analyzed again, in milliseconds.'),
  analysisBudgetMs: z.number().int().min(1).max(600000).default(D.analysisBudgetMs).describe('Time budget of one file\'s analysis in the editor, in milliseconds: rules not started by then are left out and the file gets one partially-analyzed note.'),
  defaultTimeoutMs: z.number().int().min(1).max(600000).default(D.defaultTimeoutMs).describe('Timeout that quick fixes insert into outbound calls, in milliseconds.'),
  helm: HelmSettingsSchema.default(D.helm),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Settings that are groups (`backendArchitect.helm.render`, ...): each key is its own VS Code setting, read on its own. */
export const NESTED_SETTINGS = { helm: HelmSettingsSchema };

// Fails to compile when the defaults (declared without this type, see defaults.ts) stop fitting Settings.
DEFAULT_SETTINGS satisfies Settings;

/** Limits of the system-level rules, from the config file (defaults in the rules). */
export const ThresholdsSchema = z
  .object({
    'premature-microservices': z
      .object({
        minServices: z.number().int().min(2).max(1000).optional().describe('Services with code, at least (default 5)'),
        medianLines: z.number().int().min(1).optional().describe('Median non-blank lines of code per service, at most (default 500)'),
        coupledShare: z.number().min(0).max(1).optional().describe('Share of services that share a database or call another service, at least (default 0.5)'),
      })
      .strict()
      .nullish(),
    'deep-call-chain': z
      .object({ minServices: z.number().int().min(2).max(100).optional().describe('Services on a synchronous request path, at least (default 4: A -> B -> C -> D)') })
      .strict()
      .nullish(),
  })
  .strict();
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** `.backend-architect.yaml` at the workspace root. */
export const ConfigFileSchema = z
  .object({
    rules: z.record(z.string(), RuleSettingSchema).nullish(),
    ignore: z.array(z.string()).nullish(),
    scope: z
      .object({ backend: z.array(z.string()).nullish().describe('Glob patterns (relative to the workspace root) of files that are backend code even if they look like front-end, load-test or test code') })
      .strict()
      .nullish()
      .describe('Which code the rules about outbound calls judge (docs/scope.md)'),
    thresholds: ThresholdsSchema.nullish().describe('Limits of the rules that judge the whole system (docs/rules/premature-microservices.md, docs/rules/deep-call-chain.md)'),
    services: z
      .record(
        z.string(),
        z
          .object({
            spec: z.union([z.string(), z.array(z.string())]).nullish().describe('The OpenAPI spec(s) of this service, relative to the workspace root'),
            prefix: z.string().regex(/^\//, 'a prefix starts with /').nullish().describe('A gateway prefix in front of the service (/orders): stripped before routes and spec paths are compared'),
          })
          .strict(),
      )
      .nullish()
      .describe('Which OpenAPI spec belongs to which service, by service name, where the folder, file name or title do not tell (docs/workspace-model.md)'),
  })
  .strict();
export type ServiceSettings = NonNullable<NonNullable<z.infer<typeof ConfigFileSchema>['services']>[string]>;
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
