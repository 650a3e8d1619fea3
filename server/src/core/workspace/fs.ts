import { readdir, readFile } from '../fsAsync';
import { isAbsolute, join } from 'node:path';

/** What the model reads files through: the disk, or a map of texts in tests. */
export interface ModelFs {
  read(path: string): Promise<string | undefined>;
  /** Entries of a directory, or undefined when it cannot be listed. */
  list(dir: string): Promise<{ name: string; dir: boolean }[] | undefined>;
}

const MAX_BYTES = 512 * 1024;

/** The disk; relative paths (untitled documents, tests) read nothing. */
export const diskFs: ModelFs = {
  async read(path) {
    if (!isAbsolute(path)) return undefined;
    try {
      const buf = await readFile(path);
      return buf.length > MAX_BYTES || buf.subarray(0, 4096).includes(0) ? undefined : buf.toString('utf8');
    } catch {
      return undefined;
    }
  },
  async list(dir) {
    if (!isAbsolute(dir)) return undefined;
    try {
      return (await readdir(dir, { withFileTypes: true })).filter((e) => !e.isSymbolicLink()).map((e) => ({ name: e.name, dir: e.isDirectory() }));
    } catch {
      return undefined;
    }
  },
};

/** A file system of texts by absolute path ('/w/compose.yaml'), for tests. */
export function memoryFs(files: Record<string, string>): ModelFs {
  return {
    async read(path) {
      return files[path];
    },
    async list(dir) {
      return entriesUnder(files, dir);
    },
  };
}

/** The entries of a folder of an in-memory file system (paths by absolute path), undefined when it has none. */
export function entriesUnder(files: Record<string, unknown>, dir: string): { name: string; dir: boolean }[] | undefined {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const names = new Map<string, boolean>();
  for (const p of Object.keys(files)) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    const i = rest.indexOf('/');
    names.set(i < 0 ? rest : rest.slice(0, i), i >= 0);
  }
  return names.size ? [...names].map(([name, d]) => ({ name, dir: d })) : undefined;
}

export const joinPath = join;
