/**
 * Messages between the architecture map's webview and the extension host, and the graph the server answers,
 * validated with zod in both directions. No vscode or DOM import: the host, the webview and unit tests share it.
 */
import * as z from 'zod';

const Id = z.string().min(1).max(500);
const Text = z.string().max(2000);
const Severity = z.enum(['error', 'warning', 'information', 'hint']);
const Location = z.object({ path: z.string().min(1).max(4096), line: z.number().int().min(0), character: z.number().int().min(0) }).strict();
const Concern = z.object({ ruleId: Id, label: Text }).strict();

export const MAX_MAP_NODES = 2000;

export const GraphSchema = z
  .object({
    nodes: z
      .array(
        z
          .object({
            id: Id,
            name: z.string().max(500),
            kind: z.enum(['service', 'datastore', 'broker', 'external']),
            detail: Text.optional(),
            location: Location.optional(),
            count: z.number().int().min(0),
            findings: z.array(z.object({ ruleId: Id, severity: Severity, message: z.string().max(5000), location: Location }).strict()).max(50),
            worst: Severity.optional(),
            concerns: z.array(Concern).max(20),
          })
          .strict(),
      )
      .max(MAX_MAP_NODES),
    edges: z
      .array(z.object({ id: Id, from: Id, to: Id, kind: z.enum(['http', 'database', 'cache', 'queue']), database: Text.optional(), location: Location.optional(), concerns: z.array(Concern).max(20) }).strict())
      .max(50_000),
    rules: z.array(Id).max(500),
    elsewhere: z.number().int().min(0),
    truncated: z.object({ total: z.number().int(), kept: z.number().int() }).strict().optional(),
  })
  .strict();
export type MapGraph = z.infer<typeof GraphSchema>;
export type MapGraphNode = MapGraph['nodes'][number];
export type MapGraphEdge = MapGraph['edges'][number];

const Target = z.enum(['node', 'edge']);

/** What the host sends to the webview. */
export const HostToMapSchema = z.discriminatedUnion('type', [
  /** A graph to draw; `update` keeps the user's zoom, pan and selection. */
  z.object({ type: z.literal('graph'), graph: GraphSchema, update: z.boolean() }).strict(),
  z.object({ type: z.literal('status'), state: z.enum(['loading', 'error', 'noServer']), message: Text }).strict(),
  z.object({ type: z.literal('notice'), message: Text }).strict(),
  /** Tests: report what is drawn (a `dom` message), or act on a node or an edge as the user would. */
  z.object({ type: z.literal('probe') }).strict(),
  z.object({ type: z.literal('act'), action: z.enum(['click', 'enter']), target: Target, id: Id }).strict(),
]);
export type HostToMap = z.infer<typeof HostToMapSchema>;

const DomItem = z.object({ id: Id, label: z.string().max(2000) }).strict();

/** What the webview may ask of the host. Unknown types and extra keys are rejected. */
export const MapToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('retry') }).strict(),
  /** Open where a node or an edge is defined: only an id; the host looks the place up in the graph it sent. */
  z.object({ type: z.literal('open'), target: Target, id: Id }).strict(),
  z.object({ type: z.literal('exportSvg'), svg: z.string().min(1).max(20_000_000) }).strict(),
  z.object({ type: z.literal('exportPng'), base64: z.string().min(1).max(40_000_000).regex(/^[A-Za-z0-9+/]+=*$/) }).strict(),
  z.object({ type: z.literal('exportMarkdown'), nodeIds: z.array(Id).max(MAX_MAP_NODES) }).strict(),
  /** After each drawing: how long layout and render took, and what is on screen. */
  z.object({ type: z.literal('rendered'), nodes: z.number().int().min(0), edges: z.number().int().min(0), ms: z.number().min(0), state: z.enum(['graph', 'empty', 'error', 'loading', 'noServer']) }).strict(),
  /** The answer to `probe`: what the DOM holds. */
  z.object({ type: z.literal('dom'), state: z.string().max(50), nodes: z.array(DomItem).max(MAX_MAP_NODES), edges: z.array(DomItem).max(50_000), notice: z.string().max(2000), selected: z.string().max(500), zoom: z.number(), foreign: z.number().int().min(0) }).strict(),
  z.object({ type: z.literal('scriptError'), message: Text }).strict(),
]);
export type MapToHost = z.infer<typeof MapToHostSchema>;
export type DomReport = Extract<MapToHost, { type: 'dom' }>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const r = schema.safeParse(raw);
  return r.success ? { ok: true, message: r.data } : { ok: false, reason: r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') };
}

export const parseMapToHost = (raw: unknown) => parseWith(MapToHostSchema, raw);
export const parseHostToMap = (raw: unknown) => parseWith(HostToMapSchema, raw);
export const parseGraph = (raw: unknown) => parseWith(GraphSchema, raw);
