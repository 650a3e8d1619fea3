/**
 * Deployment files of a sample program: a compose file or manifest inside a module of an examples folder
 * (`shenyu-examples/shenyu-examples-http/k8s/app.yml` beside that module's `pom.xml`). They deploy the sample to try
 * it, not the system: like a lesson's files, no deployment rule judges them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isSamplesFolder } from '../code/scope';
import { foldersOf } from '../unusedFolders';

const BUILD_FILES = ['pom.xml', 'build.gradle', 'build.gradle.kts', 'package.json', 'go.mod', 'pyproject.toml', 'setup.py', 'Cargo.toml'];
const hasBuild = new Map<string, boolean>();

function holdsBuildFile(dir: string): boolean {
  let known = hasBuild.get(dir);
  if (known === undefined) {
    known = BUILD_FILES.some((f) => existsSync(join(dir, f)));
    if (hasBuild.size > 5000) hasBuild.clear();
    hasBuild.set(dir, known);
  }
  return known;
}

export function isSampleProgramDeployment(path: string, root: string | undefined): boolean {
  if (!root || !path.startsWith(root)) return false;
  const folders = foldersOf(path, root);
  const at = folders.findIndex((d) => isSamplesFolder(d));
  if (at < 0) return false;
  // A module below the samples folder, between it and the file, with its own build file.
  let dir = join(root, ...folders.slice(0, at + 1));
  for (const d of folders.slice(at + 1)) {
    dir = join(dir, d);
    if (holdsBuildFile(dir)) return true;
  }
  return false;
}
