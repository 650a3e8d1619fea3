// A compose file that only changes services another file defines (`docker compose -f quickstart.yml -f
// quickstart-postgres.yml`): a service with neither image, build nor extends cannot run alone, so the file is applied
// on top of the file beside it that defines that service.
import { basename, dirname } from 'node:path';
import { entries, get, isMap } from '../../documents/tree';
import type { ComposeFile } from '../../compose/project';

type Group = { main: string; overlays: string[] };

/** Services of a file by name, and whether each is complete (it names an image, a build or a service it extends). */
function servicesOf(file: ComposeFile | undefined): Map<string, boolean> {
  return new Map(entries(get(file?.root, 'services')).map((e) => [e.key.text, isMap(e.value) && ['image', 'build', 'extends'].some((k) => get(e.value, k) !== undefined)]));
}

/**
 * Moves each file on its own whose services include one it only changes into the group of the file in its folder that
 * defines all those services completely (the shortest name first: `quickstart.yml` before `quickstart-debug.yml`).
 */
export async function attachPartialFiles(groups: Group[], io: { compose(path: string): Promise<ComposeFile | undefined> }): Promise<Group[]> {
  const services = new Map<string, Map<string, boolean>>();
  for (const g of groups) services.set(g.main, servicesOf(await io.compose(g.main)));
  const target = new Map<string, string>();
  for (const g of groups) {
    if (g.overlays.length) continue;
    const partial = [...services.get(g.main)!].filter(([, complete]) => !complete).map(([name]) => name);
    if (!partial.length) continue;
    const base = groups
      .filter((o) => o !== g && dirname(o.main) === dirname(g.main) && partial.every((n) => services.get(o.main)!.get(n) === true))
      .sort((a, b) => basename(a.main).length - basename(b.main).length || (a.main < b.main ? -1 : 1))[0];
    if (base) target.set(g.main, base.main);
  }
  if (!target.size) return groups;
  const out = groups.filter((g) => !target.has(g.main)).map((g) => ({ main: g.main, overlays: [...g.overlays] }));
  for (const [overlay, main] of target) out.find((g) => g.main === main)?.overlays.push(overlay);
  for (const g of out) g.overlays.sort();
  return out;
}
