/** Stamps of spec summaries, and what the consistency rules report on a file in short (its findings moved when it changes). */
import type { ServiceComparison } from './compare';
import type { SpecSummary } from './spec';

const stamps = new WeakMap<SpecSummary, number>();
let nextStamp = 0;
export const stampOf = (s: SpecSummary) => stamps.get(s) ?? (stamps.set(s, ++nextStamp), nextStamp);

/** What the consistency rules report on a file, in short ('' for nothing); a change means its findings moved. */
export function signature(path: string, c: ServiceComparison | undefined): string {
  if (!c) return '';
  const inFile = <T extends { file: string }>(list: T[]) => list.filter((r) => r.file === path);
  const undocumented = inFile(c.undocumented).map((r) => [r.method, r.path, r.at.start]);
  const unenforced = c.unenforced.filter((u) => u.route.file === path || (c.noAuthInCode && c.unenforced[0].route.file === path)).map((u) => [u.route.method, u.route.path, u.route.at.start, u.op.securityAt?.start]);
  const unimplemented = c.unimplemented.filter((u) => u.spec.source.path === path).map((u) => [u.op.method, u.op.path, u.op.at.start]);
  const called = c.calledApis.some((s) => s.spec.source.path === path);
  if (!undocumented.length && !unenforced.length && !unimplemented.length && !called) return '';
  // Fixes and related locations point into the specs: their texts are part of what was reported.
  return JSON.stringify([undocumented, unenforced, c.noAuthInCode, unimplemented, called, c.specs.map(stampOf)]);
}
