import type { SourceFile } from '../../documents/source';
import { helmStaticFindings, type HelmResult, type HelmRuleId } from '../../helm/static';
import type { Report, RuleContext } from '../types';

/** The three rules read the same chart: its findings are computed once per analysis of a file. */
const byAnalysis = new WeakMap<SourceFile, HelmResult[]>();

function helmReports(ctx: RuleContext, ruleId: HelmRuleId): Report[] {
  let all = byAnalysis.get(ctx.source);
  if (!all) byAnalysis.set(ctx.source, (all = helmStaticFindings(ctx.source, ctx.data)));
  return all.filter((r) => r.ruleId === ruleId).map((r) => ({ message: r.message, at: r.at, ...(r.severity ? { severity: r.severity } : {}), ...(r.related ? { related: r.related } : {}), data: { via: r.via } }));
}

/** Helm: image tags in values.yaml (as the templates use them), Chart.yaml's appVersion, and tags written in templates. */
export const helmImages = (ctx: RuleContext): Report[] => helmReports(ctx, 'unpinned-image');
/** Helm: templates of workloads without probes, and probes switched off in values. */
export const helmHealthchecks = (ctx: RuleContext): Report[] => helmReports(ctx, 'missing-healthcheck');
/** Helm: resources handed to `toYaml` whose values have no memory limit or no requests. */
export const helmLimits = (ctx: RuleContext): Report[] => helmReports(ctx, 'missing-resource-limits');
