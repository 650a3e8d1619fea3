/**
 * Tags that name a moving target rather than a release: any tag without a digit (a channel, an environment, a
 * distribution or a variant: latest, prod, alpine, management, community, `latest-staging`), or a bare major
 * (16, v2, 7-alpine).
 */
const MOVING = /^(\D+|v?\d+([-_][a-z][\w.-]*)?)$/i;

/**
 * Registries scoped to one cloud account (ECR, ACR, Artifact Registry): what they hold is the account's own builds,
 * where a bare number is a CI build number (never reused), not a publisher's floating major.
 */
const ACCOUNT_REGISTRY = /^(\d+\.dkr\.ecr\.[\w-]+\.amazonaws\.com|[\w-]+\.azurecr\.io|[\w-]+-docker\.pkg\.dev)\//i;

/**
 * A placeholder a script replaces before anything is deployed (`sed -i "s/CONTAINER_IMAGES_TAG/$TAG/"`): an upper-case
 * token with an underscore, `TAG` or `VERSION`, or one wrapped in `__X__` or `<x>`; not a tag anything is pulled by.
 */
const PLACEHOLDER = /^([A-Z][A-Z0-9]*(_[A-Z0-9]+)+|TAG|VERSION|__\w+__|<[\w-]+>)$/;

/** The tag that makes an image unpinned ('' for none, or a moving one), undefined when it is pinned. */
export function movingTag(image: string): string | undefined {
  const tag = imageTag(image);
  if (tag === undefined || (tag !== '' && !MOVING.test(tag)) || PLACEHOLDER.test(tag)) return undefined;
  // A build number of the account's own image; a vendor's image mirrored there (postgres:16) still moves.
  if (/^\d+$/.test(tag) && ACCOUNT_REGISTRY.test(image) && !isMirroredVendorImage(image)) return undefined;
  return tag;
}

/** An image named like a publisher's (a datastore, a proxy, a runtime) kept in a private registry. */
function isMirroredVendorImage(image: string): boolean {
  const name = image.slice(0, image.lastIndexOf(':')).split('/').pop() ?? '';
  return /^(postgres|mysql|mariadb|mongo|redis|rabbitmq|kafka|elasticsearch|nginx|traefik|haproxy|envoy|node|python|golang|openjdk|eclipse-temurin|alpine|debian|ubuntu|busybox)$/i.test(name);
}

/** The tag of an image reference, '' when it has none; undefined when it is pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@sha256:') || image.includes('@')) return undefined;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const i = last.indexOf(':');
  return i < 0 ? '' : last.slice(i + 1);
}
