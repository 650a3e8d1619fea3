import { isDatastoreTool } from '../../compose/images';
import type { ServiceNode } from '../../workspace/model';
import { containersOf, isWorkload, kubeObjects, podTemplate, runsToCompletion, type ContainerNode, type KubeObject } from '../../workspace/kubernetes/resources';
import type { RuleContext } from '../types';

/** A workload written in the manifest being checked, with what the workspace model knows of it. */
export interface CheckedWorkload {
  object: KubeObject;
  containers: ContainerNode[];
  model?: ServiceNode;
  /** The file is a Kustomize patch: the object is partial, only what it sets can be checked. */
  patch: boolean;
  longRunning: boolean;
}

export function checkedWorkloads(ctx: RuleContext): CheckedWorkload[] {
  const path = ctx.source.path;
  const patch = !!ctx.model?.patchFiles?.includes(path);
  return kubeObjects(ctx.data).filter(isWorkload).map((object) => ({
    object,
    containers: containersOf(podTemplate(object).spec),
    model: ctx.model?.services.find((s) => s.origin === 'kubernetes' && s.location.path === path && s.location.start === object.nameNode.start),
    patch,
    longRunning: !runsToCompletion(object),
  }));
}

/** The model's workloads that one of the current file's nodes concerns (a Service, an Ingress ... written here). */
export function modelWorkloads(ctx: RuleContext): ServiceNode[] {
  return ctx.model?.services.filter((s) => s.origin === 'kubernetes') ?? [];
}

/** Monitoring, identity and secret-store servers: infrastructure that keeps data by design, not an application. */
const INFRA = /(^|\/)(prometheus|alertmanager|grafana|loki|tempo|jaeger[\w-]*|thanos|mimir|victoria-?metrics[\w-]*|minio|vault|consul|keycloak|nexus[\w-]*|gitea|registry|jenkins|sonarqube|nginx-ingress[\w-]*|traefik|fluentd|fluent-bit|otel[\w-]*collector[\w-]*|opentelemetry-collector[\w-]*)(:|@|$)/i;

export function isInfrastructureImage(image: string | undefined): boolean {
  return !!image && (INFRA.test(image) || isDatastoreTool(image));
}
