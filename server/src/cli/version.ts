import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TOOL_NAME = 'backend-architect';
const FALLBACK_URI = 'https://github.com/backend-architect/backend-architect';

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
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
      return (cached = { name: TOOL_NAME, version: pkg.version, informationUri: homePage(pkg) });
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return (cached = { name: TOOL_NAME, version: '0.0.0', informationUri: FALLBACK_URI });
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
  const candidate = typeof pkg.homepage === 'string' ? pkg.homepage : typeof pkg.repository?.url === 'string' ? pkg.repository.url : '';
  const url = candidate.replace(/^git\+/, '').replace(/\.git$/, '');
  return /^https:\/\//.test(url) ? url : FALLBACK_URI;
}
