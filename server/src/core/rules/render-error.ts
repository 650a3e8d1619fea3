import type { Rule } from './types';

/** A deployment that cannot be assembled: a kustomization naming a missing file or including itself, a compose file extending a service that does not exist. */
export const renderError: Rule = {
  id: 'render-error',
  kinds: ['kubernetes', 'helm', 'compose'],
  defaultSeverity: 'warning',
  title: 'A kustomization, chart or compose file cannot be assembled',
  description:
    'kustomize build (or helm template, or docker compose) fails on this file, so what it deploys is unknown and the rest of its tree is not checked through it. Fix the reference the message names.',
  check(ctx) {
    const path = ctx.source.path;
    return (ctx.model?.problems ?? []).filter((p) => p.location.path === path).map((p) => ({ message: p.message, at: { start: p.location.start, end: p.location.end } }));
  },
};
