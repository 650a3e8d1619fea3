import type * as z from 'zod';
import { DEFAULT_SETTINGS, NESTED_SETTINGS, SettingsSchema, type Settings } from './schema';

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
    const group = NESTED_SETTINGS[key as keyof typeof NESTED_SETTINGS];
    if (group) settings[key] = readGroup(`backendArchitect.${key}`, group, input[key], settings[key] as object, warnings);
    else settings[key] = readOne(`backendArchitect.${key}`, field, input[key], settings[key], warnings);
  }
  return { settings: settings as Settings, warnings };
}

function readOne(name: string, field: z.ZodType, value: unknown, fallback: unknown, warnings: string[]): unknown {
  const r = field.safeParse(value);
  if (r.success) return r.data;
  warnings.push(`${name}: ${r.error.issues[0]?.message ?? 'invalid'}; using the default`);
  return fallback;
}

/** A group of settings (`backendArchitect.helm.*`), key by key: one invalid key keeps the others. */
function readGroup(name: string, group: z.ZodObject, value: unknown, defaults: object, warnings: string[]): object {
  if (typeof value !== 'object' || Array.isArray(value)) {
    warnings.push(`${name} is not an object; using the defaults`);
    return defaults;
  }
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, field] of Object.entries(group.shape)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && v !== null) out[key] = readOne(`${name}.${key}`, field as z.ZodType, v, out[key], warnings);
  }
  return out;
}
