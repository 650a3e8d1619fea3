import * as z from 'zod';

/**
 * The `backendArchitect.chat.*` settings, read by the VS Code client (the chat panel) and, through the environment,
 * by `backend-architect ask`. The base URL has application scope: only user settings can set it, so a workspace
 * cannot send the user's key to a server of its choosing.
 */
export const ChatSettingsSchema = z.object({
  model: z.string().min(1).default('claude-sonnet-4-6').describe('Model the architect chat uses.'),
  maxTokens: z.number().int().min(256).max(128000).default(4096).describe('Most tokens one answer of the architect chat may use.'),
  baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default('').describe('Base URL of the Messages API for a gateway or proxy (empty: the Anthropic API). User settings only: a workspace cannot change where requests and the key go.'),
  idleTimeoutSeconds: z.number().int().min(5).max(600).default(60).describe('Stop an answer when the API sends nothing for this many seconds.'),
  totalTimeoutSeconds: z.number().int().min(30).max(3600).default(600).describe('Stop one request (retries included) after this many seconds.'),
  maxRetries: z.number().int().min(0).max(5).default(2).describe('Retries on rate limits (429), overload (529) and server errors, obeying retry-after.'),
});
export type ChatSettings = z.infer<typeof ChatSettingsSchema>;
export const DEFAULT_CHAT_SETTINGS: ChatSettings = ChatSettingsSchema.parse({});

const SCOPES: Record<keyof ChatSettings, string> = {
  model: 'window',
  maxTokens: 'window',
  baseUrl: 'application',
  idleTimeoutSeconds: 'window',
  totalTimeoutSeconds: 'window',
  maxRetries: 'window',
};

/** Reads raw values key by key; an invalid value falls back to its default and is named in `problems`. */
export function parseChatSettings(raw: Partial<Record<keyof ChatSettings, unknown>>): { settings: ChatSettings; problems: string[] } {
  const settings = { ...DEFAULT_CHAT_SETTINGS } as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, field] of Object.entries(ChatSettingsSchema.shape)) {
    const value = raw[key as keyof ChatSettings];
    if (value === undefined) continue;
    const r = field.safeParse(value);
    if (r.success) settings[key] = r.data;
    else problems.push(`backendArchitect.chat.${key}: ${r.error.issues[0]?.message ?? 'invalid'}; using the default`);
  }
  return { settings: settings as ChatSettings, problems };
}

/** package.json entries of the chat settings. */
export function chatSettingsContribution(): Record<string, object> {
  const props: Record<string, object> = {};
  for (const [key, field] of Object.entries(ChatSettingsSchema.shape)) {
    const js = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete js.$schema;
    props[`backendArchitect.chat.${key}`] = { ...js, scope: SCOPES[key as keyof ChatSettings] };
  }
  return props;
}
