import { runsDevelopmentBuild } from '../compose/devSetup';
import { entries, get, isMap } from '../documents/tree';
import { checkedServices, inDevelopmentSetup } from './composeModel';
import type { Report, Rule } from './types';
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
    const reports: Report[] = [];
    const services = checkedServices(ctx);
    const development = inDevelopmentSetup(ctx);
    for (const s of services) {
      if (!s.primary || !isMap(s.node) || development || runsDevelopmentBuild(s.node)) continue;
      const limits = s.model?.limits ?? [
        ...entries(get(get(get(s.node, 'deploy'), 'resources'), 'limits')).map((e) => e.key.text),
        ...['mem_limit', 'cpus'].filter((k) => get(s.node, k) !== undefined),
      ];
      // A memory limit is what protects the neighbours; CPU limits are debated (throttling) and never asked for.
      if (limits.some((l) => /^(memory|mem_limit)$/.test(l))) continue;
      reports.push({
        message: `'${s.name}' has no memory limit: a leak in it can starve every other service on the host (set deploy.resources.limits.memory)`,
        at: s.key,
      });
    }
    return reports;
  },
};
