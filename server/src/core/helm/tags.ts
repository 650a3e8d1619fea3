// Which image tags move. The same list as rules/unpinned-image.ts (MOVING): core/helm is imported by that rule, so
// it cannot import the rule back (test/unit/core/import-cycles.test.ts); a test keeps the two lists in step.

/** Tags that name a moving target rather than a release: a channel, a distribution, or a bare major (16, 7-alpine). */
const MOVING = /^(latest|stable|lts|current|edge|mainline|nightly|dev|develop|master|main|rolling|alpine|slim|bookworm|bullseye|jammy|noble|focal|ubuntu|debian|v?\d+([-_][a-z][\w.-]*)?)$/i;

/** The tag that makes an image reference unpinned ('' for none, or a moving one), undefined when it is pinned. */
export function movingTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const i = last.indexOf(':');
  const tag = i < 0 ? '' : last.slice(i + 1);
  return tag !== '' && !MOVING.test(tag) ? undefined : tag;
}
