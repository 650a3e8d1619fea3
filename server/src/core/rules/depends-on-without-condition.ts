import { entry } from '../documents/tree';
import { checkedServices, isLoadGeneratorService } from './composeModel';
import { dependencyConditions, waitHealthyEdit, waitingOnHealthy } from './composeDepends';
import { oneFindingWhenNoneSet, type ServiceGap } from './composeFileWide';
import type { Rule } from './types';

export const dependsOnWithoutCondition: Rule = {
  id: 'depends-on-without-condition',
  kinds: ['compose'],
  defaultSeverity: 'warning',
  title: '`depends_on` a service with a healthcheck, without `condition: service_healthy`',
  description:
    'The short form of `depends_on` waits only for the container to start. When the dependency has a healthcheck, ask compose to wait until it is healthy: `depends_on: {db: {condition: service_healthy}}`. An explicit `condition: service_started` is a choice and is left alone; a dependency without a healthcheck is reported by missing-healthcheck.',
  check(ctx) {
    const services = checkedServices(ctx);
    const byName = new Map(services.map((s) => [s.name, s]));
    const gaps: ServiceGap[] = [];
    for (const s of services) {
      if (isLoadGeneratorService(s)) continue; // test traffic that starts early logs a few failed requests, nothing more
      const waiting = waitingOnHealthy(ctx, s, byName);
      if (!waiting.length) continue;
      const edit = waitHealthyEdit(ctx.source, s, waiting);
      const list = waiting.map((n) => `'${n}'`).join(', ');
      gaps.push({
        service: s,
        report: {
          message: `'${s.name}' depends on ${list} without condition: service_healthy: it starts as soon as ${waiting.length === 1 ? 'that container starts' : 'those containers start'}, before ${waiting.length === 1 ? 'it is' : 'they are'} ready`,
          at: entry(s.node, 'depends_on')!.key,
          fix: edit && { title: 'Wait until healthy: depends_on with condition: service_healthy', edits: [edit] },
        },
      });
    }
    // A file that never writes a condition was written without them: one finding, naming each dependent.
    const anyCondition = services.some((s) => [...(dependencyConditions(s)?.values() ?? [])].some((c) => c !== undefined));
    return oneFindingWhenNoneSet(
      ctx,
      'depends-on-without-condition',
      gaps,
      anyCondition,
      (names) => `No service of this file waits for its dependencies to be healthy (${names}): each depends on services that have a healthcheck without condition: service_healthy, so it starts as soon as their containers start, before they are ready`,
      'Wait until healthy: depends_on with condition: service_healthy, in each service',
      (g) => g.report.message.split(' without condition')[0],
    );
  },
};
