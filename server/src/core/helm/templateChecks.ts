// A Helm template's own text: images written in it, and workloads without resources or probes.
import { entries, get, str, type DataNode } from '../documents/tree';
import { movingTag } from '../rules/imageTags';
import { isLoadToolName, isTelemetryBackendImage } from '../rules/kubernetes/workloads';
import { actionsOf, documentsOf, imageLines, valuesRefs } from './template';
import { LIVENESS_WHY, MOVING_TAG_WHY, READINESS_WHY, nodeAt, type HelmResult } from './results';

/**
 * A template of `helm test` hooks (`"helm.sh/hook": test`): a pod that runs once when someone tests a release, and is
 * not part of what serves traffic, so deployment concerns (image pinning, probes, limits) do not apply to it.
 */
export function isHelmTestHook(text: string): boolean {
  return /["']?helm\.sh\/hook["']?\s*:\s*["']?[\w,-]*\btest(?:-success|-failure)?\b/.test(text);
}

/** A container that runs a load-test tool (`command: [locust, ...]`, `- k6`). */
const LOAD_COMMAND = /^[ \t]*(?:command:[ \t]*\[[ \t]*|-[ \t]+)["']?(?:locust|k6|artillery|jmeter|gatling|vegeta|wrk2?)["',\s\]]/m;

const WORKLOAD_KIND = /^kind:[ \t]*["']?(Deployment|StatefulSet|DaemonSet)["']?[ \t]*(#.*)?$/m;
const PROBE_HELPER = /\b(?:include|template)\s+"[^"]*(probe|health)[^"]*"/i;

/** `imagePullPolicy: Never` in the container an image line starts: the node's own image, never pulled (a local build). */
function neverPulled(text: string, from: number): boolean {
  const rest = text.slice(from, from + 600);
  const container = rest.slice(0, rest.search(/\n[ \t]*-[ \t]/) >>> 0);
  return /imagePullPolicy:[ \t]*["']?Never\b/.test(container);
}

/**
 * A template's own text: images whose tag is written in it (a moving one, or none); Deployments, StatefulSets and
 * DaemonSets with no `resources` at all after `containers:`; and those whose text has no readinessProbe (warning when a container declares ports or the template also
 * writes a Service, as that sends it traffic) or neither probe. `values` (the chart's values.yaml) only names things.
 */
export function templateFindings(path: string, text: string, values?: DataNode): HelmResult[] {
  const out: HelmResult[] = [];
  for (const line of imageLines(text)) {
    const s = line.source;
    if (s.kind !== 'literal' || neverPulled(text, line.end)) continue;
    const tag = s.tag === '' ? '' : movingTag(line.value);
    if (tag === undefined) continue;
    const what = tag === '' ? 'has no tag (it means latest)' : `uses the moving tag '${tag}'`;
    out.push({ ruleId: 'unpinned-image', message: `Image '${line.value}' ${what}: ${MOVING_TAG_WHY}`, path, at: { start: line.start, end: line.end }, via: 'static' });
  }
  const docs = documentsOf(text);
  const writesService = docs.some((d) => /^kind:[ \t]*["']?Service["']?[ \t]*$/m.test(d.text));
  for (const doc of docs) {
    const kind = WORKLOAD_KIND.exec(doc.text)?.[1];
    if (!kind) continue;
    const containers = /^([ \t]*)containers:[ \t]*(.*)$/m.exec(doc.text);
    if (!containers) continue;
    // The container list comes from values or a helper (`containers: {{ toYaml ... }}`): its probes cannot be seen.
    const after = doc.text.slice(containers.index + containers[0].length).replace(/^\s*\n/, '').trimStart();
    if (containers[2].includes('{{') || /^\{\{-?\s*(toYaml|include|template|tpl)\b/.test(after)) continue;
    const start = doc.start + containers.index + containers[1].length;
    const containersAt = { start, end: start + 'containers'.length };
    const containerName = nameOf(firstContainerName(doc.text.slice(containers.index)), values);
    const objectName = nameOf(/^metadata:[ \t]*\n(?:[ \t]+.*\n)*?[ \t]{2}name:[ \t]*(.+)$/m.exec(doc.text)?.[1], values);
    const who = `${containerName ? `Container '${containerName}'` : 'The container'} of ${objectName ? `${kind} '${objectName}'` : `the ${kind} of this template`}`;
    // A load generator is test tooling (see scope.md): no deployment finding.
    if ([objectName, containerName].some((n) => n && isLoadToolName(n)) || LOAD_COMMAND.test(doc.text)) continue;
    // No `resources` anywhere (neither written nor taken from values): no limit and no requests.
    if (!/resources/i.test(doc.text.slice(containers.index))) {
      out.push({
        ruleId: 'missing-resource-limits',
        message: `${who} has no memory limit and no resource requests: a leak in it can take the node and its neighbours down (OOM kills elsewhere); set resources.limits.memory and resources.requests`,
        path,
        at: containersAt,
        via: 'static',
      });
    }
    const helper = PROBE_HELPER.test(doc.text);
    // Keys a container takes from values (`{{- .Values.healthCheck | toYaml | nindent 10 }}`): probes among them count.
    const fromValues = valuesIncluded(doc.text.slice(containers.index), values);
    const readiness = helper || /readiness/i.test(doc.text) || fromValues.includes('readinessProbe');
    const liveness = helper || /liveness/i.test(doc.text) || fromValues.includes('livenessProbe');
    // A monitoring or tracing back end gates no request: only its liveness matters.
    const telemetry = imageLines(doc.text).some((l) => isTelemetryBackendImage(l.value));
    const served = (writesService || /\bcontainerPort\b|^[ \t]*ports:/m.test(doc.text)) && !telemetry;
    const needsReadiness = served && !readiness;
    if (!needsReadiness && liveness) continue;
    const missing = needsReadiness ? (liveness ? 'no readinessProbe' : 'no readinessProbe and no livenessProbe') : 'no livenessProbe';
    const why = needsReadiness ? 'its Service sends traffic to pods that are not ready yet (at start-up, during a rollout) and keeps sending it when they hang' : LIVENESS_WHY;
    out.push({
      ruleId: 'missing-healthcheck',
      message: `${who} has ${missing}: ${why}`,
      severity: needsReadiness ? undefined : 'information',
      path,
      at: containersAt,
      via: 'static',
    });
  }
  return out;
}

/**
 * The `name` of the first item of the list that follows `containers:` (its own key, not an `env` entry's
 * `- name: OTEL_RESOURCE_ATTRIBUTES` further down).
 */
function firstContainerName(fromContainers: string): string | undefined {
  let indent = -1;
  for (const line of fromContainers.split('\n').slice(1)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('{{')) continue;
    const lead = line.length - line.trimStart().length;
    if (indent < 0) {
      const item = /^-[ \t]+(.*)$/.exec(trimmed);
      if (!item) return undefined;
      indent = lead;
      const own = /^name:[ \t]*(.+)$/.exec(item[1]);
      if (own) return own[1];
      continue;
    }
    if (lead < indent || (lead === indent && trimmed.startsWith('-'))) return undefined; // past the first item
    if (lead === indent + 2) {
      const key = /^name:[ \t]*(.+)$/.exec(trimmed);
      if (key) return key[1];
    }
  }
  return undefined;
}

/** The keys of the values maps a template writes with toYaml (`.Values.x | toYaml`, `toYaml .Values.x`). */
function valuesIncluded(text: string, values: DataNode | undefined): string[] {
  if (!values) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/\btoYaml\s+\(?\s*\.Values\.([\w.]+)|\.Values\.([\w.]+)\s*\|\s*toYaml\b/g)) {
    let node: DataNode | undefined = values;
    for (const key of (m[1] ?? m[2]).split('.')) node = get(node, key);
    out.push(...entries(node).map((e) => e.key.text));
  }
  return out;
}

/** A name as written (`web`, `"web"`), or the value of the one `.Values` path it is (`{{ .Values.web.name }}`). */
function nameOf(written: string | undefined, values: DataNode | undefined): string | undefined {
  const text = written?.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (!text) return undefined;
  if (/^[\w.-]+$/.test(text)) return text;
  const acts = actionsOf(text);
  if (acts.length !== 1 || acts[0].start !== 0 || acts[0].end !== text.length) return undefined;
  const refs = valuesRefs(acts[0].code);
  const value = refs.length === 1 && /^\$?\.Values(\.\w+)+$/.test(acts[0].code) ? str(nodeAt(values, refs[0])) : undefined;
  return value && /^[\w.-]+$/.test(value) ? value : undefined;
}
