import type { RuleContext } from '../rules/types';
import { nodesOf } from './common';

/** Function definitions per language, by node type. */
const DEFINITIONS: Record<string, string[]> = {
  python: ['function_definition'],
  typescript: ['function_declaration', 'method_definition'],
  javascript: ['function_declaration', 'method_definition'],
  go: ['function_declaration', 'method_declaration'],
  java: ['method_declaration'],
};

/** Names a delay expression calls: `self._next_sleep(...)`, `this.backoff(n)`, `nextDelay(attempt)`. */
const CALLED = /\b([A-Za-z_]\w*)\s*\(/g;

/**
 * A test of whether a delay is computed by a function or method defined in the same file that randomizes it
 * (`return interval * workflow.random().uniform(0.9, 1.1)`, `Math.random()`, `rand.Int63n`): such a delay is jittered.
 * Only the file's own definitions are read, one level deep, and only once a delay calls something.
 */
export function jitteredByHelper(ctx: RuleContext, jittery: RegExp): (delay: string) => boolean {
  let randomizes: Map<string, boolean> | undefined;
  const index = () => {
    const byName = new Map<string, boolean>();
    for (const d of nodesOf(ctx, DEFINITIONS[ctx.source.kind] ?? [])) {
      const name = d.childForFieldName('name')?.text;
      // A name defined twice counts only when each definition randomizes.
      if (name) byName.set(name, (byName.get(name) ?? true) && jittery.test(d.childForFieldName('body')?.text ?? ''));
    }
    return byName;
  };
  return (delay) => [...delay.matchAll(CALLED)].some((m) => (randomizes ??= index()).get(m[1]) === true);
}
