// Helm rendering in an analysis: whether it may run (the user's setting, a trusted workspace, a helm binary), and
// how a chart's render changes the findings of its files. Chart.yaml and values files keep their static findings
// (that is where users edit); a template's findings come from what it rendered, on the template line they map to.
import { basename, dirname, relative, sep } from 'node:path';
import type { EffectiveConfig } from '../config/effective';
import type { Settings } from '../config/schema';
import type { SourceFile } from '../documents/source';
import type { Finding } from '../findings';
import { isSuppressed } from '../suppress';
import { findChartDirSync, readChartSync } from './chart';
import { templateSpanOf } from './mapBack';
import { locateHelm } from './render';
import type { ChartRenders, RenderRequest } from './renders';
import { helmStaticFindings, templatesOf } from './static';

export const RENDER_ERROR = 'render-error';
const HELM_RULES = new Set(['unpinned-image', 'missing-resource-limits', 'missing-healthcheck']);

/** What an analysis needs to render charts. */
export interface HelmRendering {
  renders: ChartRenders;
  /** The workspace is trusted (VS Code's workspace trust; on the command line, always: running it is the user's choice). */
  trusted: boolean;
  /**
   * Wait for a render that is not done yet (the CLI). Otherwise it runs in the background and the last finished
   * render answers meanwhile (the editor, which ChartRenders tells when a render finished).
   */
  wait: boolean;
}

/** How to render under these settings: undefined when rendering is off; `untrusted` and `missing` say why it cannot run. */
export function renderPlan(settings: Settings, trusted: boolean, env: NodeJS.ProcessEnv = process.env): RenderRequest | { missing: string } | { untrusted: string } | undefined {
  if (!settings.helm.render) return undefined;
  if (!trusted) return { untrusted: 'Helm rendering is on, but this workspace is not trusted, so helm is not run: the chart is checked without rendering until you trust the workspace' };
  const configured = settings.helm.path.trim();
  const helmPath = locateHelm(configured, env);
  if (helmPath) return { helmPath, timeoutMs: settings.helm.timeoutMs };
  return {
    missing: configured
      ? `Helm rendering is on, but the helm binary '${configured}' (backendArchitect.helm.path) is not an executable file, or not found on PATH: the chart is checked without rendering`
      : 'Helm rendering is on, but no helm binary was found on PATH: install helm or set backendArchitect.helm.path (CLI: --helm-path); the chart is checked without rendering',
  };
}

/** The findings of a Helm file with its chart's render applied (unchanged when no render may run or none is done yet). */
export async function withHelmRender(source: SourceFile, findings: Finding[], config: EffectiveConfig, helm: HelmRendering | undefined): Promise<Finding[]> {
  if (!helm || source.kind !== 'helm') return findings;
  const plan = renderPlan(config.settings, helm.trusted);
  if (!plan) return findings;
  const chartDir = findChartDirSync(source.path);
  const role = chartDir && roleOf(chartDir, source.path);
  if (!chartDir || !role) return findings;
  if ('untrusted' in plan) return role === 'chart' ? withRenderError(source, findings, plan.untrusted, config, true) : findings;
  if ('missing' in plan) return role === 'chart' ? withRenderError(source, findings, plan.missing, config) : findings;
  const rendered = await helm.renders.render(chartDir, plan, helm.wait);
  if (!rendered) return findings;
  if (!rendered.result.ok) return role === 'chart' ? withRenderError(source, findings, rendered.result.error, config) : findings;
  if (role !== 'template') return findings;
  const covered = coveredByValues(chartDir, source.path);
  const fromRender: Finding[] = [];
  for (const r of await rendered.findings(config)) {
    if (r.path !== source.path || covered.has(r.ruleId)) continue;
    const at = templateSpanOf(source.text, r.rendered);
    const range = source.lines.rangeOf(at.start, at.end);
    if (isSuppressed(source.lines, range.start.line, r.ruleId)) continue;
    fromRender.push({ ruleId: r.ruleId, severity: r.severity ?? 'warning', message: r.message, path: source.path, range, data: { via: 'helm' } });
  }
  // The template's own static findings give way to the render: what it confirms is reported from the render.
  const kept = findings.filter((f) => !(HELM_RULES.has(f.ruleId) && f.data?.via === 'static'));
  return [...kept, ...fromRender].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Whether a render of the chart changes the findings of this file of it (Chart.yaml and its templates do). */
export const changesWithRender = (chartDir: string, path: string): boolean => roleOf(chartDir, path) !== undefined;

/** Chart.yaml of the chart, or one of its templates (YAML under templates/); values files and the rest are neither. */
function roleOf(chartDir: string, path: string): 'chart' | 'template' | undefined {
  if (dirname(path) === chartDir && /^Chart\.ya?ml$/.test(basename(path))) return 'chart';
  const rel = relative(chartDir, path);
  return rel.startsWith(`templates${sep}`) && /\.ya?ml$/i.test(rel) ? 'template' : undefined;
}

/** One render-error on the first line of Chart.yaml (unless the rule is off or suppressed there); information, from the static path, when helm was not allowed to run. */
function withRenderError(source: SourceFile, findings: Finding[], message: string, config: EffectiveConfig, notAllowed = false): Finding[] {
  const severity = config.severityOf(RENDER_ERROR, notAllowed ? 'information' : 'warning');
  if (!severity) return findings;
  const range = source.lines.rangeOf(0, source.lines.lineText(0).length);
  return [{ ruleId: RENDER_ERROR, severity, message, path: source.path, range, data: { via: notAllowed ? 'static' : 'helm' } }, ...findings];
}

/** Rules whose finding on this template values.yaml (or Chart.yaml) already makes, where the user edits it. */
function coveredByValues(chartDir: string, templatePath: string): Set<string> {
  const chart = readChartSync(chartDir);
  const covered = new Set<string>();
  if (!chart) return covered;
  const files = [chart.values && { file: chart.values, data: chart.values.data }, { file: chart.chartFile, data: chart.chartData }];
  for (const f of files) {
    if (!f?.data) continue;
    for (const r of helmStaticFindings(f.file, f.data)) if (templatesOf(r).includes(templatePath)) covered.add(r.ruleId);
  }
  return covered;
}
