import { basename, join } from 'node:path';
import { imageName } from '../builtImages';
import { SKIP_DIRS } from '../codeScan';
import type { ServiceNode } from '../model';

type List = (dir: string) => Promise<{ name: string; dir: boolean }[] | undefined>;

const MAX_DEPTH = 3;
const CODE = /\.(py|ts|js|mjs|go|java|kt|cs|rb|php|rs)$|^(Dockerfile|package\.json|go\.mod|pom\.xml|build\.gradle(\.kts)?|requirements\.txt|pyproject\.toml)$/;

/**
 * The code folder of each workload (its `sourceDir`, where the model reads its connections and health route):
 * the build context of the image when skaffold, Tilt or compose builds it, else a folder of the workspace named
 * as the image (`gcr.io/acme/cartservice` -> `src/cartservice/`) or as the workload, holding code or a Dockerfile.
 */
export async function assignCodeFolders(services: ServiceNode[], built: Map<string, string | undefined>, root: string | undefined, list: List): Promise<void> {
  const wanted = new Map<string, ServiceNode[]>();
  for (const s of services) {
    if (s.datastore) continue;
    const image = s.image && imageName(s.image.value);
    const context = image && built.get(image);
    if (context) {
      s.sourceDir = context;
      continue;
    }
    for (const n of new Set([image && basename(image), s.name].filter((x): x is string => !!x))) wanted.set(n, [...(wanted.get(n) ?? []), s]);
  }
  if (!root || !wanted.size) return;
  const queue: [string, number][] = [[root, 0]];
  while (queue.length) {
    const [dir, depth] = queue.shift()!;
    const entries = (await list(dir)) ?? [];
    for (const e of entries) {
      if (!e.dir || SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
      const path = join(dir, e.name);
      const owners = wanted.get(e.name)?.filter((s) => !s.sourceDir);
      if (owners?.length && ((await list(path)) ?? []).some((x) => !x.dir && CODE.test(x.name))) for (const s of owners) s.sourceDir = path;
      if (depth + 1 < MAX_DEPTH) queue.push([path, depth + 1]);
    }
  }
}
