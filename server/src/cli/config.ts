import { readFile } from '../core/fsAsync';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../core/documents/classify';
import type { ConfigProblem } from '../core/config/configFile';
import { EffectiveConfig } from '../core/config/effective';
import { DEFAULT_SETTINGS } from '../core/config/defaults';
import { relativePath } from '../core/project';
import { RULE_IDS } from '../core/rules/index';
import { LineIndex } from '../core/text/lineIndex';
import { CliError } from './errors';

export interface CliConfig {
  config: EffectiveConfig;
  /** Absolute path of the configuration file that was read, if any. */
  path?: string;
}

/**
 * Defaults <- the configuration file: `--config FILE` if given (it must exist), else `.backend-architect.yaml`
 * in `cwd` when present. An unreadable or invalid file is a CliError listing every problem as file:line:col.
 */
export async function loadCliConfig(cwd: string, explicit?: string): Promise<CliConfig> {
  const path = explicit !== undefined ? resolve(cwd, explicit) : join(cwd, CONFIG_FILE_NAME);
  const shown = relativePath(cwd, path) || path;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (explicit === undefined && code === 'ENOENT') return { config: new EffectiveConfig(DEFAULT_SETTINGS) };
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new CliError(`cannot read config file ${shown}: ${why}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Loaded here, not at start-up: validating a config file is the only use of zod on the command line.
  const { parseConfigFile } = await import('../core/config/configFile');
  const parsed = parseConfigFile(text, RULE_IDS);
  const lines = new LineIndex(text);
  const where = (p: ConfigProblem) => {
    const pos = lines.positionAt(p.start);
    return `${shown}:${pos.line + 1}:${pos.character + 1}`;
  };
  // Unknown rule ids are errors too (as in ESLint): a misspelt id must not silently leave a rule at its default.
  if (parsed.problems.length) {
    throw new CliError(`invalid config file ${shown}`, parsed.problems.map((p) => `${where(p)}: ${oneLine(p.message)}`));
  }
  return { config: new EffectiveConfig(DEFAULT_SETTINGS, parsed.config), path };
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
