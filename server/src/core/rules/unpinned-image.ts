import { get, isScalar } from '../documents/tree';
import { interpolate, markUnsetVariables, SET_AT_DEPLOY } from '../compose/interpolate';
import { checkedServices, inDevelopmentSetup } from './composeModel';
import { isStackCopy, notADeployment } from '../compose/stackCopies';
import { isComposeBuildName } from '../compose/images';
import { imageName, isBuiltImage } from '../workspace/builtImages';
import { isOwnImage } from '../workspace/ownImages';
import { kubernetesImages } from './kubernetes/images';
import { movingTag } from './imageTags';
export { imageTag, movingTag } from './imageTags';
import { helmImages } from './helm/checks';
import { list } from './observability/entry';
import type { Report, Rule, RuleContext } from './types';
import type { Location } from '../workspace/model';
import { dirname } from 'node:path';
import { reportedFirst } from './composeFileWide';

/** Where compose services of other files in this file's folder run `image` as written, in path order. */
function sameImageInFolder(ctx: RuleContext, image: string, names: ReadonlySet<string> = new Set()): Location[] {
  const dir = dirname(ctx.source.path);
  const out: Location[] = [];
  // A developer's stack elsewhere, or a file no rule judges (an older release), is no copy of a deployment.
  const model = ctx.model;
  const development = { has: (path: string) => !!model && notADeployment(model, path) };
  for (const s of ctx.model?.services ?? []) {
    const l = s.image?.location;
    // In this folder, or the same service in a copy of the stack kept in another folder (`jeecg-boot/docker-compose.yml`).
    if (s.origin || !l || s.build || l.path === ctx.source.path || (dirname(l.path) !== dir && (!names.has(s.name) || development.has(l.path) || development.has(ctx.source.path) || !model || !isStackCopy(model, ctx.source.path, l.path))) || s.image!.value !== image) continue;
    if (!out.some((o) => o.path === l.path && o.start === l.start)) out.push(l);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start));
}

export const unpinnedImage: Rule = {
  id: 'unpinned-image',
  kinds: ['compose', 'kubernetes', 'helm'],
  defaultSeverity: 'warning',
  title: 'An image without a tag, or with `latest` or another moving tag',
  description:
    'An unpinned image changes under you: two machines, or two deploys a day apart, run different code. Pin a version tag (postgres:16.4), or better a digest (postgres:16.4@sha256:...). Images that the workspace builds itself (compose `build`, skaffold, Tilt, a Maven build, a Makefile) are tagged at deploy time and are not flagged.',
  check(ctx) {
    if (ctx.source.kind === 'helm') return helmImages(ctx);
    if (ctx.source.kind === 'kubernetes') return kubernetesImages(ctx);
    const reports: Report[] = [];
    const built = new Set(ctx.model?.builtImages ?? []);
    const byImage = new Map<string, { what: string; tag: string; service: string; own: boolean; dotenv?: string; images?: string[]; at: { start: number; end: number }; others: { name: string; at: { start: number; end: number } }[] }>();
    const services = checkedServices(ctx);
    const builtHere = services.filter((s) => get(s.node, 'build') !== undefined).map((s) => s.name);
    for (const s of services) {
      const node = get(s.node, 'image');
      // Built here (`build:` with `image:` names the result), or by skaffold or Tilt: not pulled, so not moving.
      if (get(s.node, 'build') || (isScalar(node) && isBuiltImage(built, imageName(String(node.value))))) continue;
      if (!isScalar(node) || node.value === null) continue;
      // Written in several files of one project: only the image that wins (the last file's) is reported.
      const effective = s.model?.image?.location;
      if (effective && (effective.path !== ctx.source.path || effective.start !== node.start)) continue;
      const raw = String(node.value);
      if (builtHere.some((name) => isComposeBuildName(raw, name))) continue;
      // Variables the project's `.env` sets are filled in (compose reads it by default); the others are the deploy's.
      const dotenv = new Map(Object.entries(s.model?.imageFromDotenv ?? {}));
      const image = raw.includes('$') ? interpolate(markUnsetVariables(raw, dotenv), dotenv) : raw;
      // A variable without a default in the name or tag (`:$TAG`, `:${TAG}`, `${IMAGE}`): the deploy sets the tag.
      if (!image || image.slice(image.lastIndexOf('/') + 1).includes(SET_AT_DEPLOY)) continue;
      // A tag from a variable's default (`ghcr.io/acme/auth:${VERSION:-latest}`) on an image a build tool makes here.
      if (image !== raw && isBuiltImage(built, imageName(image))) continue;
      const tag = movingTag(image);
      if (tag === undefined) continue;
      // The workspace's own image with a version label (`v1`): its builds set it, it is no publisher's moving channel.
      const own = isOwnImage(imageName(image), ctx.model?.root);
      if (/\d/.test(tag) && own) continue;
      // The same image in several services of this file: one finding, at the first, naming the others.
      const shown = image.includes(SET_AT_DEPLOY) ? raw : image;
      // Images whose tag is one variable's default (`:${APP_RELEASE:-stable}`) move together: one cause, one finding.
      // So do images tagged by one variable the project's `.env` sets (`:${RELEASE_TAG}` with `RELEASE_TAG=latest`).
      const fromDotenv = /:\$\{?(\w+)\}?$/.exec(raw)?.[1];
      const tagVariable = /:\$\{(\w+):?-[^}]*\}$/.exec(raw)?.[1] ?? (fromDotenv && dotenv.has(fromDotenv) ? fromDotenv : undefined);
      // Images of one product released together (`acme/ci-server:v3` and `acme/ci-agent:v3`) are one pin decision too.
      const product = tagVariable ? undefined : productOf(shown);
      const key = tagVariable ? `\0${tagVariable}` : product && byImage.has(`\0\0${product}`) ? `\0\0${product}` : shown;
      const same = byImage.get(key);
      if (same) {
        same.others.push({ name: s.name, at: node });
        if (same.images && !same.images.includes(shown)) same.images.push(shown);
        continue;
      }
      const what = tag === '' ? 'has no tag (it means latest)' : `uses the moving tag '${tag}'`;
      const set = [...dotenv.keys()].filter((v) => raw.includes(v));
      const entry = { what, tag, service: s.name, own, at: node, others: [], ...(tagVariable || product ? { images: [shown] } : {}), ...(set.length ? { dotenv: `${set.join(', ')} from the project's .env` } : {}) };
      byImage.set(key, entry);
      if (product) byImage.set(`\0\0${product}`, entry);
    }
    // On a developer's machine a version line (postgres:16, node:22-alpine) is a choice; latest, alpine or no tag is not.
    const development = byImage.size > 0 && inDevelopmentSetup(ctx);
    const seen = new Set<object>();
    for (const [key, f] of byImage) {
      // An image first met alone and then joined by others of its product: reported once, under the product's key.
      if (seen.has(f) || (!key.startsWith('\0') && f.images && f.images.length > 1)) continue;
      seen.add(f);
      // The same image in other compose files of this folder (variants of one stack) is one pin decision: reported
      // once, in the first file in path order, naming the others.
      // A product's images are looked up by the first of them: the other files group them the same way.
      const shownKey = key.startsWith('\0\0') ? f.images![0] : key;
      const elsewhere = key.startsWith('\0') && !key.startsWith('\0\0') ? [] : sameImageInFolder(ctx, shownKey, new Set([f.service, ...f.others.map((o) => o.name)]));
      if (elsewhere.some((l) => reportedFirst(l.path, ctx.source.path))) continue;
      const files = new Set(elsewhere.map((l) => l.path)).size;
      const outside = elsewhere.some((l) => dirname(l.path) !== dirname(ctx.source.path));
      const also = files ? ` (and in ${files} other compose file${files === 1 ? '' : 's'} of this ${outside ? 'stack' : 'folder'})` : '';
      const names = [f.service, ...f.others.map((o) => o.name)].map((n) => `'${n}'`);
      const of = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
      const source = key.startsWith('\0\0') ? 'one product, released together' : f.dotenv?.startsWith(`${key.slice(1)} `) ? `${key.slice(1)} from the project's .env` : `the default of ${key.slice(1)}`;
      const images = f.images && f.images.length > 1 ? `Images ${list(f.images.map((i) => `'${i}'`))} (${key.startsWith('\0\0') ? source : `their tag is ${source}`})` : `Image '${f.images?.[0] ?? key}'`;
      const verb = f.images && f.images.length > 1 ? f.what.replace(/^uses /, 'use ').replace(/^has /, 'have ') : f.what;
      reports.push({
        message: `${images}${f.dotenv && !(f.images && f.images.length > 1 && source.endsWith('.env')) ? ` (${f.dotenv})` : ''} of ${of}${also} ${verb}: what runs changes from one pull to the next; pin a version tag, or best a digest (@sha256:...)`,
        at: f.at,
        // A version line (`postgres:16`, `node:22-alpine`) is a developer's choice; a tag with no version in it
        // (`latest`, `alpine`, `stable`) follows every major release.
        // On a developer's machine the project's own image on a channel (`:nightly`) follows the main branch on purpose.
        ...(development && (/\d/.test(f.tag) || f.own) ? { severity: 'hint' as const } : {}),
        ...(f.others.length || elsewhere.length ? { related: [...f.others.map((o) => ({ at: { start: o.at.start, end: o.at.end }, message: `'${o.name}' uses the same image` })), ...elsewhere.slice(0, 20).map((l) => ({ path: l.path, range: l.range, message: `'${shownKey}' here too` }))] } : {}),
      });
    }
    return reports;
  },
};

/**
 * The product an image belongs to, when its name says so: the same namespace and a first word the images share, on one
 * tag (`acme/ci-server:v3` and `acme/ci-agent:v3` are `acme/ci:v3`). A name of one word (`grafana/loki`) is a product
 * of its own.
 */
function productOf(image: string): string | undefined {
  const m = /^(.+)\/([a-z0-9]+)[-_][\w.-]+?(?::([^@/]*))?$/.exec(image);
  return m ? `${m[1]}/${m[2]}:${m[3] ?? ''}` : undefined;
}
