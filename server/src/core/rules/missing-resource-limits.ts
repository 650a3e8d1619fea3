import { runsDevelopmentBuild } from '../compose/devSetup';
import { entries, get, isMap } from '../documents/tree';
import { checkedServices, inDevelopmentSetup, isExtendsBase, oneShotServices, type CheckedService } from './composeModel';
import { oneFindingWhenNoneSet, type ServiceGap } from './composeFileWide';
import type { Rule } from './types';
import { kubernetesLimits } from './kubernetes/limits';
import { helmLimits } from './helm/checks';

export const missingResourceLimits: Rule = {
  id: 'missing-resource-limits',
  kinds: ['compose', 'kubernetes', 'helm'],
  defaultSeverity: 'information',
  title: 'A service or container without a memory limit (or, on Kubernetes, without requests)',
  description:
    'Without limits, one service that leaks memory or spins the CPU starves every other service on the host. Set a memory limit (compose `deploy.resources.limits.memory`; Kubernetes `resources.limits.memory` with `resources.requests`), sized from what the service uses under load. A missing CPU limit is not flagged.',
  check(ctx) {
    if (ctx.source.kind === 'helm') return helmLimits(ctx);
    if (ctx.source.kind === 'kubernetes') return kubernetesLimits(ctx);
    const gaps: ServiceGap[] = [];
    const services = checkedServices(ctx);
    const byName = new Map(services.map((x) => [x.name, x.node]));
    const development = inDevelopmentSetup(ctx);
    // A job that runs once and exits holds its memory for minutes, not for the life of the host.
    const oneShot = oneShotServices(ctx);
    for (const s of services) {
      if (!s.primary || !isMap(s.node) || isExtendsBase(s, (n) => byName.get(n)) || development || oneShot.has(s.name) || runsDevelopmentBuild(s.node) || !!s.model?.fromSource || hasMemoryLimit(s)) continue;
      gaps.push({
        service: s,
        report: { message: `'${s.name}' has no memory limit: a leak in it can starve every other service on the host (set deploy.resources.limits.memory)`, at: s.key },
      });
    }
    return oneFindingWhenNoneSet(
      ctx,
      'missing-resource-limits',
      gaps,
      services.some((s) => s.primary && hasMemoryLimit(s)),
      (names) => `No service of this file has a memory limit (${names}): a leak in one can starve every other service on the host (set deploy.resources.limits.memory on each)`,
      'Add memory limits',
      undefined,
      (s) => s.limits.some((l) => /^(memory|mem_limit)$/.test(l)),
    );
  },
};

/** A memory limit is what protects the neighbours; CPU limits are debated (throttling) and never asked for. */
function hasMemoryLimit(s: CheckedService): boolean {
  const limits = s.model?.limits ?? [
    ...entries(get(get(get(s.node, 'deploy'), 'resources'), 'limits')).map((e) => e.key.text),
    ...['mem_limit', 'cpus'].filter((k) => get(s.node, k) !== undefined),
  ];
  return limits.some((l) => /^(memory|mem_limit)$/.test(l));
}
