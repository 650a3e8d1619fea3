import type { ServiceNode, WorkspaceModel } from '../model';

/** Whether a workload's findings may depend on a file: it is defined there, reads a ConfigMap there, or a Service, autoscaler, patch ... there concerns it. */
function concerns(s: ServiceNode, path: string): boolean {
  if (s.definitions.some((d) => d.path === path) || s.environment.some((e) => e.location.path === path)) return true;
  const w = s.workload;
  if (!w) return false;
  return w.services.some((x) => x.location.path === path) || w.ingresses.some((l) => l.path === path) || w.autoscalerMin?.location.path === path || w.disruptionBudget?.path === path || w.containers.some((c) => c.patchedBy.some((p) => p.path === path));
}

/**
 * What the findings of one manifest are computed from: the workloads it concerns, the edges from and to them,
 * the Kustomize problems and image overrides written in it, the Services' names and ports, the folders routed to local names. The language server analyzes the file again when this changes.
 */
export function kubernetesSignature(model: WorkspaceModel, path: string): string {
  const services = model.services.filter((s) => s.origin === 'kubernetes' && concerns(s, path));
  const ids = new Set(services.map((s) => s.id));
  const edges = model.edges.filter((e) => ids.has(e.from) || ids.has(e.to));
  const users = new Set(edges.map((e) => e.from));
  return JSON.stringify([services, edges, model.services.filter((s) => users.has(s.id) && !ids.has(s.id)).map((s) => [s.id, s.sourceDir, s.image?.value]), model.problems?.filter((p) => p.location.path === path), model.imageOverrides?.filter((i) => i.location.path === path), model.builtImages, model.kubeServices?.map((k) => [k.name, k.namespace, k.ports]), model.localRouteFolders]);
}
