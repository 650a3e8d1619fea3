// The default settings, without zod: the CLI and the engine start without building any schema (schema.ts builds
// them from these values; a test checks that the schema's defaults are exactly DEFAULT_SETTINGS). Nothing here
// imports schema.ts, which checks that DEFAULT_SETTINGS fits its Settings type.

export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**', '**/build/**', '**/vendor/**', '**/.venv/**', '**/venv/**', '**/__pycache__/**', '**/.yarn/**'];

/** The default of each setting but `rules` (schema.ts reads them). */
export const DEFAULTS = {
  enable: true,
  exclude: DEFAULT_EXCLUDE,
  scanWorkspace: true,
  maxFileSizeKb: 5120,
  maxDiagnosticsPerFile: 200,
  debounceMs: 150,
  analysisBudgetMs: 10000,
  defaultTimeoutMs: 10000,
  /** `helm template` on the workspace's charts: off unless the user turns it on (and never in an untrusted workspace). */
  helm: { render: false, path: '', timeoutMs: 10000 },
};

/** Every setting's default; no rule has an override. */
export const DEFAULT_SETTINGS = { ...DEFAULTS, rules: {} as Record<string, never> };
