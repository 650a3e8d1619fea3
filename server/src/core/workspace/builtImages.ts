import { dirname, join, sep } from 'node:path';
import { get, items, str, type DataNode } from '../documents/tree';
import { parseYamlStream } from '../documents/yaml';
import type { SourceGroup } from './build';
import { makeBuiltImages } from './makeImages';
import { mavenBuiltImages } from './mavenImages';

export interface BuiltImagesIo {
  text(path: string): Promise<string | undefined>;
  names(dir: string): Promise<string[]>;
}

/** skaffold.yaml (skaffold.<profile>.yaml), Tiltfile and a Maven POM: the files that say which images the workspace builds. */
export const isBuildFileName = (name: string): boolean => /^(skaffold(\.[\w-]+)?\.ya?ml|Tiltfile|pom\.xml|Makefile|makefile|GNUmakefile)$/.test(name);

/**
 * Whether an image reference names one the workspace builds: the same name, or the same repository path on another
 * registry host (`docker.l5d.io/buoyantio/emojivoto-web` for a built `buoyantio/emojivoto-web`: a mirror or vanity host).
 */
export function isBuiltImage(built: ReadonlySet<string>, name: string): boolean {
  if (built.has(name)) return true;
  for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
    const rest = name.slice(i + 1);
    if (rest.includes('/') && built.has(rest)) return true;
  }
  return false;
}

/** An image reference without registry tag or digest: `ghcr.io/acme/orders:1.2` -> `ghcr.io/acme/orders`. */
export function imageName(image: string): string {
  const at = image.indexOf('@');
  const noDigest = at >= 0 ? image.slice(0, at) : image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/**
 * Images that a build tool of the workspace builds and tags at deploy time: skaffold.yaml `build.artifacts[].image`,
 * Tiltfile `docker_build('name', ...)`, a Maven build's images (mavenImages.ts), a Makefile's `docker build -t`
 * (makeImages.ts), and compose services with both
 * `build` and `image`. Such an image's tag in a
 * manifest is replaced when it deploys, so it is not a moving tag. Looked for beside each deployment file and above
 * it up to the root.
 */
export async function builtImages(root: string | undefined, deployFiles: string[], groups: SourceGroup[], io: BuiltImagesIo, touched: Set<string>): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const g of groups) for (const s of g.services) if (s.build && s.image) out.set(imageName(s.image.value), s.sourceDir);
  const dirs = new Set<string>();
  for (const f of deployFiles) {
    for (let d = dirname(f); ; d = dirname(d)) {
      dirs.add(d);
      if (!root || d === root || !d.startsWith(root + sep) || dirname(d) === d) break;
    }
  }
  // Services' own Makefiles sit in the top-level folders (`emojivoto-web/Makefile` including a shared `common.mk`).
  // The root itself too: a Tiltfile or skaffold.yaml there builds for the charts of the workspace as well.
  if (root) dirs.add(root);
  if (root) for (const n of await io.names(root)) if (!n.startsWith('.') && !n.includes('.') && n !== 'node_modules') dirs.add(join(root, n));
  for (const d of dirs) {
    const names = await io.names(d);
    for (const n of names) {
      if (!isBuildFileName(n)) continue;
      const path = join(d, n);
      if (n === 'pom.xml') {
        for (const [image, dir] of await mavenBuiltImages(path, io, touched)) if (!out.get(image)) out.set(image, dir);
        continue;
      }
      touched.add(path);
      if (/^(Makefile|makefile|GNUmakefile)$/.test(n)) {
        for (const image of await makeBuiltImages(path, io)) if (!out.has(image)) out.set(image, d);
        continue;
      }
      const text = (await io.text(path)) ?? '';
      if (n === 'Tiltfile') {
        for (const m of text.matchAll(/\b(?:docker_build|custom_build|docker_build_with_restart)\(\s*(?:ref\s*=\s*)?['"]([^'"]+)['"](?:\s*,\s*(?:context\s*=\s*)?['"]([^'"]+)['"])?/g)) out.set(imageName(m[1]), m[2] ? join(d, m[2]) : undefined);
        continue;
      }
      for (const doc of items(parseYamlStream(text).root)) {
        const builds = [get(doc, 'build'), ...items(get(doc, 'profiles')).map((p) => get(p, 'build'))];
        for (const a of builds.flatMap((b) => items(get(b, 'artifacts')))) {
          const image = str(get(a, 'image'));
          if (image && !out.get(imageName(image))) out.set(imageName(image), artifactFolder(d, a));
        }
      }
    }
  }
  return out;
}

/**
 * The code folder of a skaffold artifact: its build context, narrowed to the module a Jib build names
 * (`jib.project`) or to the folder of the Dockerfile when the context is a parent folder shared by several images.
 */
function artifactFolder(dir: string, artifact: DataNode): string {
  const context = join(dir, str(get(artifact, 'context')) ?? '.');
  const project = str(get(get(artifact, 'jib'), 'project'));
  if (project) return join(context, project);
  const dockerfile = str(get(get(artifact, 'docker'), 'dockerfile'));
  return dockerfile && dockerfile.includes('/') ? dirname(join(context, dockerfile)) : context;
}
