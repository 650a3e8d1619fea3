/** The architecture review as Markdown: at a glance, the map, the checklist, top risks, findings by root cause, blind spots. */
import { basename } from 'node:path';
import { renderMermaid } from '../workspace/api';
import { evaluateChecklist, MAX_EVIDENCE } from './checklist';
import { evidenceLine, fenced, fileLink, md, plural, table } from './format';
import { blindSpotsSection, glanceSection } from './glance';
import { groupFindings, topRisks } from './groups';
import type { ChecklistResult, FindingGroup, LinkStyle, ReviewInput, Risk } from './types';

const FINDINGS_PER_GROUP = 50;
const VERDICT_MARK: Record<ChecklistResult['verdict'], string> = { met: '**met**', 'not met': '**not met**', unknown: 'unknown' };

export interface ReviewDocument {
  markdown: string;
  checklist: ChecklistResult[];
  risks: Risk[];
  groups: FindingGroup[];
}

export function reviewDocument(input: ReviewInput, style: LinkStyle, tool = 'backend-architect'): ReviewDocument {
  const checklist = evaluateChecklist(input);
  const groups = groupFindings(input.findings, input.model);
  const risks = topRisks(groups, input.model);
  const title = md(basename(input.root) || input.root);
  const empty = !input.filesChecked && !input.model.services.length;
  const parts = [
    `# Architecture review: ${title}`,
    '',
    `Written by ${md(tool)} from the workspace model and its findings. File links are relative to ${style.base === input.root ? 'the reviewed folder' : md(style.baseName ?? style.base)}.`,
  ];
  if (empty) parts.push('', '> **Nothing to review:** no compose file, manifest, API spec or service code was found in this folder. Every checklist item below is unknown.');
  parts.push('', glanceSection(input, style), '', mapSection(input), '', checklistSection(checklist, style), '', risksSection(risks, style), '', groupsSection(groups, style), '', blindSpotsSection(input, style), '');
  return { markdown: parts.join('\n'), checklist, risks, groups };
}

/** The review without the map and the full findings list: what the chat's model gets to argue from. */
export function reviewDigest(input: ReviewInput, style: LinkStyle): string {
  const checklist = evaluateChecklist(input);
  const risks = topRisks(groupFindings(input.findings, input.model), input.model);
  const title = md(basename(input.root) || input.root);
  return [`# Architecture review: ${title}`, '', glanceSection(input, style), '', checklistSection(checklist, style), '', risksSection(risks, style), '', blindSpotsSection(input, style)].join('\n');
}

function mapSection(input: ReviewInput): string {
  if (!input.model.services.length) return '## The map\n\nNo service or datastore was found, so there is nothing to draw.';
  return ['## The map', '', fenced('mermaid', renderMermaid(input.model))].join('\n');
}

export function checklistSection(results: ChecklistResult[], style: LinkStyle): string {
  const out = ["## The architect's checklist", '', table(['#', 'Item', 'Verdict', 'Why'], results.map((r, i) => [String(i + 1), md(r.item), VERDICT_MARK[r.verdict], md(r.reason)]))];
  results.forEach((r, i) => {
    out.push('', `### ${i + 1}. ${md(r.item)}: ${r.verdict}`, '', md(r.reason));
    if (!r.evidence.length) out.push('', r.verdict === 'unknown' ? '_No evidence either way in the workspace._' : '_No file to point at._');
    else {
      out.push('', ...r.evidence.slice(0, MAX_EVIDENCE).map((e) => evidenceLine(style, e)));
      if (r.evidence.length > MAX_EVIDENCE) out.push(`- … and ${r.evidence.length - MAX_EVIDENCE} more`);
    }
  });
  return out.join('\n');
}

export function risksSection(risks: Risk[], style: LinkStyle): string {
  if (!risks.length) return '## Top risks\n\nNo warning or error finding: no risk to rank.';
  const out = ['## Top risks', '', 'Ranked by severity, then by blast radius: how many services depend, directly or through others, on the ones affected.', ''];
  risks.forEach((r, i) => {
    const g = r.group;
    const where = g.services.length ? `on ${names(g.services)}` : 'in the API specs';
    const radius = r.dependents.length ? `${plural(r.dependents.length, 'dependent service')} (${names(r.dependents)})` : 'no dependent service';
    const first = g.findings[0];
    out.push(`${i + 1}. **${g.severity}** ${md(g.title)} (\`${g.ruleId}\`): ${plural(g.findings.length, 'finding')} ${where}; blast radius: ${radius}. First at ${fileLink(style, first.path, first.range.start.line + 1)}.`);
  });
  return out.join('\n');
}

export function groupsSection(groups: FindingGroup[], style: LinkStyle): string {
  if (!groups.length) return '## Findings by root cause\n\nNo findings.';
  const out = ['## Findings by root cause', '', 'One entry per rule and severity, with every place it was found.'];
  for (const g of groups) {
    const on = g.services.length ? ` on ${plural(g.services.length, 'service')}` : '';
    out.push('', `### ${md(g.title)}: ${plural(g.findings.length, 'finding')}${on} (\`${g.ruleId}\`, ${g.severity})`, '');
    if (g.services.length) out.push(`Services: ${names(g.services)}`, '');
    for (const f of g.findings.slice(0, FINDINGS_PER_GROUP)) out.push(`- ${fileLink(style, f.path, f.range.start.line + 1)} ${md(f.message)}`);
    if (g.findings.length > FINDINGS_PER_GROUP) out.push(`- … and ${g.findings.length - FINDINGS_PER_GROUP} more (\`backend-architect lint\` lists them all)`);
  }
  return out.join('\n');
}

function names(list: string[], max = 12): string {
  const shown = list.slice(0, max).map(md).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}
