/**
 * Tags that name a moving target rather than a release: any tag without a digit (a channel, an environment, a
 * distribution or a variant: latest, prod, alpine, management, community, `latest-staging`), or a bare major
 * (16, v2, 7-alpine).
 */
const MOVING = /^(\D+|v?\d+([-_][a-z][\w.-]*)?)$/i;

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
