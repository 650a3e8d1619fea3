// Manifests for a local cluster (minikube, kind, Docker Desktop): a workload of their folder runs an image that is
// never pulled (`imagePullPolicy: Never`: built into or loaded onto the node, `eval $(minikube docker-env)`, `kind
// load`). Like a compose file for development they deploy nothing anyone relies on: availability, memory limits and
// probes are not asked of them, and what guards only the developer's cluster (a password, a version-line tag) is a hint.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { RuleContext } from '../types';

const NEVER_PULLED = /^\s*imagePullPolicy:\s*["']?Never\b/m;
const MANIFEST = /\.ya?ml$/i;
const MAX_FILES = 200;

const byModel = new WeakMap<object, Map<string, boolean>>();

/** Whether a manifest of `dir` or of its direct sub-folders runs an image that is never pulled. */
function folderNeverPulls(dir: string): boolean {
  let seen = 0;
  const scan = (d: string, depth: number): boolean => {
    let list;
    try {
      list = readdirSync(d, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const e of list) {
      if (++seen > MAX_FILES) return false;
      const p = join(d, e.name);
      if (e.isFile() && MANIFEST.test(e.name)) {
        try {
          if (NEVER_PULLED.test(readFileSync(p, 'utf8'))) return true;
        } catch {
          // unreadable: says nothing
        }
      } else if (depth < 1 && e.isDirectory() && !e.name.startsWith('.')) {
        if (scan(p, depth + 1)) return true;
      }
    }
    return false;
  };
  return scan(dir, 0);
}

/** Whether the manifest being checked belongs to a local cluster's manifests (its folder, or the one above it). */
export function inLocalCluster(ctx: RuleContext): boolean {
  if (NEVER_PULLED.test(ctx.source.text)) return true;
  const root = ctx.model?.root;
  if (!root || relative(root, ctx.source.path).startsWith('..')) return false;
  let cache = ctx.model ? byModel.get(ctx.model) : undefined;
  if (!cache) {
    cache = new Map();
    if (ctx.model) byModel.set(ctx.model, cache);
  }
  const own = dirname(ctx.source.path);
  for (const dir of [own, dirname(own)]) {
    if (relative(root, dir).startsWith('..') || dir === root) break;
    let never = cache.get(dir);
    if (never === undefined) cache.set(dir, (never = folderNeverPulls(dir)));
    if (never) return true;
  }
  return false;
}
