import { dirname } from 'node:path';
import { get, items, str, type DataNode } from '../../documents/tree';
import type { Location } from '../../workspace/model';
import { imageName, isBuiltImage } from '../../workspace/builtImages';
import { isOwnImage } from '../../workspace/ownImages';
import { isKustomizationName } from '../../documents/classify';
import { movingTag } from '../imageTags';
import type { Report, RuleContext } from '../types';
import { checkedWorkloads, primaryOf } from './workloads';
import { renderedFromWorkspaceChart } from './rendered';
import { inLocalCluster } from './localCluster';

const describe = (tag: string) => (tag === '' ? 'has no tag (it means latest)' : `uses the moving tag '${tag}'`);

/** Where the containers of the model's Kubernetes workloads in this file's folder run `image`, in path and line order. */
function sameImageInFolder(ctx: RuleContext, image: string): Location[] {
  const dir = dirname(ctx.source.path);
  const out: Location[] = [];
  for (const s of ctx.model?.services ?? []) {
    if (s.origin !== 'kubernetes' || s.workload?.variantOf) continue;
    for (const c of s.workload?.containers ?? []) if (c.image?.value === image && dirname(c.image.location.path) === dir) out.push(c.image.location);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line));
}

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
      if (/\d/.test(tag) && isOwnImage(name, ctx.model?.root)) continue; // the workspace's own release label (`v1`)
      // In a local cluster's manifests a version line (postgres:16) is the developer's choice; latest or none is not.
      const hint = local && tag !== '' && !/^latest$/i.test(tag);
      // The same image in the manifests of one folder is one pin decision: reported once, at the first, naming the others.
      const same = sameImageInFolder(ctx, image);
      const here = (ctx.source.lines.rangeOf(node!.start, node!.end)).start.line;
      const first = same[0];
      if (first && (first.path !== ctx.source.path || first.range.start.line !== here)) continue;
      const others = same.slice(1);
      out.push({
        message: `Image '${image}' of container '${c.name}' (${w.object.kind} '${w.object.name}')${others.length ? ` and ${others.length} other container${others.length === 1 ? '' : 's'} of this folder` : ''} ${describe(tag)}: what runs changes from one pull to the next; pin a version tag, or best a digest (@sha256:...)`,
        at: node as DataNode,
        ...(others.length ? { related: others.slice(0, 20).map((o) => ({ path: o.path, range: o.range, message: `'${image}' here too` })) } : {}),
        ...(hint ? { severity: 'hint' as const } : {}),
      });
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
