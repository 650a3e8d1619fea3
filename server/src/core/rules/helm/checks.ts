import type { SourceFile } from '../../documents/source';
import { helmStaticFindings, type HelmResult, type HelmRuleId } from '../../helm/static';
import { imageName, isBuiltImage } from '../../workspace/builtImages';
import type { Report, RuleContext } from '../types';

/** The three rules read the same chart: its findings are computed once per analysis of a file. */
const byAnalysis = new WeakMap<SourceFile, HelmResult[]>();

function helmReports(ctx: RuleContext, ruleId: HelmRuleId, keep: (r: HelmResult) => boolean = () => true): Report[] {
  let all = byAnalysis.get(ctx.source);
  if (!all) byAnalysis.set(ctx.source, (all = helmStaticFindings(ctx.source, ctx.data)));
  return all.filter((r) => r.ruleId === ruleId && keep(r)).map((r) => ({ message: r.message, at: r.at, ...(r.severity ? { severity: r.severity } : {}), ...(r.related ? { related: r.related } : {}), data: { via: r.via } }));
}

/**
 * Helm: image tags in values.yaml (as the templates use them), Chart.yaml's appVersion, and tags written in templates;
 * not an image a build tool of the workspace makes and tags at deploy time (Tilt's `docker_build('sysdb', ...)`, skaffold).
 */
export const helmImages = (ctx: RuleContext): Report[] => {
  // Only a tool that tags at deploy time (skaffold, Tilt) replaces the chart's reference: an image a compose file
  // builds and names (`build:` with `image: ghcr.io/acme/cart`) is still pulled by the chart under its moving tag.
  const composeBuilt = new Set((ctx.model?.services ?? []).filter((s) => !s.origin && s.build && s.image).map((s) => imageName(s.image!.value)));
  const built = new Set((ctx.model?.builtImages ?? []).filter((i) => !composeBuilt.has(i)));
  return helmReports(ctx, 'unpinned-image', (r) => !r.image || !isBuiltImage(built, imageName(r.image)));
};
/** Helm: templates of workloads without probes, and probes switched off in values. */
export const helmHealthchecks = (ctx: RuleContext): Report[] => helmReports(ctx, 'missing-healthcheck');
/** Helm: resources handed to `toYaml` whose values have no memory limit or no requests. */
export const helmLimits = (ctx: RuleContext): Report[] => helmReports(ctx, 'missing-resource-limits');
