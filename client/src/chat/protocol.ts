/**
 * Messages between the chat webview and the extension host, validated with zod in both directions.
 * No vscode import, so unit tests can check what the schemas accept and reject.
 */
import * as z from 'zod';

const Id = z.string().min(1).max(200);
const Code = z.string().max(200_000);

export const ChipSchema = z.object({
  id: Id,
  kind: z.enum(['file', 'selection', 'finding']),
  label: z.string().max(300),
});
export type Chip = z.infer<typeof ChipSchema>;

/** What the webview may ask of the host. Unknown types and extra keys are rejected. */
export const WebviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('send'), text: z.string().min(1).max(20_000) }).strict(),
  z.object({ type: z.literal('stop') }).strict(),
  z.object({ type: z.literal('retry') }).strict(),
  z.object({ type: z.literal('setPersona'), personaId: Id }).strict(),
  z.object({ type: z.literal('delegate'), personaId: Id }).strict(),
  z.object({ type: z.literal('newConversation') }).strict(),
  z.object({ type: z.literal('openConversation'), id: Id }).strict(),
  z.object({ type: z.literal('deleteConversation'), id: Id }).strict(),
  z.object({ type: z.literal('removeChip'), id: Id }).strict(),
  z.object({ type: z.literal('addActiveFile') }).strict(),
  z.object({ type: z.literal('toggleActiveFile') }).strict(),
  z.object({ type: z.literal('copy'), code: Code }).strict(),
  z.object({ type: z.literal('insert'), code: Code }).strict(),
  z.object({ type: z.literal('apply'), code: Code, language: z.string().max(50).optional() }).strict(),
  z.object({ type: z.literal('openLink'), href: z.string().max(2000) }).strict(),
  z.object({ type: z.literal('action'), action: z.enum(['setApiKey', 'retry', 'trustWorkspace']) }).strict(),
  /** Tests: what the webview drew, in answer to a `probe`. */
  z
    .object({
      type: z.literal('dom'),
      diagrams: z.array(z.object({ label: z.string().max(2000), nodes: z.array(z.string().max(500)).max(2000), edges: z.number().int().min(0), width: z.number().min(0) }).strict()).max(50),
      notes: z.array(z.string().max(500)).max(50),
      foreign: z.number().int().min(0),
    })
    .strict(),
]);
export type WebviewToHost = z.infer<typeof WebviewToHostSchema>;

export const UsageSchema = z.object({ inputTokens: z.number().int().min(0), outputTokens: z.number().int().min(0), cacheReadTokens: z.number().int().min(0), cacheWriteTokens: z.number().int().min(0) }).strict();

export const ToolLineSchema = z.object({ id: Id, name: z.string().max(100), summary: z.string().max(1000), refused: z.boolean(), running: z.boolean() }).strict();

export const ItemSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('user'), text: z.string(), chips: z.array(z.string().max(300)).max(20) }).strict(),
  z
    .object({
      role: z.literal('assistant'),
      persona: z.string().max(200),
      text: z.string(),
      tools: z.array(ToolLineSchema).max(200),
      usage: UsageSchema.optional(),
      status: z.enum(['streaming', 'done', 'partial', 'error', 'cancelled']),
      error: z.object({ message: z.string().max(2000), actions: z.array(z.enum(['setApiKey', 'retry'])) }).strict().optional(),
    })
    .strict(),
]);
export type Item = z.infer<typeof ItemSchema>;

const PersonaInfo = z.object({ id: Id, description: z.string().max(2000), source: z.enum(['builtin', 'workspace']), delegates: z.array(z.object({ persona: Id, when: z.string().max(500) }).strict()) }).strict();

/** What the host sends to the webview. Also validated before posting, so a bug cannot send something unexpected. */
export const HostToWebviewSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('state'),
      conversationId: Id,
      personaId: Id,
      items: z.array(ItemSchema).max(2000),
      personas: z.array(PersonaInfo).max(200),
      conversations: z.array(z.object({ id: Id, title: z.string().max(200), updatedAt: z.number() }).strict()).max(500),
      chips: z.array(ChipSchema).max(20),
      /** The active editor's file or selection, attached to the next question unless taken off. */
      active: z.object({ label: z.string().max(300), kind: z.enum(['file', 'selection']), included: z.boolean() }).strict().optional(),
      model: z.string().max(200),
      busy: z.boolean(),
      trusted: z.boolean(),
      hasKey: z.boolean(),
      notices: z.array(z.string().max(2000)).max(50),
    })
    .strict(),
  z.object({ type: z.literal('text'), text: z.string() }).strict(),
  z.object({ type: z.literal('tool'), tool: ToolLineSchema }).strict(),
  /** Tests: asks the webview for a `dom` report. */
  z.object({ type: z.literal('probe') }).strict(),
]);
export type HostToWebview = z.infer<typeof HostToWebviewSchema>;
export type StateMessage = Extract<HostToWebview, { type: 'state' }>;
export type DomReport = Extract<WebviewToHost, { type: 'dom' }>;

/** Parses a message from the webview; undefined (and the reason) when it is not one the host accepts. */
export function parseWebviewMessage(raw: unknown): { ok: true; message: WebviewToHost } | { ok: false; reason: string } {
  const r = WebviewToHostSchema.safeParse(raw);
  return r.success ? { ok: true, message: r.data } : { ok: false, reason: r.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') };
}
