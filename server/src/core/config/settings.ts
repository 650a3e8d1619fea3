import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from './schema';

export interface SettingsResult {
  settings: Settings;
  /** One line per setting that was invalid and fell back to its default. */
  warnings: string[];
}

/**
 * Validates settings as sent by an editor; each invalid setting falls back to its default with a warning,
 * so one typo never turns the analyzer off.
 */
export function readSettings(raw: unknown): SettingsResult {
  if (raw === null || raw === undefined) return { settings: { ...DEFAULT_SETTINGS }, warnings: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: { ...DEFAULT_SETTINGS }, warnings: ['backendArchitect settings are not an object; using defaults'] };
  }
  const input = raw as Record<string, unknown>;
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const warnings: string[] = [];
  for (const [key, field] of Object.entries(SettingsSchema.shape)) {
    if (input[key] === undefined || input[key] === null) continue;
    const r = field.safeParse(input[key]);
    if (r.success) settings[key] = r.data;
    else warnings.push(`backendArchitect.${key}: ${r.error.issues[0]?.message ?? 'invalid'}; using the default`);
  }
  return { settings: settings as Settings, warnings };
}
