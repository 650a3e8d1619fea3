import type { ComposeProject } from '../../compose/project';
import type { SourceGroup } from '../build';
import { resolveService, type ServiceIo } from './services';

/** The compose source of the model: one group per compose project, its services merged across its files. */
export async function composeGroups(projects: ComposeProject[], io: ServiceIo): Promise<SourceGroup[]> {
  const out: SourceGroup[] = [];
  for (const p of projects) {
    const own = { ...io, touched: new Set<string>() };
    const services = [];
    for (const [name, defs] of p.services) services.push(await resolveService(p, name, defs, own));
    for (const t of own.touched) io.touched.add(t);
    out.push({ main: p.main, dir: p.dir, files: [...p.files, ...own.touched], services });
  }
  return out;
}
