import type { Span } from '../rules/types';

/** A secret found under one key of one container, service or ConfigMap. */
export interface KeyedSecret<T> {
  key: string;
  /** The secret texts it holds: the value, and the passwords inside it when it is a URL. */
  values: string[];
  at: Span;
  first: T;
}

export interface SameValue<T> {
  /** The first key that holds it, where the finding sits. */
  head: KeyedSecret<T>;
  /** The other keys holding the same secret (also as a password in a URL). */
  others: KeyedSecret<T>[];
}

/** One secret value, one finding: keys of one owner that hold the same secret are grouped under the first. */
export function groupBySecretValue<T>(found: KeyedSecret<T>[]): SameValue<T>[] {
  const groups: SameValue<T>[] = [];
  const byValue = new Map<string, SameValue<T>>();
  for (const f of found) {
    const seen = f.values.map((v) => byValue.get(v)).find((g) => g);
    if (seen) seen.others.push(f);
    else groups.push({ head: f, others: [] });
    const group = seen ?? groups[groups.length - 1];
    for (const v of f.values) if (!byValue.has(v)) byValue.set(v, group);
  }
  return groups;
}

/** The message part naming the other keys, and the related locations for them. */
export function sameValueNote<T>(g: SameValue<T>): { also: string; related: { at: Span; message: string }[] } {
  if (!g.others.length) return { also: '', related: [] };
  const keys = g.others.map((o) => o.key);
  return {
    also: ` (the same value is in ${keys.join(', ')})`,
    related: g.others.map((o) => ({ at: o.at, message: `${o.key} holds the same value` })),
  };
}
