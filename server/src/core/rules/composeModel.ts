import { datastoreKind, type DatastoreKind } from '../compose/images';
import type { DataNode } from '../documents/tree';
import type { ServiceNode } from '../workspace/model';
import { composeServices, type ComposeService } from './compose';
import type { RuleContext } from './types';

/** A service written in the file being checked, with what the workspace model knows of it (overrides merged). */
export interface CheckedService extends ComposeService {
  model?: ServiceNode;
  /** The datastore it runs: from the model (image or Dockerfile), else from the image written here. */
  kind?: DatastoreKind;
  /** True when this file holds the service's main definition (findings about the whole service go there). */
  primary: boolean;
}

export function checkedServices(ctx: RuleContext): CheckedService[] {
  if (!ctx.data) return [];
  const path = ctx.source.path;
  return composeServices(ctx.data).map((s) => {
    const model = ctx.model?.services.find((m) => m.name === s.name && m.definitions.some((d) => d.path === path && d.start === s.key.start));
    return { ...s, model, kind: model?.datastore?.kind ?? datastoreKind(s.image), primary: !model || model.location.path === path };
  });
}

/** Names of the services that `depends_on` this one, across every file of its project. */
export function dependents(ctx: RuleContext, s: CheckedService, local: Map<string, string[]>): string[] {
  const names = new Set(local.get(s.name) ?? []);
  if (ctx.model && s.model) {
    const byId = new Map(ctx.model.services.map((m) => [m.id, m.name]));
    for (const e of ctx.model.edges) if (e.to === s.model.id && e.source === 'depends_on') names.add(byId.get(e.from) ?? e.from);
  }
  return [...names];
}

export type { DataNode };
