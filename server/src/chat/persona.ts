import { readdir, readFile } from '../core/fsAsync';
import { join } from 'node:path';
import * as z from 'zod';
import { parseYaml } from '../core/documents/yaml';
import { toPlain } from '../core/documents/tree';

const PersonaId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a kebab-case persona id');

/** Frontmatter of a persona file. */
export const PersonaFrontmatterSchema = z
  .object({
    name: PersonaId,
    description: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+(-[\w.]+)?$/, 'a semantic version such as 1.0.0'),
    delegates: z.array(z.object({ persona: PersonaId, when: z.string().min(1) }).strict()).default([]),
  })
  .strict();
export type PersonaFrontmatter = z.infer<typeof PersonaFrontmatterSchema>;

export interface Persona extends PersonaFrontmatter {
  body: string;
  source: 'builtin' | 'workspace';
  path: string;
}

export interface PersonaProblem {
  path: string;
  message: string;
}

export const DEFAULT_PERSONA = 'backend-architect';
export const WORKSPACE_PERSONA_DIR = '.backend-architect/personas';

/** Parses one persona file; throws an Error whose message names the problem (zod issues with their paths). */
export function parsePersona(text: string, path: string, source: Persona['source']): Persona {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text.replace(/^\uFEFF/, ''));
  if (!m) throw new Error('no frontmatter: the file must start with a --- block holding name, description and version');
  const doc = parseYaml(m[1]);
  if (doc.problems.length) throw new Error(`frontmatter is not valid YAML: ${doc.problems[0].message}`);
  const parsed = PersonaFrontmatterSchema.safeParse(toPlain(doc.root) ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'frontmatter'}: ${i.message}`);
    throw new Error(`invalid frontmatter: ${issues.join('; ')}`);
  }
  const body = m[2].trim();
  if (!body) throw new Error('the persona has no instructions after the frontmatter');
  return { ...parsed.data, body, source, path };
}

async function loadDir(dir: string, source: Persona['source'], personas: Persona[], problems: PersonaProblem[]): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      const p = parsePersona(await readFile(path, 'utf8'), path, source);
      if (`${p.name}.md` !== name) throw new Error(`name '${p.name}' does not match the file name ${name}`);
      personas.push(p);
    } catch (e) {
      problems.push({ path, message: (e as Error).message });
    }
  }
}

/**
 * The built-in personas and the workspace's own (`.backend-architect/personas/*.md`, which override a built-in of
 * the same name). Invalid files are returned as problems with the reason, never skipped silently; a delegate
 * naming no known persona is a problem too.
 */
export async function loadPersonas(builtinDir: string, workspaceFolders: string[] = []): Promise<{ personas: Persona[]; problems: PersonaProblem[] }> {
  const builtin: Persona[] = [];
  const problems: PersonaProblem[] = [];
  await loadDir(builtinDir, 'builtin', builtin, problems);
  const own: Persona[] = [];
  for (const f of workspaceFolders) await loadDir(join(f, WORKSPACE_PERSONA_DIR), 'workspace', own, problems);
  const byName = new Map<string, Persona>();
  for (const p of [...builtin, ...own]) byName.set(p.name, p);
  const personas = [...byName.values()];
  for (const p of personas) {
    for (const d of p.delegates) if (!byName.has(d.persona)) problems.push({ path: p.path, message: `delegates to '${d.persona}', which is not a known persona` });
  }
  return { personas, problems };
}
