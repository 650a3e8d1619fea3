import { readFile, stat } from '../core/fsAsync';
import picomatch from 'picomatch';
import * as z from 'zod';
import { architectureMarkdown } from './architecture';
import { findingsByRule } from './brief';
import { looksLikeText } from './files';
import { resolveInWorkspace } from './paths';
import { redact } from './redact';
import { isSecretsFile } from './secretFiles';
import type { ToolSpec } from './types';
import type { ChatWorkspace } from './workspace';

export const MAX_READ_BYTES = 256 * 1024;
export const MAX_RESULT_CHARS = 40_000;
const MAX_SEARCH_FILE_BYTES = 1024 * 1024;

export interface ToolContext {
  ws: ChatWorkspace;
  /** Asked before a secrets file is read; true allows this one read. Without it, such reads are refused. */
  allowSecretsFile?: (path: string) => Promise<boolean>;
  signal?: AbortSignal;
}

export interface ToolOutcome {
  content: string;
  isError?: boolean;
  /** One line for the transcript: what was read or refused. */
  summary: string;
}

interface Tool<S extends z.ZodType> {
  name: string;
  description: string;
  schema: S;
  run(input: z.infer<S>, ctx: ToolContext): Promise<ToolOutcome>;
}

const tool = <S extends z.ZodType>(t: Tool<S>) => t;

const cap = (text: string) => (text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)}\n[... truncated at ${MAX_RESULT_CHARS} characters]` : text);
const refuse = (summary: string): ToolOutcome => ({ content: summary, isError: true, summary });
const globMatcher = (glob: string | undefined) => (glob ? picomatch(glob, { dot: true, basename: !glob.includes('/') }) : () => true);

const listFiles = tool({
  name: 'list_files',
  description: 'List the files of the workspace (paths relative to the workspace folder), optionally filtered by a glob such as "**/*.yaml" or "services/**".',
  schema: z.object({ glob: z.string().max(500).optional(), limit: z.number().int().min(1).max(2000).default(500) }).strict(),
  async run({ glob, limit }, { ws }) {
    const match = globMatcher(glob);
    const all = (await ws.listFiles()).filter((f) => match(f));
    const shown = all.slice(0, limit);
    const more = all.length > shown.length ? `\n[${all.length - shown.length} more; narrow the glob]` : '';
    return { content: (shown.join('\n') || 'No files match.') + more, summary: `Listed ${all.length} file(s)${glob ? ` matching ${glob}` : ''}` };
  },
});

const readFileTool = tool({
  name: 'read_file',
  description: 'Read a text file of the workspace with line numbers, optionally only lines startLine..endLine (1-based, inclusive). Large files are truncated; secret values are shown as [REDACTED <kind>].',
  schema: z.object({ path: z.string().min(1).max(1000), startLine: z.number().int().min(1).optional(), endLine: z.number().int().min(1).optional() }).strict(),
  async run({ path, startLine, endLine }, ctx) {
    const r = await resolveInWorkspace(ctx.ws.roots, path);
    if (!r.ok) return refuse(`Refused to read ${path}: ${r.reason}`);
    if (isSecretsFile(path.replace(/\\/g, '/')) || isSecretsFile(r.rel)) {
      const allowed = ctx.allowSecretsFile ? await ctx.allowSecretsFile(r.rel) : false;
      if (!allowed) return refuse(`Refused to read ${r.rel}: it is a secrets file (credentials, keys or certificates); the user did not allow reading it`);
    }
    const info = await stat(r.abs);
    if (!info.isFile()) return refuse(`${r.rel} is not a file`);
    const buf = (await readFile(r.abs)).subarray(0, MAX_READ_BYTES);
    if (!looksLikeText(buf)) return refuse(`${r.rel} is a binary file`);
    const lines = buf.toString('utf8').split(/\r?\n/);
    const from = Math.min(startLine ?? 1, lines.length);
    const to = Math.min(endLine ?? lines.length, lines.length);
    const width = String(to).length;
    const body = lines.slice(from - 1, to).map((l, i) => `${String(from + i).padStart(width)}| ${l}`).join('\n');
    const truncated = info.size > MAX_READ_BYTES ? `\n[file truncated at ${MAX_READ_BYTES} bytes of ${info.size}]` : '';
    const { text, count } = redact(body);
    return { content: cap(`${r.rel} lines ${from}-${to} of ${lines.length}\n${text}${truncated}`), summary: `Read ${r.rel}${startLine || endLine ? ` lines ${from}-${to}` : ''}${count ? ` (${count} secret value(s) redacted)` : ''}` };
  },
});

const searchText = tool({
  name: 'search_text',
  description: 'Search the text files of the workspace for a string (or a JavaScript regular expression when regex is true); returns path:line: text for each match. Secrets files are not searched.',
  schema: z.object({ query: z.string().min(1).max(500), regex: z.boolean().default(false), glob: z.string().max(500).optional(), maxResults: z.number().int().min(1).max(200).default(50) }).strict(),
  async run({ query, regex, glob, maxResults }, ctx) {
    let test: (line: string) => boolean;
    if (regex) {
      let re: RegExp;
      try {
        re = new RegExp(query, 'i');
      } catch (e) {
        return refuse(`Invalid regular expression: ${(e as Error).message}`);
      }
      test = (l) => re.test(l.slice(0, 2000));
    } else {
      const q = query.toLowerCase();
      test = (l) => l.toLowerCase().includes(q);
    }
    const match = globMatcher(glob);
    const hits: string[] = [];
    for (const f of await ctx.ws.listFiles()) {
      if (hits.length >= maxResults || ctx.signal?.aborted) break;
      if (!match(f) || isSecretsFile(f)) continue;
      const r = await resolveInWorkspace(ctx.ws.roots, f);
      if (!r.ok) continue;
      const info = await stat(r.abs);
      if (info.size > MAX_SEARCH_FILE_BYTES) continue;
      const buf = await readFile(r.abs);
      if (!looksLikeText(buf)) continue;
      const lines = buf.toString('utf8').split(/\r?\n/);
      for (let i = 0; i < lines.length && hits.length < maxResults; i++) if (test(lines[i])) hits.push(`${f}:${i + 1}: ${lines[i].trim().slice(0, 300)}`);
    }
    const { text, count } = redact(hits.join('\n'));
    return { content: cap(text || 'No matches.'), summary: `Searched for "${query.slice(0, 60)}": ${hits.length} match(es)${count ? `, ${count} secret value(s) redacted` : ''}` };
  },
});

const getFindings = tool({
  name: 'get_findings',
  description: "Get the Backend Architect analyzer's findings for one file (path) or the whole workspace, optionally for one rule id.",
  schema: z.object({ path: z.string().max(1000).optional(), ruleId: z.string().max(100).optional() }).strict(),
  async run({ path, ruleId }, { ws }) {
    let list = await ws.findings();
    if (path) {
      const r = await resolveInWorkspace(ws.roots, path);
      if (!r.ok) return refuse(`Refused: ${r.reason}`);
      const shown = ws.display(r.abs);
      list = list.filter((f) => f.path === shown);
    }
    if (ruleId) list = list.filter((f) => f.ruleId === ruleId);
    const text = path ? list.map((f) => `${f.path}:${f.line} [${f.severity}] ${f.ruleId}: ${f.message}`).join('\n') || 'No findings.' : findingsByRule(list);
    return { content: cap(redact(text).text), summary: `Got ${list.length} finding(s)${path ? ` for ${path}` : ''}${ruleId ? ` of ${ruleId}` : ''}` };
  },
});

const getArchitecture = tool({
  name: 'get_architecture',
  description: 'Get the architecture of the workspace: services and datastores from the compose files (dependencies, ports, environment variable names, health checks) and the OpenAPI specs.',
  schema: z.object({}).strict(),
  async run(_input, { ws }) {
    const a = await ws.architecture();
    return { content: cap(redact(architectureMarkdown(a)).text), summary: `Got the architecture: ${a.services.length} service(s), ${a.specs.length} spec(s)` };
  },
});

/** Tools that read the workspace; all of them are off in an untrusted workspace. */
export const TOOLS = [listFiles, readFileTool, searchText, getFindings, getArchitecture] as Tool<z.ZodType>[];

export function toolSpecs(): ToolSpec[] {
  return TOOLS.map((t) => {
    const schema = z.toJSONSchema(t.schema, { io: 'input' }) as Record<string, unknown>;
    delete schema.$schema;
    return { name: t.name, description: t.description, input_schema: schema };
  });
}

/** Validates the model's input with the tool's zod schema and runs it; never throws. */
export async function runTool(name: string, input: unknown, ctx: ToolContext): Promise<ToolOutcome> {
  const t = TOOLS.find((x) => x.name === name);
  if (!t) return refuse(`Unknown tool ${name}`);
  const parsed = t.schema.safeParse(input ?? {});
  if (!parsed.success) return refuse(`Invalid input for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  try {
    return await t.run(parsed.data, ctx);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return refuse(`${name} failed: ${redact(String(reason)).text}`);
  }
}
