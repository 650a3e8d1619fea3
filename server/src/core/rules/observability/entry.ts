import { relative } from 'node:path';
import { languageOf } from '../../code/breakers';
import { isBackendCode } from '../../code/common';
import type { Fact, ServiceObservability } from '../../workspace/observability';
import type { Report, RuleContext } from '../types';

export interface ServiceView {
  service: string;
  dir: string;
  o: ServiceObservability;
  entry: Fact;
  /** js, py, go or java: the language of the entry point. */
  lang: string;
}

/**
 * The service whose entry point is this file, for the rules that report once per service on the file where its
 * server starts (the first such file in path order: the same file in the editor and the CLI).
 */
export function serviceAtEntry(ctx: RuleContext): ServiceView | undefined {
  if (!isBackendCode(ctx)) return undefined;
  const s = ctx.workspace.outbound?.of(ctx.source.path);
  const o = s?.observability;
  if (!s || !o?.entry || o.entry.path !== ctx.source.path) return undefined;
  return { service: s.service, dir: s.dir, o, entry: o.entry, lang: languageOf(o.entry.path) ?? '' };
}

/** A fact as a related location, its path relative to the service folder. */
export function related(view: ServiceView, f: Fact, message: string): NonNullable<Report['related']>[number] {
  return { path: f.path, range: f.range, message: `${message}${f.path === view.entry.path ? '' : ` (${relative(view.dir, f.path)})`}` };
}

/** "a, b and 3 more" */
export function list(names: string[], max = 4): string {
  if (names.length <= max) return names.join(', ').replace(/, ([^,]*)$/, ' and $1');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** What a library found but not in use says, for a message: "prom-client is declared in package.json but ...". */
export function unresolvedNote(view: ServiceView, f: Fact | undefined, what: string): string {
  if (!f) return '';
  const where = relative(view.dir, f.path) || f.path;
  return ` (${f.label} appears in ${where}, but no code of the service sets it up or uses it: not resolved, check how ${what} is started)`;
}
