/** Tags that name a moving target rather than a release: a channel, an environment (prod, staging), a distribution, or a bare major (16, 7-alpine). */
const WORD = 'latest|stable|lts|current|edge|mainline|nightly|dev|develop|master|main|rolling|prod|production|staging|stage|qa|uat|alpine|slim|bookworm|bullseye|jammy|noble|focal|ubuntu|debian';
/** A moving word, or words joined by dashes (`latest-staging`, `stable-alpine`), or a major version alone. */
const MOVING = new RegExp(`^((${WORD})([-_](${WORD}))*|v?\\d+([-_][a-z][\\w.-]*)?)$`, 'i');

/** The tag that makes an image unpinned ('' for none, or a moving one), undefined when it is pinned. */
export function movingTag(image: string): string | undefined {
  const tag = imageTag(image);
  return tag === undefined || (tag !== '' && !MOVING.test(tag)) ? undefined : tag;
}

/** The tag of an image reference, '' when it has none; undefined when it is pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@sha256:') || image.includes('@')) return undefined;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const i = last.indexOf(':');
  return i < 0 ? '' : last.slice(i + 1);
}
