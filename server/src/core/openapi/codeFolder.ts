import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';
import { get, str } from '../documents/tree';
import type { RuleContext } from '../rules/types';

/** A service's build file: the folder holds the service's code. */
const BUILD_FILES = ['pom.xml', 'build.gradle', 'build.gradle.kts', 'package.json', 'go.mod', 'pyproject.toml', 'requirements.txt', 'setup.py'];

/** Build files that make the whole workspace one module of code (unlike a monorepo's tooling `package.json`). */
const ROOT_MODULE_FILES = ['go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts'];

/** A Maven or Gradle module's resources (`<module>/src/main/resources/static/swagger/api.yml`): the module is above `src`. */
const JVM_RESOURCES = /[\\/]src[\\/](?:main|test)[\\/]resources[\\/]/;

/**
 * Whether a folder above the spec, below the workspace root (at most four up, or the module of a JVM resources
 * tree), holds a service's build file: the spec sits in the code it documents, and what the code does (its probes,
 * its tracing) is judged on the code.
 */
export function specInCodeFolder(ctx: RuleContext): boolean {
  const model = (ctx.workspace as { model?: { root?: string; top?: string } } | undefined)?.model;
  const root = model?.top ?? model?.root;
  const path = ctx.source.path;
  if (!root || !isAbsolute(path) || !path.startsWith(root + sep)) return false;
  const hasBuildFile = (dir: string) => BUILD_FILES.some((f) => existsSync(join(dir, f)));
  // swag's output beside its docs.go: a spec generated from the code's annotations, at any depth.
  if (isSwagOutput(path)) return true;
  // protoc-gen-openapiv2's output, titled after the .proto file the services compile: the gateway's code owns it.
  if (/\.proto$/.test(str(get(get(ctx.data, 'info'), 'title')) ?? '')) return true;
  let dir = dirname(path);
  for (let up = 0; up < 4 && dir.startsWith(root + sep); up++, dir = dirname(dir)) {
    if (hasBuildFile(dir)) return true;
  }
  // Reached the root within four folders, and it is one Go module or Maven/Gradle build (`go.mod` above
  // `api/openapi.yaml`): the code is the spec's.
  if (dir === root && ROOT_MODULE_FILES.some((f) => existsSync(join(root, f)))) return true;
  const resources = JVM_RESOURCES.exec(path.slice(root.length));
  const module = resources && root + path.slice(root.length, root.length + resources.index);
  return !!module && module.startsWith(root + sep) && hasBuildFile(module);
}

/**
 * A spec swag generated from a Go service's annotations: beside its `docs.go`, or `<instance>_docs.go` when generated
 * with `--instanceName`. swag's template takes the base path from the code at run time (`docs.SwaggerInfo.BasePath`).
 */
export function isSwagOutput(path: string): boolean {
  if (!isAbsolute(path)) return false;
  const dir = dirname(path);
  if (existsSync(join(dir, 'docs.go'))) return true;
  try {
    return readdirSync(dir).some((f) => f.endsWith('_docs.go'));
  } catch {
    return false;
  }
}
