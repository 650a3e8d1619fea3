/** Shared by the rules that check a service's routes in code against its OpenAPI specs (workspace/specs/). */
import { basename } from 'node:path';
import { CODE_LANGUAGES } from '../documents/classify';
import { entry } from '../documents/tree';
import type { ServiceComparison } from '../workspace/specs/compare';
import { consistencyOf } from '../workspace/specs/attach';
import type { SpecSummary } from '../workspace/specs/spec';
import type { Report, RuleContext } from './types';

export const CODE_KINDS = CODE_LANGUAGES;

/** The comparison of the service this file belongs to, when it has a mapped spec. */
export function comparisonOf(ctx: RuleContext): ServiceComparison | undefined {
  return consistencyOf(ctx.workspace).of(ctx.source.path);
}

export const specName = (s: SpecSummary) => basename(s.source.path);

/** A related location in a spec: a span of it, or its `paths` key. */
export function inSpec(spec: SpecSummary, message: string, at?: { start: number; end: number }): NonNullable<Report['related']>[number] {
  const where = at ?? entry(spec.root, 'paths')?.key ?? spec.root;
  return { path: spec.source.path, range: spec.source.lines.rangeOf(where.start, where.end), message };
}

export const routeLabel = (r: { method: string; path: string }) => `${r.method === 'ANY' ? 'every method of' : r.method} ${r.path}`;
