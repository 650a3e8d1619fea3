import { get, items, str, type DataNode } from '../../documents/tree';
import { imageName, isBuiltImage } from '../../workspace/builtImages';
import { isKustomizationName } from '../../documents/classify';
import { movingTag } from '../imageTags';
import type { Report, RuleContext } from '../types';
import { checkedWorkloads, primaryOf } from './workloads';
import { renderedFromWorkspaceChart } from './rendered';
import { inLocalCluster } from './localCluster';

const describe = (tag: string) => (tag === '' ? 'has no tag (it means latest)' : `uses the moving tag '${tag}'`);

/**
 * Kubernetes: container images without a tag or with a moving one, and Kustomize `images` entries that set one.
 * An image built and tagged by skaffold, Tilt or compose in the workspace is skipped, and so is one whose tag or
 * digest an overlay's `images` entry sets (that entry is checked instead).
 */
export function kubernetesImages(ctx: RuleContext): Report[] {
  if (renderedFromWorkspaceChart(ctx)) return []; // the chart's own checks report it
  const out: Report[] = [];
  const local = inLocalCluster(ctx);
  const built = new Set(ctx.model?.builtImages ?? []);
  const overridden = new Set((ctx.model?.imageOverrides ?? []).filter((o) => o.newTag || o.digest).map((o) => o.name));
  for (const w of checkedWorkloads(ctx)) {
    const primary = primaryOf(ctx, w)?.workload;
    for (const c of w.containers) {
      const node = get(c.node, 'image');
      const image = str(node);
      if (!image || /\$\(|\$\{|\{\{/.test(image)) continue;
      if (str(get(c.node, 'imagePullPolicy')) === 'Never') continue; // loaded into the node (a local build), never pulled
      if (primary?.containers.some((x) => x.image?.value === image)) continue; // reported on the primary copy
      const name = imageName(image);
      if (isBuiltImage(built, name) || overridden.has(name)) continue;
      const tag = movingTag(image);
      if (tag === undefined) continue;
      // In a local cluster's manifests a version line (postgres:16) is the developer's choice; latest or none is not.
      const hint = local && tag !== '' && !/^latest$/i.test(tag);
      out.push({ message: `Image '${image}' of container '${c.name}' (${w.object.kind} '${w.object.name}') ${describe(tag)}: what runs changes from one pull to the next; pin a version tag, or best a digest (@sha256:...)`, at: node as DataNode, ...(hint ? { severity: 'hint' as const } : {}) });
    }
  }
  if (!isKustomizationName(ctx.source.path)) return out;
  for (const doc of items(ctx.data)) {
    for (const img of items(get(doc, 'images'))) {
      const newTag = get(img, 'newTag');
      const name = str(get(img, 'newName')) ?? str(get(img, 'name'));
      if (!newTag || !name || str(get(img, 'digest')) || isBuiltImage(built, imageName(name))) continue;
      const tag = movingTag(`${name}:${str(newTag)}`);
      if (tag) out.push({ message: `Kustomize sets image '${name}' to the moving tag '${tag}': what runs changes from one pull to the next; set a version tag or a digest`, at: newTag });
    }
  }
  return out;
}
