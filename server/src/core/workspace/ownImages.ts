import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Per workspace root: the folders at its top that hold a Dockerfile (and the root's own name when it holds one), read at most every few seconds. */
const folders = new Map<string, { at: number; names: Set<string> }>();

function dockerFolders(root: string): Set<string> {
  const cached = folders.get(root);
  if (cached && Date.now() - cached.at < 5000) return cached.names;
  const names = new Set<string>();
  try {
    for (const d of readdirSync(root, { withFileTypes: true })) if (d.isDirectory() && !d.name.startsWith('.') && existsSync(join(root, d.name, 'Dockerfile'))) names.add(d.name);
    // The repository's own image, built from a Dockerfile at its top (`getsentry/snuba` for a checkout named snuba).
    if (existsSync(join(root, 'Dockerfile'))) names.add(basename(root));
  } catch {
    // an unreadable root: no folder known
  }
  if (folders.size > 100) folders.clear();
  folders.set(root, { at: Date.now(), names });
  return names;
}

/**
 * Whether an image is one of the workspace's own: its last name is that of a folder at the workspace's top with a
 * Dockerfile, alone or with a suffix (`acme/ts-auth-service-with-jaeger` for `ts-auth-service/Dockerfile`). Its
 * version tags are the project's release labels, which its own builds set, not a publisher's moving channel.
 */
export function isOwnImage(name: string, root: string | undefined): boolean {
  if (!root) return false;
  const last = name.slice(name.lastIndexOf('/') + 1);
  const own = dockerFolders(root);
  if (own.has(last)) return true;
  for (let i = last.indexOf('-'); i >= 0; i = last.indexOf('-', i + 1)) if (i >= 4 && own.has(last.slice(0, i))) return true;
  return false;
}
