// Shared by the CLI tests: run the built CLI (dist/cli.js) as a child process, and make throw-away workspaces.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
/** The built CLI; BA_DIST points the tests at a copy of dist/ (so another build of the checkout cannot replace it mid-run). */
export const CLI = join(process.env.BA_DIST ? resolve(process.env.BA_DIST) : join(ROOT, 'dist'), 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ...args` in `cwd` with colors off unless `env` says otherwise. */
export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  // Reports of thousands of findings run to megabytes: more than spawnSync's default 1 MB buffer.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI and parses its stdout as JSON (the json and sarif formats). */
export function runJson<T = any>(args: string[], cwd: string): CliRun & { json: T } {
  const r = runCli(args, cwd);
  let json: T;
  try {
    json = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, json };
}

/** A temporary directory filled with `files` (path -> text or bytes); `cleanup` removes it. */
export function tempWorkspace(files: Record<string, string | Uint8Array>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ba-cli-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `requests.get` without a timeout: one missing-timeout finding on line 3. */
export const PYTHON_WITHOUT_TIMEOUT = 'import requests\n\nrequests.get("http://orders.internal/")\n';
