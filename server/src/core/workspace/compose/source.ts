import { join } from 'node:path';
import type { ComposeProject } from '../../compose/project';
import type { SourceGroup } from '../build';
import { developmentModeMarksFile } from '../../compose/devSetup';
import { resolveService, type ServiceIo } from './services';

/** The compose source of the model: one group per compose project, its services merged across its files. */
export async function composeGroups(projects: ComposeProject[], io: ServiceIo): Promise<SourceGroup[]> {
  const out: SourceGroup[] = [];
  for (const p of projects) {
    const own = { ...io, touched: new Set<string>() };
    const services = [];
    for (const [name, defs] of p.services) services.push(await resolveService(p, name, defs, own));
    // A component of the main file run in its vendor's development mode (Ory's `--dev`) makes the files applied on
    // top of it development files too.
    const mainFile = [...p.services.values()].flat().find((d) => d.file.path === p.main)?.file;
    const tools = new Set(services.filter((s) => s.datastore || s.reverseProxy).map((s) => s.name));
    const devMode = !!mainFile && developmentModeMarksFile(mainFile.root, (name) => tools.has(name));
    const development = devMode || (await startedForDevelopment(p.dir, own));
    for (const t of own.touched) io.touched.add(t);
    out.push({ main: p.main, dir: p.dir, files: [...p.files, ...own.touched], services, ...(development ? { development: true as const } : {}) });
  }
  return out;
}

/** Build files whose dependency on Spring Boot's docker-compose support makes the compose file beside them a development one. */
const BUILD_FILES = ['pom.xml', 'build.gradle', 'build.gradle.kts'];

/** Whether an application built in this folder starts its compose file itself during development (`spring-boot-docker-compose`). */
async function startedForDevelopment(dir: string, io: ServiceIo): Promise<boolean> {
  for (const name of BUILD_FILES) {
    const path = join(dir, name);
    io.touched.add(path);
    if (/\bspring-boot-docker-compose\b/.test((await io.text(path)) ?? '')) return true;
  }
  return false;
}
