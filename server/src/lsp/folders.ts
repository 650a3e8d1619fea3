import { join } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME } from '../core/documents/classify';
import { parseConfigFile } from '../core/config/configFile';
import { EffectiveConfig } from '../core/config/effective';
import { DEFAULT_SETTINGS, type Settings } from '../core/config/schema';
import { isWithin } from '../core/paths';
import { loadProjectConfig } from '../core/project';
import { RULE_IDS } from '../core/rules/index';
import { WorkspaceIndex } from '../core/workspace/index';
import type { SettingsStore } from './settings';
import { uriToPath } from './uris';

/** A workspace folder: its settings, its `.backend-architect.yaml` merged over them, and its workspace index. */
export interface Folder {
  uri: string;
  root: string;
  settings: Settings;
  config: EffectiveConfig;
  configFileValid: boolean;
  index: WorkspaceIndex;
  /** Whether the config file's `ignore` globs match a folder-relative path (such files are not analyzed even when open). */
  ignoredByConfigFile: (relativePath: string) => boolean;
  /** Settles when the settings and config file of the last refresh are loaded. */
  ready: Promise<void>;
}

export class Folders {
  private readonly folders = new Map<string, Folder>();
  private readonly loads = new WeakMap<Folder, number>();

  constructor(
    private readonly settings: SettingsStore,
    /** Text of the config file when it is open in the editor (the buffer wins over the disk). */
    private readonly openText: (path: string) => string | undefined,
  ) {}

  list(): Folder[] {
    return [...this.folders.values()];
  }

  add(uri: string): Folder | undefined {
    const root = uriToPath(uri);
    if (!root || this.folders.has(root)) return undefined;
    const f: Folder = { uri, root, settings: DEFAULT_SETTINGS, config: new EffectiveConfig(DEFAULT_SETTINGS), configFileValid: true, index: new WorkspaceIndex({ boundary: root }), ignoredByConfigFile: () => false, ready: Promise.resolve() };
    this.folders.set(root, f);
    return f;
  }

  remove(uri: string): Folder | undefined {
    const root = uriToPath(uri);
    const f = root ? this.folders.get(root) : undefined;
    if (f) this.folders.delete(f.root);
    return f;
  }

  /** The innermost folder holding a path. */
  of(path: string | undefined): Folder | undefined {
    if (!path) return undefined;
    let best: Folder | undefined;
    for (const f of this.folders.values()) {
      if (isWithin(path, f.root) && (!best || f.root.length > best.root.length)) best = f;
    }
    return best;
  }

  /** Reloads a folder's settings and config file; resolves true when its effective configuration changed. */
  refresh(f: Folder): Promise<boolean> {
    const before = fingerprint(f);
    const p = this.load(f).then(() => fingerprint(f) !== before);
    f.ready = p.then(() => undefined, () => undefined);
    return p;
  }

  private async load(f: Folder): Promise<void> {
    const seq = (this.loads.get(f) ?? 0) + 1;
    this.loads.set(f, seq);
    const settings = await this.settings.get(f.uri);
    const text = this.openText(join(f.root, CONFIG_FILE_NAME));
    const { config, configFileValid } = text === undefined ? await loadProjectConfig(f.root, settings) : configFromText(text, settings);
    if (this.loads.get(f) !== seq) return; // a newer refresh owns the result
    f.settings = settings;
    f.config = config;
    f.configFileValid = configFileValid;
    const globs = config.file.ignore ?? [];
    f.ignoredByConfigFile = globs.length ? picomatch(globs, { dot: true }) : () => false;
  }
}

/** Like loadProjectConfig, for the text of an open config file: problems other than unknown rule ids void it. */
function configFromText(text: string, settings: Settings): { config: EffectiveConfig; configFileValid: boolean } {
  const parsed = parseConfigFile(text, RULE_IDS);
  const fatal = parsed.problems.some((p) => !p.message.startsWith('Unknown rule id'));
  return { config: new EffectiveConfig(settings, fatal ? {} : parsed.config), configFileValid: !fatal };
}

function fingerprint(f: Folder): string {
  return JSON.stringify([f.settings, f.config.file, f.configFileValid]);
}
