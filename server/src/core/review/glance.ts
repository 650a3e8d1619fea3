/** "The system at a glance" and "What this review could not see". */
import { sep } from 'node:path';
import { SKIPPED_FILE, PARSE_ERROR, INTERNAL_ERROR, CONFIG_ERROR } from '../findings';
import { deploymentKinds } from './checklist';
import { fileLink, md, plural, relPath, table } from './format';
import type { LinkStyle, ReviewInput } from './types';

const LIST_MAX = 30;
const line = (l: { range: { start: { line: number } } }) => l.range.start.line + 1;

function names(list: string[]): string {
  const shown = list.slice(0, LIST_MAX).map(md).join(', ');
  return list.length > LIST_MAX ? `${shown} and ${list.length - LIST_MAX} more` : shown;
}

export function glanceSection(input: ReviewInput, style: LinkStyle): string {
  const { model } = input;
  const apps = model.services.filter((s) => !s.datastore);
  const stores = model.services.filter((s) => s.datastore && s.datastore.category !== 'broker');
  const brokers = model.services.filter((s) => s.datastore?.category === 'broker');
  const kinds = deploymentKinds(input);
  const rows = [
    ['Services', apps.length ? `${apps.length}: ${names(apps.map((s) => s.id))}` : 'none found'],
    ['Datastores', stores.length ? `${stores.length}: ${names(stores.map((s) => `${s.id} (${s.datastore!.kind}${s.databases.length ? `: ${s.databases.join(', ')}` : ''})`))}` : 'none found'],
    ['Brokers', brokers.length ? `${brokers.length}: ${names(brokers.map((s) => `${s.id} (${s.datastore!.kind})`))}` : 'none found'],
    ['APIs', input.specs.length + input.contracts.length ? names([...input.specs.map((s) => `${relPath(style, s.path)} (${s.title ?? 'untitled'}${s.version ? ` ${s.version}` : ''}, ${plural(s.operations, 'operation')})`), ...input.contracts.map((c) => relPath(style, c))]) : 'no OpenAPI, GraphQL or protobuf contract found'],
    ['Deployed with', kinds.length ? md(kinds.join(', ')) : 'no deployment found'],
    ['Code without a deployment', model.codeServices.length ? names(model.codeServices.map((c) => `${relPath(style, c.dir)} (${c.language})`)) : 'none'],
    ['Files analyzed', String(input.filesChecked)],
  ];
  const out = ['## The system at a glance', '', table(['What', 'Found'], rows)];
  if (model.services.length) {
    out.push('', table(['Service', 'Kind', 'Runs', 'Defined at'], model.services.slice(0, 200).map((s) => [
      md(s.id),
      s.datastore ? md(`${s.datastore.category}: ${s.datastore.kind}`) : s.workload ? md(s.workload.kind) : 'service',
      md(s.image?.value ?? (s.sourceDir ? `built from ${relPath(style, s.sourceDir)}` : s.build?.context ?? '')),
      fileLink(style, s.location.path, line(s.location)),
    ])));
    if (model.services.length > 200) out.push('', `… and ${model.services.length - 200} more services.`);
  }
  return out.join('\n');
}

export function blindSpotsSection(input: ReviewInput, style: LinkStyle): string {
  const items: string[] = [];
  const { model } = input;
  if (!deploymentKinds(input).length) items.push('No deployment was found (no compose file, Kubernetes manifest or Helm chart): services, datastores and their connections are unknown.');
  const dirs = model.services.filter((s) => s.sourceDir).map((s) => s.sourceDir! + sep);
  for (const s of input.specs) if (!dirs.some((d) => s.path.startsWith(d))) items.push(`${fileLink(style, s.path, 1)}: this API spec is not inside the build folder of any service, so it is not mapped to one.`);
  for (const c of model.codeServices) items.push(`${fileLink(style, c.location.path, line(c.location))}: code that serves HTTP, but no compose service or workload builds it.`);
  for (const p of model.problems ?? []) items.push(`${fileLink(style, p.location.path, line(p.location))}: ${md(p.message)}`);
  const notes = input.findings.filter((f) => [SKIPPED_FILE, PARSE_ERROR, INTERNAL_ERROR, CONFIG_ERROR].includes(f.ruleId));
  for (const f of notes.slice(0, LIST_MAX)) items.push(`${fileLink(style, f.path, f.range.start.line + 1)}: ${md(f.ruleId)}: ${md(f.message)}`);
  if (notes.length > LIST_MAX) items.push(`… and ${notes.length - LIST_MAX} more files that could not be read or parsed.`);
  if (input.contracts.length) items.push(`${plural(input.contracts.length, 'GraphQL or protobuf file')} counted as API contracts but not analyzed.`);
  if (!input.documents.length) items.push('No README or design document: requirements, constraints and decisions could not be checked.');
  items.push('Runtime behaviour (traffic, latency, error rates) is outside what a static review can see.');
  return ['## What this review could not see', '', ...items.map((i) => `- ${i}`)].join('\n');
}
