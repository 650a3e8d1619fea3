import { entries, entry, get, isMap, isSeq, items, str, toPlain } from '../documents/tree';
import { checkedServices, type CheckedService } from './composeModel';
import { appendEntry, type Plain } from './edits';
import { hasProbe } from './missing-healthcheck';
import type { Report, Rule } from './types';

/** Whether a service has a healthcheck, or gets one from missing-healthcheck's fix (so service_healthy can work). */
function healthy(target: CheckedService | undefined, ctxTarget: { healthcheck?: { disabled: boolean }; datastore?: { kind: string } } | undefined): boolean {
  if (ctxTarget?.healthcheck) return !ctxTarget.healthcheck.disabled;
  if (target && isMap(get(target.node, 'healthcheck'))) return get(get(target.node, 'healthcheck'), 'disable') === undefined;
  const kind = (ctxTarget?.datastore?.kind ?? target?.kind) as Parameters<typeof hasProbe>[0];
  return !!(ctxTarget || target) && hasProbe(kind);
}

export const dependsOnWithoutCondition: Rule = {
  id: 'depends-on-without-condition',
  kinds: ['compose'],
  defaultSeverity: 'warning',
  title: '`depends_on` a service with a healthcheck, without `condition: service_healthy`',
  description:
    'The short form of `depends_on` waits only for the container to start. When the dependency has (or gets) a healthcheck, ask compose to wait until it is healthy: `depends_on: {db: {condition: service_healthy}}`.',
  check(ctx) {
    const services = checkedServices(ctx);
    const byName = new Map(services.map((s) => [s.name, s]));
    const reports: Report[] = [];
    for (const s of services) {
      const e = entry(s.node, 'depends_on');
      if (!e || e.merged) continue;
      const names = isSeq(e.value) ? items(e.value).map(str).filter((x): x is string => !!x) : entries(e.value).map((x) => x.key.text);
      const conditionOf = (n: string) => str(get(get(e.value, n), 'condition'));
      const modelOf = (n: string) => ctx.model?.services.find((m) => m.name === n && (!s.model || m.project === s.model.project));
      const waiting = names.filter((n) => conditionOf(n) !== 'service_healthy' && conditionOf(n) !== 'service_completed_successfully' && healthy(byName.get(n), modelOf(n)));
      if (!waiting.length) continue;
      const value: Record<string, Plain> = {};
      for (const n of names) {
        const old = isMap(get(e.value, n)) ? (toPlain(get(e.value, n)) as Record<string, Plain>) : {};
        value[n] = waiting.includes(n) ? { ...old, condition: 'service_healthy' } : { ...old, condition: conditionOf(n) ?? 'service_started' };
      }
      const edit = isMap(s.node) ? appendEntry(ctx.source, s.node, 'depends_on', value) : undefined;
      const list = waiting.map((n) => `'${n}'`).join(', ');
      reports.push({
        message: `'${s.name}' depends on ${list} without condition: service_healthy: it starts as soon as ${waiting.length === 1 ? 'that container starts' : 'those containers start'}, before ${waiting.length === 1 ? 'it is' : 'they are'} ready`,
        at: e.key,
        fix: edit && { title: 'Wait until healthy: depends_on with condition: service_healthy', edits: [edit] },
      });
    }
    return reports;
  },
};
