import { runsDevelopmentBuild } from '../compose/devSetup';
import { get, isMap, str } from '../documents/tree';
import { appendEntry } from './edits';
import { checkedServices, inDevelopmentSetup, isExtendsBase, isSwarmStack, oneShotServices, type CheckedService } from './composeModel';
import { oneFindingWhenNoneSet, type ServiceGap } from './composeFileWide';
import type { Rule } from './types';

export const missingRestartPolicy: Rule = {
  id: 'missing-restart-policy',
  kinds: ['compose'],
  defaultSeverity: 'information',
  title: 'A long-running service without a restart policy',
  description:
    'Without a restart policy, a service that crashes stays down until someone notices. Set `restart: unless-stopped` (or `deploy.restart_policy`) on long-running services.',
  check(ctx) {
    // A swarm stack restarts failed tasks unless told otherwise.
    if (isSwarmStack(ctx)) return [];
    const services = checkedServices(ctx);
    const byName = new Map(services.map((x) => [x.name, x.node]));
    const development = inDevelopmentSetup(ctx);
    const oneShot = oneShotServices(ctx);
    const gaps: ServiceGap[] = [];
    for (const s of services) {
      if (!s.primary || isExtendsBase(s, (n) => byName.get(n))) continue;
      const restart = restartOf(s);
      // Any written policy is a choice, `restart: "no"` included (a tool meant to stay down after it stops).
      if (restart) continue;
      if (oneShot.has(s.name) || development || runsDevelopmentBuild(s.node) || !!s.model?.fromSource) continue;
      const edit = isMap(s.node) ? appendEntry(ctx.source, s.node, 'restart', 'unless-stopped') : undefined;
      gaps.push({
        service: s,
        report: {
          message: `'${s.name}' has no restart policy: when it crashes it stays down until someone notices (restart: unless-stopped)`,
          at: s.key,
          fix: edit && { title: 'Add restart: unless-stopped', edits: [edit] },
        },
      });
    }
    return oneFindingWhenNoneSet(
      ctx,
      'missing-restart-policy',
      gaps,
      services.some((s) => s.primary && !!restartOf(s)),
      (names) => `No service of this file has a restart policy (${names}): one that crashes stays down until someone notices (restart: unless-stopped on each long-running service)`,
      'Add restart: unless-stopped to each',
      undefined,
      (s) => !!s.restart,
    );
  },
};

function restartOf(s: CheckedService): string | undefined {
  return s.model?.restart?.value ?? str(get(s.node, 'restart')) ?? str(get(get(get(s.node, 'deploy'), 'restart_policy'), 'condition'));
}
