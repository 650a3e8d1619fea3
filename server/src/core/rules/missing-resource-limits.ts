import { entries, get, isMap } from '../documents/tree';
import { checkedServices } from './composeModel';
import type { Report, Rule } from './types';
import { kubernetesLimits } from './kubernetes/limits';

export const missingResourceLimits: Rule = {
  id: 'missing-resource-limits',
  kinds: ['compose', 'kubernetes'],
  defaultSeverity: 'information',
  title: 'A service without memory or CPU limits',
  description:
    'Without limits, one service that leaks memory or spins the CPU starves every other service on the host. Set `deploy.resources.limits` (memory and cpus), sized from what the service uses under load.',
  check(ctx) {
    if (ctx.source.kind === 'kubernetes') return kubernetesLimits(ctx);
    const reports: Report[] = [];
    for (const s of checkedServices(ctx)) {
      if (!s.primary || !isMap(s.node)) continue;
      const limits = s.model?.limits ?? [
        ...entries(get(get(get(s.node, 'deploy'), 'resources'), 'limits')).map((e) => e.key.text),
        ...['mem_limit', 'cpus'].filter((k) => get(s.node, k) !== undefined),
      ];
      const memory = limits.some((l) => /^(memory|mem_limit)$/.test(l));
      const cpu = limits.some((l) => /^(cpus|cpu_quota)$/.test(l));
      if (memory && cpu) continue;
      const missing = [!memory && 'memory', !cpu && 'CPU'].filter(Boolean).join(' or ');
      reports.push({
        message: `'${s.name}' has no ${missing} limit: a leak or a busy loop in it can starve every other service on the host (set deploy.resources.limits)`,
        at: s.key,
      });
    }
    return reports;
  },
};
