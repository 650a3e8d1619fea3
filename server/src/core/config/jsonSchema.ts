import * as z from 'zod';
import { RULES } from '../rules/index';
import { chatSettingsContribution } from './chatSettings';
import { ConfigFileSchema, DEFAULT_SETTINGS, NESTED_SETTINGS, RuleSettingSchema, SettingsSchema } from './schema';

const RULE_ENUM = RuleSettingSchema.options;

function rulesProperties(): Record<string, object> {
  const all = { '*': { enum: RULE_ENUM, description: 'Every rule not named here (e.g. "*": off, then turn single rules on)' } };
  return { ...all, ...Object.fromEntries(RULES.map((r) => [r.id, { enum: RULE_ENUM, description: `${r.title} (default: ${r.defaultSeverity})` }])) };
}

/** Settings only the VS Code client reads (the language client's trace, the chat), not sent to the server. */
export const CLIENT_ONLY_SETTINGS: Record<string, object> = {
  'backendArchitect.trace.server': {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    description: 'Traces the communication between VS Code and the Backend Architect language server in the output channel.',
  },
  // The architect chat's settings (read by the chat panel and the @architect participant).
  ...chatSettingsContribution(),
};

/** Each server setting's VS Code key (a group's keys one by one: `backendArchitect.helm.render`) and its default. */
export function serverSettingDefaults(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(DEFAULT_SETTINGS).flatMap(([key, value]) =>
      key in NESTED_SETTINGS ? Object.entries(value).map(([sub, v]) => [`backendArchitect.${key}.${sub}`, v]) : [[`backendArchitect.${key}`, value]],
    ),
  );
}

/** package.json `contributes.configuration.properties`, generated from SettingsSchema. */
export function settingsContribution(): Record<string, object> {
  const props: Record<string, object> = {};
  const fields: [string, z.ZodType][] = Object.entries(SettingsSchema.shape).flatMap(([key, field]) => {
    const group = NESTED_SETTINGS[key as keyof typeof NESTED_SETTINGS];
    return group ? Object.entries(group.shape).map(([sub, f]): [string, z.ZodType] => [`${key}.${sub}`, f]) : [[key, field]];
  });
  for (const [key, field] of fields) {
    const js = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete js.$schema;
    if (key === 'rules') {
      js.properties = rulesProperties();
      js.additionalProperties = { enum: RULE_ENUM };
    }
    props[`backendArchitect.${key}`] = { ...js, scope: 'resource' };
  }
  return { ...props, ...CLIENT_ONLY_SETTINGS };
}

/** JSON schema of `.backend-architect.yaml` for editor completion and validation. */
export function configFileJsonSchema(): object {
  const js = z.toJSONSchema(ConfigFileSchema, { io: 'input' }) as Record<string, any>;
  js.title = 'Backend Architect configuration (.backend-architect.yaml)';
  js.properties.rules = { type: 'object', description: 'Rule id -> off, on, error, warning, information or hint', properties: rulesProperties(), additionalProperties: { enum: RULE_ENUM } };
  js.properties.ignore = { ...js.properties.ignore, description: 'Glob patterns (relative to the workspace root) of files that are not analyzed' };
  return js;
}
