// The shared pieces of the static Helm checks: what a finding is, its message parts, and reading values by path.
import type { DataNode, MapEntry } from '../documents/tree';
import { entries, get, isMap } from '../documents/tree';
import type { Severity } from '../findings';
import type { Report, Span } from '../rules/types';

export type HelmRuleId = 'unpinned-image' | 'missing-resource-limits' | 'missing-healthcheck';

/** One Helm finding, and which path found it: reading the chart's text (`static`) or `helm template` output (`helm`). */
export interface HelmResult {
  ruleId: HelmRuleId;
  message: string;
  /** Overrides the rule's severity (a milder variant of the same concern). */
  severity?: Severity;
  /** The file the finding is on: a values file, Chart.yaml or a template. */
  path: string;
  /** Offsets in that file's text. */
  at: Span;
  /** Where else it shows (the template lines that read a value). */
  related?: Report['related'];
  /** For an unpinned image: the image (or repository) it is about, when the values name it. */
  image?: string;
  /** The templates a values finding is about, when `related` does not name them (resources, probes). */
  templates?: string[];
  via: 'static' | 'helm';
}

/** The templates a values or Chart.yaml finding is about: its `templates`, else the files of its related locations. */
export function templatesOf(r: HelmResult): string[] {
  return r.templates ?? (r.related ?? []).flatMap((x) => (x.path ? [x.path] : []));
}

export const MOVING_TAG_WHY = 'what runs changes from one pull to the next; pin a version tag, or best a digest (@sha256:...)';
export const READINESS_WHY = 'their Service sends traffic to pods that are not ready yet (at start-up, during a rollout) and keeps sending it when they hang';
export const LIVENESS_WHY = 'a hung process is never restarted';

/** A node of the values by its path of keys (`['image', 'tag']`). */
export function nodeAt(data: DataNode | undefined, path: string[]): DataNode | undefined {
  return entryAt(data, path)?.value;
}

export function entryAt(data: DataNode | undefined, path: string[]): MapEntry | undefined {
  let node = data;
  let found: MapEntry | undefined;
  for (const key of path) {
    found = entries(node).find((e) => e.key.text === key);
    if (!found) return undefined;
    node = found.value;
  }
  return found;
}
