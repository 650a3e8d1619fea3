// Helm charts read without rendering: values.yaml against the templates that read it, and each template's own text.
// The findings carry the ids of the compose and Kubernetes rules (unpinned-image, missing-resource-limits,
// missing-healthcheck) and sit on the line a user edits: the value in values.yaml, else the template line.
import { basename, dirname } from 'node:path';
import { isHelmTemplatePath } from '../documents/classify';
import { entries, get, isMap, isScalar, isSeq, str, type DataNode, type MapEntry } from '../documents/tree';
import type { Severity } from '../findings';
import { movingTag } from '../rules/imageTags';
import type { Report, Span } from '../rules/types';
import { LineIndex } from '../text/lineIndex';
export type { HelmResult, HelmRuleId } from './results';
export { templatesOf } from './results';
export { isHelmTestHook, templateFindings } from './templateChecks';
import { isHelmTestHook, templateFindings } from './templateChecks';
import { MOVING_TAG_WHY, READINESS_WHY, LIVENESS_WHY, nodeAt, entryAt, type HelmResult, type HelmRuleId } from './results';
import { chartOf, chartRelative, chartValuesOf, diskChartFs, readChartSync, type Chart, type ChartFile, type ChartFs } from './chart';
import { definesOf, imageLines, resourcesRefs, type Fallback, type ImageLine, type TagSource } from './template';

const VALUES_NAME = /^values([.-][\w.-]+)?\.ya?ml$/;
const DEFAULT_VALUES = /^values\.ya?ml$/;
const CHART_NAME = /^Chart\.ya?ml$/;

/**
 * The static findings of one chart file: a values file (given parsed, as the editor has it), Chart.yaml, or a
 * template (text only). Sibling files are read through `fs` (the disk by default, absolute paths only).
 */
export function helmStaticFindings(file: { path: string; text: string }, data: DataNode | undefined, fs: ChartFs = diskChartFs): HelmResult[] {
  const name = basename(file.path);
  if (isHelmTemplatePath(file.path)) return /\.ya?ml$/i.test(name) && !isHelmTestHook(file.text) ? templateFindings(file.path, file.text, chartValuesOf(file.path, fs)) : [];
  if (VALUES_NAME.test(name)) return data ? valuesFindings(file.path, data, chartOf(file.path, fs), DEFAULT_VALUES.test(name)) : [];
  if (CHART_NAME.test(name)) {
    const chart = readChartSync(dirname(file.path), fs);
    return data && chart ? chartYamlFindings(file.path, data, chart) : [];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// Values files

/** An image a template writes, with the template it is in. */
interface ImageUse {
  template: ChartFile;
  line: ImageLine;
}

function imageUses(chart: Chart | undefined): ImageUse[] {
  if (!chart) return [];
  const defines = definesOf(chart.templates.map((t) => t.text));
  return chart.templates.filter((t) => /\.ya?ml$/i.test(t.path) && !isHelmTestHook(t.text)).flatMap((template) => imageLines(template.text, defines).map((line) => ({ template, line })));
}

/**
 * A values file: image tags (read by the templates, or in the `{repository, tag}` pattern), resources handed to
 * `toYaml` without a memory limit or requests, and probes switched off. Without the chart's templates (an unsaved
 * file, a chart folder that cannot be read) only what the values say by themselves is checked.
 */
export function valuesFindings(path: string, data: DataNode, chart: Chart | undefined, isDefault = true): HelmResult[] {
  const out: HelmResult[] = [];
  const reported = new Set<number>();
  const add = (ruleId: HelmRuleId, message: string, at: Span, related?: Report['related'], severity?: Severity, image?: string) => {
    if (reported.has(at.start) && ruleId === 'unpinned-image') return;
    if (ruleId === 'unpinned-image') reported.add(at.start);
    out.push({ ruleId, message, at: { start: at.start, end: at.end }, path, via: 'static', ...(related?.length ? { related } : {}), ...(severity ? { severity } : {}), ...(image ? { image } : {}) });
  };
  // Helm reads Chart.yaml's fields whatever their case (`AppVersion:` sets appVersion).
  const appVersion = chart && str(entries(chart.chartData).find((e) => e.key.text.toLowerCase() === 'appversion')?.value);

  // Images the templates write, grouped by the value that sets their tag (or the whole image).
  const groups = new Map<string, { source: Extract<TagSource, { kind: 'value' | 'image' }>; uses: ImageUse[] }>();
  for (const use of imageUses(chart)) {
    const s = use.line.source;
    if (s.kind !== 'value' && s.kind !== 'image') continue;
    const key = `${s.kind}:${s.path.join('.')}`;
    const group = groups.get(key) ?? { source: { ...s }, uses: [] };
    // Templates that read the same value differently: the one without a fallback, or writing the colon, decides.
    if (group.uses.length && group.source.kind === 'value' && s.kind === 'value') {
      if (!s.fallback) group.source.fallback = undefined;
      group.source.colon ||= s.colon;
    }
    group.uses.push(use);
    groups.set(key, group);
  }
  for (const { source, uses } of groups.values()) {
    if (source.digestPaths.some((p) => !!str(nodeAt(data, p)))) continue; // pinned by a digest value
    if (switchedOff(data, source.path, isDefault ? undefined : chart?.values?.data)) continue;
    const related = relatedOf(chart!, uses, `The image that reads '${source.path.join('.')}'`);
    const users = templateList(chart!, uses.map((u) => u.template));
    if (source.kind === 'image') {
      const node = nodeAt(data, source.path);
      const p = source.path.join('.');
      if (isScalar(node)) {
        const image = str(node);
        if (!image || image.includes('{{')) continue;
        const tag = movingTag(image);
        if (tag === undefined) continue;
        const what = tag === '' ? 'has no tag (it means latest)' : `uses the moving tag '${tag}'`;
        add('unpinned-image', `Image '${image}' ('${p}', written by ${users}) ${what}: ${MOVING_TAG_WHY}`, node, related, undefined, image);
      } else if (isMap(node) && get(node, 'tag') !== undefined && !str(get(node, 'digest'))) {
        checkTag(source.path.concat('tag'), source.fallback ?? { kind: 'unknown' }, false, users, related);
      }
      continue;
    }
    checkTag(source.path, source.fallback, source.colon, users, related);
  }

  function checkTag(tagPath: string[], fallback: Fallback | undefined, colon: boolean, users: string, related: Report['related']) {
    const p = tagPath.join('.');
    const node = nodeAt(data, tagPath);
    if (node && !isScalar(node)) return;
    const tag = str(node);
    if (notJudged(tagPath, tag)) return;
    if (tag) {
      if (tag.includes('{{')) return;
      // The repository beside the tag (`repository:`, or `image:` as in `deployment.image` + `deployment.tag`).
      const repository = ['repository', 'image'].map((k) => str(nodeAt(data, tagPath.slice(0, -1).concat(k)))).find((r) => r && !r.includes('{{')) ?? 'image';
      const moving = movingTag(`${repository}:${tag}`);
      if (moving) add('unpinned-image', `'${p}' sets the moving tag '${moving}' for the images of ${users}: ${MOVING_TAG_WHY}`, node!, related, undefined, repository);
      return;
    }
    // Empty or not set: what the template falls back to decides.
    if (!node && !isDefault) return; // another values file: values.yaml still sets it
    const place = node ?? deepestEntry(data, tagPath)?.key;
    if (!place) return;
    const empty = node ? `'${p}' is empty` : `'${p}' is not set`;
    if (!fallback) {
      if (colon) add('unpinned-image', `${empty} and the templates give it no fallback (such as default .Chart.AppVersion): the images of ${users} render as '<repository>:' with nothing after the colon, an invalid reference Kubernetes cannot pull; set a version tag`, place, related);
      else add('unpinned-image', `${empty} and the templates give it no fallback (such as default .Chart.AppVersion): the images of ${users} have no tag (it means latest): ${MOVING_TAG_WHY}`, place, related);
    } else if (fallback.kind === 'appVersion' && chart) {
      if (!appVersion) add('unpinned-image', `${empty}, so the images of ${users} take the chart's appVersion as their tag, and Chart.yaml has none: they render without a tag; set a version tag here or appVersion in Chart.yaml`, place, related);
      else if (movingTag(`image:${appVersion}`)) add('unpinned-image', `${empty}, so the images of ${users} take the chart's appVersion '${appVersion}' as their tag, a moving tag: ${MOVING_TAG_WHY}`, place, related);
    } else if (fallback.kind === 'literal') {
      const moving = movingTag(`image:${fallback.value}`);
      if (moving !== undefined) add('unpinned-image', `${empty}, so the images of ${users} take the template's default ${moving ? `tag '${moving}', a moving tag` : 'of no tag (it means latest)'}: ${MOVING_TAG_WHY}`, place, related);
    }
  }

  /**
   * An image left alone: `pullPolicy: Never` beside its tag (here or in values.yaml) loads it into the node, never
   * pulled; another values file that restates values.yaml's tag is covered by the finding on values.yaml.
   */
  function notJudged(tagPath: string[], tag: string | undefined): boolean {
    // An empty repository beside the tag: the whole image is an input the deploy fills in (--set image.repository=...).
    const repository = nodeAt(data, tagPath.slice(0, -1).concat('repository'));
    if (repository && str(repository) === undefined && isScalar(repository)) return true;
    if (str(repository) === '') return true;
    const policy = tagPath.slice(0, -1).concat('pullPolicy');
    if ((str(nodeAt(data, policy)) ?? str(nodeAt(chart?.values?.data, policy))) === 'Never') return true;
    return !isDefault && !!tag && str(nodeAt(chart?.values?.data, tagPath)) === tag;
  }

  // The `{repository, tag}` pattern, whether or not a template of this chart reads it (a dependency's values do too).
  walk(data, [], (node, p) => {
    if (!isMap(node) || !get(node, 'repository')) return;
    const tagNode = get(node, 'tag');
    const tag = str(tagNode);
    if (!tag || tag.includes('{{') || str(get(node, 'digest')) || notJudged([...p, 'tag'], tag) || switchedOff(data, [...p, 'tag'], isDefault ? undefined : chart?.values?.data)) return;
    const repo = str(get(node, 'repository')) ?? '';
    const moving = movingTag(`${repo && !repo.includes('{{') ? repo : 'image'}:${tag}`);
    if (!moving) return;
    add('unpinned-image', `'${[...p, 'tag'].join('.')}' sets the moving tag '${moving}' for image '${repo}': ${MOVING_TAG_WHY}`, tagNode!, undefined, undefined, repo);
  });

  if (chart && isDefault) out.push(...resourcesFindings(path, data, chart));
  out.push(...probeFindings(path, data, chart));
  return out;
}

/** Resources a template hands to `toYaml` whose values have no memory limit or no requests (values.yaml only: other files merge into it). */
function resourcesFindings(path: string, data: DataNode, chart: Chart): HelmResult[] {
  const byPath = new Map<string, { ref: string[]; templates: ChartFile[] }>();
  for (const t of chart.templates) {
    for (const ref of resourcesRefs(t.text)) {
      const key = ref.join('.');
      const g = byPath.get(key) ?? { ref, templates: [] };
      if (!g.templates.includes(t)) g.templates.push(t);
      byPath.set(key, g);
    }
  }
  const out: HelmResult[] = [];
  for (const { ref, templates } of byPath.values()) {
    if (switchedOff(data, ref)) continue;
    const e = entryAt(data, ref);
    const place = e?.key ?? deepestEntry(data, ref)?.key;
    if (!place) continue;
    const node = e?.value;
    const memory = !!str(get(get(node, 'limits'), 'memory'));
    const requests = entries(get(node, 'requests')).some((x) => !!str(x.value) || isMap(x.value));
    if (memory && requests) continue;
    const missing = [!memory && 'no memory limit', !requests && 'no resource requests'].filter(Boolean).join(' and ');
    const why = !memory ? 'a leak in them can take the node and its neighbours down (OOM kills elsewhere)' : 'the scheduler cannot place them by what they need, so nodes are overcommitted';
    const what = e ? `'${ref.join('.')}'` : `'${ref.join('.')}' is not set, so it`;
    out.push({
      ruleId: 'missing-resource-limits',
      message: `${what} gives the containers of ${templateList(chart, templates)} ${missing}: ${why}; set limits.memory and requests here`,
      path,
      at: { start: place.start, end: place.end },
      templates: templates.map((t) => t.path),
      via: 'static',
    });
  }
  return out;
}

/**
 * Whether a value lies in a block the values switch off (`volumePermissions: {enabled: false, image: ...}`, or a
 * parent block with `enabled: false`): the templates render nothing of it by default. `defaults` (values.yaml, for
 * another values file) decides where this file does not say.
 */
function switchedOff(data: DataNode, path: string[], defaults?: DataNode): boolean {
  for (let i = 1; i < path.length; i++) {
    const prefix = path.slice(0, i);
    const flag = get(nodeAt(data, prefix), 'enabled') ?? (defaults ? get(nodeAt(defaults, prefix), 'enabled') : undefined);
    if (isScalar(flag) && String(flag.value) === 'false') return true;
  }
  return false;
}

const PROBE_KEYS: Record<string, 'readiness' | 'liveness'> = { readinessProbe: 'readiness', livenessProbe: 'liveness' };
const PROBES_MAP_KEYS: Record<string, 'readiness' | 'liveness'> = { readiness: 'readiness', liveness: 'liveness' };

/** `readinessProbe: {enabled: false}` and the like (also `probes.readiness.enabled`): the probe is switched off. */
function probeFindings(path: string, data: DataNode, chart: Chart | undefined): HelmResult[] {
  const out: HelmResult[] = [];
  walk(data, [], (node, p) => {
    const key = p[p.length - 1];
    const which = PROBE_KEYS[key] ?? (p[p.length - 2] === 'probes' ? PROBES_MAP_KEYS[key] : undefined);
    if (!which || !isMap(node)) return;
    const flag = get(node, 'enabled') ?? get(node, 'enable');
    if (!isScalar(flag) || !(flag.value === false || flag.text === 'false')) return;
    const dotted = p.join('.');
    const users = chart?.templates.filter((t) => t.text.includes(`.Values.${dotted}`)) ?? [];
    const who = users.length ? `the containers of ${templateList(chart!, users)}` : 'the containers it configures';
    const flagName = get(node, 'enabled') ? 'enabled' : 'enable';
    out.push({
      ruleId: 'missing-healthcheck',
      message: which === 'readiness'
        ? `'${dotted}.${flagName}' is false: ${who} get no readinessProbe, so ${READINESS_WHY}`
        : `'${dotted}.${flagName}' is false: ${who} get no livenessProbe: ${LIVENESS_WHY}`,
      severity: which === 'readiness' ? undefined : 'information',
      path,
      at: { start: flag.start, end: flag.end },
      ...(users.length ? { templates: users.map((t) => t.path) } : {}),
      via: 'static',
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Chart.yaml

/** appVersion used as an image tag (`:{{ .Chart.AppVersion }}`) while it is a moving tag. */
export function chartYamlFindings(path: string, data: DataNode, chart: Chart): HelmResult[] {
  const node = get(data, 'appVersion');
  const version = str(node);
  if (!node || !version || !movingTag(`image:${version}`)) return [];
  const uses = imageUses(chart).filter((u) => u.line.source.kind === 'appVersion');
  if (!uses.length) return [];
  return [{
    ruleId: 'unpinned-image',
    message: `appVersion '${version}' is the tag of the images of ${templateList(chart, uses.map((u) => u.template))}, a moving tag: ${MOVING_TAG_WHY}`,
    path,
    at: { start: node.start, end: node.end },
    related: relatedOf(chart, uses, 'The image tagged with appVersion'),
    via: 'static',
  }];
}

// ---------------------------------------------------------------------------------------------------------------

/** The entry of the longest prefix of `path` that the values have (where a missing key would go). */
function deepestEntry(data: DataNode, path: string[]): MapEntry | undefined {
  for (let n = path.length - 1; n > 0; n--) {
    const e = entryAt(data, path.slice(0, n));
    if (e) return e;
  }
  return undefined;
}

/** Calls `visit` on every node under a values root with its key path (sequence items are not followed). */
function walk(node: DataNode, path: string[], visit: (node: DataNode, path: string[]) => void, depth = 0): void {
  if (depth > 32 || isSeq(node)) return;
  for (const e of entries(node)) {
    if (e.merged) continue;
    const p = [...path, e.key.text];
    visit(e.value, p);
    walk(e.value, p, visit, depth + 1);
  }
}

/** 'a.yaml', 'a.yaml and b.yaml', 'a.yaml, b.yaml, c.yaml and 4 more' (paths under templates/). */
function templateList(chart: Chart, files: ChartFile[]): string {
  const names = [...new Set(files.map((f) => chartRelative(chart, f.path).replace(/^templates\//, '')))];
  if (names.length === 1) return names[0];
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

const MAX_RELATED = 10;

function relatedOf(chart: Chart, uses: ImageUse[], message: string): Report['related'] {
  const lines = new Map<ChartFile, LineIndex>();
  return uses.slice(0, MAX_RELATED).map((u) => {
    let index = lines.get(u.template);
    if (!index) lines.set(u.template, (index = new LineIndex(u.template.text)));
    return { path: u.template.path, range: index.rangeOf(u.line.start, u.line.end), message };
  });
}
