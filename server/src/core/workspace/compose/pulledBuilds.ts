import { imageName } from '../builtImages';
import type { ServiceNode } from '../model';

/**
 * A compose service that pulls an image another compose file of the workspace builds (`build.yml` builds
 * `${REGISTRY:-local}/plane-frontend`, `docker-compose.yml` runs `makeplane/plane-frontend`) runs that build: it
 * takes the build's Dockerfile HEALTHCHECK and the image its final stage starts from (a reverse proxy's, a
 * datastore's). Names match in full, or by their last part when the build names its registry or user with a variable.
 */
export async function adoptWorkspaceBuilds(services: ServiceNode[], text: (path: string) => Promise<string | undefined>): Promise<void> {
  const builders = new Map<string, { s: ServiceNode; full: string; anyOwner: boolean }[]>();
  for (const s of services) {
    if (s.origin || !s.build || !s.image?.value) continue;
    const full = imageName(s.image.value);
    const raw = (await text(s.image.location.path))?.slice(s.image.location.start, s.image.location.end) ?? '';
    const entry = { s, full, anyOwner: /^["']?\$\{?\w+(:?-[^}/]*)?\}?\//.test(raw) };
    const last = full.split('/').pop()!;
    (builders.get(last) ?? builders.set(last, []).get(last)!).push(entry);
  }
  if (!builders.size) return;
  for (const s of services) {
    if (s.origin || s.build || !s.image?.value) continue;
    const full = imageName(s.image.value);
    const b = builders.get(full.split('/').pop()!)?.find((x) => x.full === full || x.anyOwner)?.s;
    if (!b) continue;
    if (!s.healthcheck && b.healthcheck && !b.healthcheck.disabled) s.healthcheck = b.healthcheck;
    if (b.reverseProxy) s.reverseProxy = true;
    if (b.baseImage && !s.baseImage) s.baseImage = b.baseImage;
  }
}
