import { architectureMarkdown } from './architecture';
import type { Persona } from './persona';
import { redact } from './redact';
import type { TextBlock } from './types';
import type { ChatWorkspace, WorkspaceFinding } from './workspace';

const LOCATIONS_PER_RULE = 8;

export function findingsByRule(findings: WorkspaceFinding[]): string {
  if (!findings.length) return 'No findings.';
  const byRule = new Map<string, WorkspaceFinding[]>();
  for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const lines: string[] = [];
  for (const [rule, list] of [...byRule].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
    lines.push(`- ${rule} (${list.length}):`);
    for (const f of list.slice(0, LOCATIONS_PER_RULE)) lines.push(`  - ${f.path}:${f.line} ${f.message}`);
    if (list.length > LOCATIONS_PER_RULE) lines.push(`  - ... ${list.length - LOCATIONS_PER_RULE} more (get_findings lists them)`);
  }
  return lines.join('\n');
}

/** The workspace brief: folders, services and datastores, OpenAPI specs and the analyzer's findings by rule. */
export async function workspaceBrief(ws: ChatWorkspace, toolsEnabled: boolean): Promise<string> {
  const [arch, findings] = await Promise.all([ws.architecture(), ws.findings()]);
  const text = [
    '## The workspace',
    `Folders: ${ws.roots.map((r) => r.name).join(', ')}`,
    architectureMarkdown(arch),
    '### Findings of the Backend Architect analyzer, by rule',
    findingsByRule(findings),
    toolsEnabled
      ? 'Use the tools to read files before you rely on their content. Paths are relative to the workspace folder. Files with credentials (.env, keys, certificates) are refused unless the user allows them, and secret values in tool results are shown as [REDACTED].'
      : 'The workspace is not trusted, so the file tools are off: answer from this brief and tell the user that trusting the workspace lets you read its files.',
  ].join('\n\n');
  return redact(text).text;
}

/** System prompt: the persona, then the workspace brief, with a cache breakpoint so follow-up turns reuse both. */
export function systemBlocks(persona: Persona, brief: string): TextBlock[] {
  return [
    { type: 'text', text: persona.body },
    { type: 'text', text: brief, cache_control: { type: 'ephemeral' } },
  ];
}
