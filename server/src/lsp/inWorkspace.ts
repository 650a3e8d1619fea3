import { readFile } from '../core/fsAsync';
import { basename, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CONFIG_FILE_NAME, mayAnalyze } from '../core/documents/classify';
import type { Folder } from './folders';

/**
 * Decides, for one file reported by a watcher or a closed editor, what the workspace scan would decide:
 * an analyzable name, not under .git, not matched by a .gitignore on the way down, not excluded by the settings or
 * the config file's ignore globs (the same walk as core/workspace/scan.ts, for one path).
 */
export class WorkspaceMembership {
  private readonly gitignores = new Map<string, Promise<Ignore | undefined>>();

  /** Forget cached .gitignore files (one changed). */
  reset(): void {
    this.gitignores.clear();
  }

  async includes(folder: Folder, path: string): Promise<boolean> {
    const name = basename(path);
    if (!mayAnalyze(name) && name !== CONFIG_FILE_NAME) return false;
    const rel = relative(folder.root, path).split(sep).join('/');
    if (!rel || rel.startsWith('../')) return false;
    const parts = rel.split('/');
    if (parts.includes('.git')) return false;
    // Each step down: the entry (directory or the file) against every .gitignore above it, then the exclude globs.
    const levels: { dir: string; rules: Ignore }[] = [];
    let dir = folder.root;
    for (let i = 0; i < parts.length; i++) {
      const rules = await this.gitignore(dir);
      if (rules) levels.push({ dir, rules });
      const full = join(dir, parts[i]);
      const isDir = i < parts.length - 1;
      for (const l of levels) {
        const r = relative(l.dir, full).split(sep).join('/');
        if (l.rules.ignores(isDir ? `${r}/` : r)) return false;
      }
      const entryRel = parts.slice(0, i + 1).join('/');
      if ((isDir && folder.config.isIgnored(`${entryRel}/`)) || folder.config.isIgnored(entryRel)) return false;
      dir = full;
    }
    return true;
  }

  private gitignore(dir: string): Promise<Ignore | undefined> {
    let p = this.gitignores.get(dir);
    if (!p) {
      p = readFile(join(dir, '.gitignore'), 'utf8').then(
        (text) => ignore().add(text),
        () => undefined,
      );
      this.gitignores.set(dir, p);
    }
    return p;
  }
}
