import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TOOL_NAME = 'backend-architect';
const FALLBACK_URI = 'https://github.com/backend-architect/backend-architect';

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
  /** Where bugs are reported: package.json's `bugs`, else the repository's issues. */
  issuesUri: string;
}

let cached: ToolInfo | undefined;

/**
 * The tool's version and home page, read from this package's package.json: beside dist/ when bundled, a few
 * levels up when run from source. Only a package.json named `backend-architect` is trusted; otherwise 0.0.0.
 */
export function toolInfo(): ToolInfo {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const pkg = readPackage(join(dir, 'package.json'));
    if (pkg?.name === TOOL_NAME && typeof pkg.version === 'string') {
      return (cached = { name: TOOL_NAME, version: pkg.version, informationUri: homePage(pkg), issuesUri: issuesPage(pkg) });
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return (cached = { name: TOOL_NAME, version: '0.0.0', informationUri: FALLBACK_URI, issuesUri: `${FALLBACK_URI}/issues` });
}

function readPackage(path: string): Record<string, any> | undefined {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8'));
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

function homePage(pkg: Record<string, any>): string {
  return webUrl(typeof pkg.homepage === 'string' ? pkg.homepage : pkg.repository?.url) ?? FALLBACK_URI;
}

function issuesPage(pkg: Record<string, any>): string {
  return webUrl(typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url) ?? `${webUrl(pkg.repository?.url) ?? FALLBACK_URI}/issues`;
}

/** An https URL from package.json, without a `git+` prefix or `.git` suffix; undefined for anything else. */
function webUrl(value: unknown): string | undefined {
  const url = typeof value === 'string' ? value.replace(/^git\+/, '').replace(/\.git$/, '') : '';
  return /^https:\/\//.test(url) ? url : undefined;
}
